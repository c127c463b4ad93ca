"""A fast MIME writer for many plain-text e-mails that differ only in a few headers and
links. Python's email package folds every header of every message in pure Python
(~20 ms a message on a busy machine); here the parts shared by a batch are encoded once.

Only for ASCII recipient addresses; anything else goes through Django's EmailMessage."""

import base64
import functools
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
