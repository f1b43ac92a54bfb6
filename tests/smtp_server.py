"""A real SMTP server (aiosmtpd) on an ephemeral loopback port, keeping every message it receives."""
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler keeping every message it receives as (recipients, message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, _server, _session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def to(self, address):
        """Return the messages received for `address`, oldest first."""
        return [message for recipients, message in self.messages if address in recipients]

    def texts(self):
        """Return the plain-text body of every message received, oldest first."""
        return [message.get_body(("plain",)).get_content() for _rcpt, message in self.messages]


def free_port():
    """Return a loopback port nobody listens on (for now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(app, monkeypatch):
    """The shop mailing through a real SMTP server on 127.0.0.1; yields its Inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    yield inbox
    controller.stop()
