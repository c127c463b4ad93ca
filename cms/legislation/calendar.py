"""An iCalendar (RFC 5545) feed of upcoming sittings."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

PRODID = "-//Chandra//Senate sittings//TH"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > 75:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


def sittings_ics(sittings, *, host: str, url_for) -> str:
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:" + _escape("การประชุมวุฒิสภา"), "X-WR-TIMEZONE:Asia/Bangkok"]
    for sitting in sittings:
        lines += ["BEGIN:VEVENT", f"UID:sitting-{sitting.pk}@{host}", f"DTSTAMP:{stamp}"]
        if sitting.starts_at:
            start = timezone.make_aware(dt.datetime.combine(sitting.date, sitting.starts_at))
            lines.append("DTSTART:" + start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
            if sitting.ends_at:
                end = timezone.make_aware(dt.datetime.combine(sitting.date, sitting.ends_at))
                lines.append("DTEND:" + end.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
        else:
            lines.append(f"DTSTART;VALUE=DATE:{sitting.date:%Y%m%d}")
            lines.append(f"DTEND;VALUE=DATE:{sitting.date + dt.timedelta(days=1):%Y%m%d}")
        title = sitting.committee.name if sitting.committee_id else sitting.get_kind_display()
        if sitting.number:
            title = f"{title} {sitting.number}"
        lines.append("SUMMARY:" + _escape(str(title)))
        agenda = "\n".join(f"{item.number or index}. {item.title}"
                           for index, item in enumerate(sitting.agenda_items.all(), start=1))
        if agenda:
            lines.append("DESCRIPTION:" + _escape(agenda))
        if sitting.place:
            lines.append("LOCATION:" + _escape(sitting.place))
        lines += ["URL:" + url_for(sitting), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
