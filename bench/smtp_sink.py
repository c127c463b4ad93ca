"""A local SMTP sink for the notify benchmark: a minimal SMTP server on asyncio (uvloop)
that accepts every message and keeps only what the benchmark counts. Several sink
processes share one port (SO_REUSEPORT). Each accepted message appends a line
``<Message-ID>\t<recipient>`` to the sink's file. It answers pipelined commands
(RFC 2920) in order, so it spends a few microseconds a message where a full SMTP
server spends milliseconds and would be the bottleneck.

    python bench/smtp_sink.py PORT OUTFILE
"""

import asyncio
import re
import signal
import socket
import sys

import uvloop

MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(?:\r\n[ \t]+)?(<[^>]+>)", re.IGNORECASE | re.MULTILINE)
END_OF_DATA = b"\r\n.\r\n"
EHLO = b"250-sink.invalid\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"


class SinkProtocol(asyncio.Protocol):
    def __init__(self, out):
        self.out = out
        self.buffer = b""
        self.in_data = False
        self.recipients = []

    def connection_made(self, transport):
        self.transport = transport
        transport.write(b"220 sink.invalid ESMTP chandra-sink\r\n")

    def data_received(self, data):
        self.buffer += data
        replies = []
        while self.buffer:
            if self.in_data:
                end = self.buffer.find(END_OF_DATA)
                if end < 0:
                    break
                self._accept(self.buffer[:end])
                self.buffer = self.buffer[end + len(END_OF_DATA):]
                self.in_data = False
                replies.append(b"250 accepted\r\n")
                continue
            line, found, rest = self.buffer.partition(b"\r\n")
            if not found:
                break
            self.buffer = rest
            replies.append(self._command(line))
            if self.transport.is_closing():
                break
        if replies:
            self.transport.write(b"".join(replies))

    def _command(self, line):
        verb = line[:4].upper()
        if verb == b"EHLO":
            return EHLO
        if verb in (b"HELO", b"NOOP"):
            return b"250 ok\r\n"
        if verb in (b"MAIL", b"RSET"):
            self.recipients = []
            return b"250 ok\r\n"
        if verb == b"RCPT":
            self.recipients.append(line[line.index(b"<") + 1:line.rindex(b">")].decode())
            return b"250 ok\r\n"
        if verb == b"DATA":
            self.in_data = True
            return b"354 go ahead\r\n"
        if verb == b"QUIT":
            self.transport.write(b"221 bye\r\n")
            self.transport.close()
            return b""
        return b"502 not implemented\r\n"

    def _accept(self, content):
        found = MESSAGE_ID.search(content)
        message_id = found.group(1).decode() if found else "-"
        self.out.write("".join(f"{message_id}\t{recipient}\n" for recipient in self.recipients))
        self.recipients = []


def main(port, path):
    with open(path, "a", buffering=1 << 16) as out:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(512)
        loop = uvloop.new_event_loop()
        stop = loop.create_future()
        loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
        server = loop.run_until_complete(loop.create_server(lambda: SinkProtocol(out), sock=sock))
        loop.run_until_complete(stop)
        server.close()
        out.flush()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
