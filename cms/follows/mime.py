"""A fast MIME writer for many plain-text e-mails that differ only in a few headers and
links. Python's email package folds every header of every message in pure Python
(~20 ms a message on a busy machine); here the parts shared by a batch are encoded once.

Only for ASCII recipient addresses; anything else goes through Django's EmailMessage.
:func:`send_many` hands them to an open smtplib connection, one round trip a message when the
server offers PIPELINING (RFC 2920), four otherwise."""

import base64
import functools
import re
import smtplib
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr


@functools.lru_cache(maxsize=256)
def encoded_header(value):
    """An unstructured header value, RFC 2047-encoded and folded when it is not ASCII."""
    if value.isascii() and len(value) < 900:
        return value
    return Header(value, "utf-8", maxlinelen=76).encode(linesep="\r\n")


@functools.lru_cache(maxsize=16)
def encoded_address(value):
    name, address = parseaddr(value)
    return formataddr((str(Header(name, "utf-8").encode()) if not name.isascii() else name, address))


def can_encode(address):
    return address.isascii() and "\r" not in address and "\n" not in address


def encode_message(*, sender, to, subject, body, headers):
    """The bytes of one text/plain UTF-8 message. ``headers`` values must be ASCII; long ones
    (List-Unsubscribe) are folded before their value, where a fold is always allowed."""
    lines = [
        f"From: {encoded_address(sender)}",
        f"To: {to}",
        f"Subject: {encoded_header(subject)}",
        f"Date: {formatdate(localtime=False, usegmt=True)}",
    ]
    for name, value in headers.items():
        lines.append(f"{name}:\r\n {value}" if len(name) + len(value) > 76 else f"{name}: {value}")
    lines += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: base64"]
    head = "\r\n".join(lines).encode("ascii")
    return head + b"\r\n\r\n" + base64.encodebytes(body.encode()).replace(b"\n", b"\r\n")


LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


def send_many(smtp, *, sender, messages, before_end=None):
    """Send ``(item, to, data)`` triples (``data`` from :func:`encode_message`) over the open
    smtplib connection ``smtp``, yielding ``(item, error)`` for each as soon as the server
    has answered its content: ``error`` is ``None`` when the server accepted it, else an
    ``smtplib.SMTPException``. ``before_end(item)`` is called before the end of the item's
    content is written, while the server cannot have accepted it yet. When the server offers
    PIPELINING (RFC 2920) one message's content and the next message's envelope go in one
    write: one round trip a message."""
    smtp.ehlo_or_helo_if_needed()
    before_end = before_end or (lambda item: None)
    if not smtp.has_extn("pipelining"):
        for item, to, data in messages:
            try:
                before_end(item)
                smtp.sendmail(sender, [to], data)
            except smtplib.SMTPException as error:
                smtp.rset()
                yield item, error
            else:
                yield item, None
        return
    mail_from = parseaddr(sender)[1]

    def envelope(to):
        return f"MAIL FROM:<{mail_from}>\r\nRCPT TO:<{to}>\r\nDATA\r\n".encode("ascii")

    pending = iter(messages)
    current = next(pending, None)
    if current is not None:
        smtp.send(envelope(current[1]))
    while current is not None:
        item, to, data = current
        refused = _envelope_refused(smtp, sender, to)
        following = next(pending, None)
        after = envelope(following[1]) if following is not None else b""
        if refused is not None:
            smtp.rset()
            if after:
                smtp.send(after)
            yield item, refused
        else:
            if not data.endswith(b"\r\n"):
                data += b"\r\n"
            content = LEADING_DOT.sub(b"..", data) + b".\r\n" + after
            before_end(item)
            smtp.send(content)
            code, text = smtp.getreply()
            yield item, None if code == 250 else smtplib.SMTPDataError(code, text)
        current = following


def _envelope_refused(smtp, sender, to):
    """Read the answers to MAIL, RCPT and DATA: ``None`` when the server waits for the
    content, else the error (after ending any content the server waits for anyway)."""
    (mail, mail_text), (rcpt, rcpt_text), (go, go_text) = smtp.getreply(), smtp.getreply(), smtp.getreply()
    if go == 354 and mail == 250 and rcpt in (250, 251):
        return None
    if go == 354:
        smtp.send(b".\r\n")
        smtp.getreply()
    if mail != 250:
        return smtplib.SMTPSenderRefused(mail, mail_text, sender)
    if rcpt not in (250, 251):
        return smtplib.SMTPRecipientsRefused({to: (rcpt, rcpt_text)})
    return smtplib.SMTPDataError(go, go_text)
