"""A real SMTP server for the follow tests (aiosmtpd, in a thread of the test process)."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    """What the SMTP server accepted. A message counts once the server has answered 250;
    a transaction whose client vanished before the answer is not delivered."""

    def __init__(self):
        self.messages = []
        self.hold = None  # set to a threading.Event to hold an answer until it is set:
        self.hold_after = 0  # the answer to the first message after this many accepted
        self.refuse = set()  # recipients whose content is refused (554)
        self.holding = threading.Event()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.refuse.intersection(envelope.rcpt_tos):
            return "554 5.6.0 content refused"
        hold = None
        if self.hold is not None and len(self.messages) >= self.hold_after:
            hold, self.hold = self.hold, None
        if hold is not None:
            self.holding.set()
            while not hold.is_set():
                await asyncio.sleep(0.05)
            if session.transport is None or session.transport.is_closing():
                return "451 client gone"
        with self.lock:
            self.messages.append(envelope.content)
        return "250 accepted"

    def by_message_id(self):
        import email
        from collections import Counter

        return Counter(email.message_from_bytes(raw)["Message-ID"] for raw in self.messages)


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 10}}}
    mailbox.port = port
    yield mailbox
    controller.stop()
