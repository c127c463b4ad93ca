"""vCard 3.0 (RFC 2426) for a person or an office, for the phone's address book."""

from __future__ import annotations


def _escape(value: str) -> str:
    return (value or "").replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 2425 §5.8.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        piece = ch.encode("utf-8")
        if len(current) + len(piece) > 74:
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _phone(number: str, extension: str = "") -> str:
    return f"{number} ext. {extension}" if extension else number


def build(*, name: str, organisation: list[str], title: str = "", phone: str = "", extension: str = "",
          email: str = "", address: str = "", kind: str = "individual") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(name)}"]
    if kind == "individual":
        lines.append(f"N:{_escape(name)};;;;")
    else:
        lines.append("N:;;;;")
        lines.append("X-ABShowAs:COMPANY")
    lines.append("ORG:" + ";".join(_escape(part) for part in organisation if part))
    if title:
        lines.append(f"TITLE:{_escape(title)}")
    if phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(_phone(phone, extension))}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_escape(email)}")
    if address:
        lines.append(f"ADR;TYPE=WORK:;;{_escape(address)};;;;")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


SECRETARIAT = "สำนักงานเลขาธิการวุฒิสภา"


def for_person(person) -> str:
    return build(
        name=person.name, organisation=[SECRETARIAT, person.office.name if person.office_id else ""], title=person.position, phone=person.phone,
        extension=person.extension, email=person.email,
    )


def for_office(office) -> str:
    return build(
        name=office.name, organisation=[SECRETARIAT, office.name], phone=office.phone, extension=office.extension,
        email=office.email, address=office.location, kind="org",
    )
