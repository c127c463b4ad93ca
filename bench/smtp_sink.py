"""A local SMTP sink for the notify benchmark: aiosmtpd behind a SO_REUSEPORT socket, so
several sink processes share one port. Each accepted message appends a line
``<Message-ID>\t<recipient>`` to the sink's file; the benchmark counts them.

    python bench/smtp_sink.py PORT OUTFILE
"""

import asyncio
import re
import signal
import socket
import sys

from aiosmtpd.smtp import SMTP

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)


class CountingHandler:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):
        found = MESSAGE_ID.search(envelope.original_content or envelope.content)
        message_id = found.group(1).decode() if found else "-"
        for recipient in envelope.rcpt_tos:
            self.out.write(f"{message_id}\t{recipient}\n")
        return "250 Message accepted"


def main(port, path):
    with open(path, "a", buffering=1 << 16) as out:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(512)
        handler = CountingHandler(out)
        loop = asyncio.new_event_loop()
        stop = loop.create_future()
        loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
        server = loop.run_until_complete(loop.create_server(
            lambda: SMTP(handler, hostname="sink.invalid", ident="chandra-sink"), sock=sock))
        loop.run_until_complete(stop)
        server.close()
        out.flush()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
