"""A real SMTP server (aiosmtpd) on a local port, told how to answer: accept every message,
refuse for now (451), refuse for good (554), or be down altogether (the port closed)."""

from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller

ACCEPT = "250 Message accepted for delivery"
TRY_LATER = "451 4.3.0 Relay busy, try again later"
REFUSE = "554 5.7.1 Relay refuses this message"


class Relay:
    def __init__(self, port: int):
        self.port = port
        self.answer = ACCEPT
        self.received: list[Message] = []
        self.refused = 0
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.answer != ACCEPT:
            self.refused += 1
            return self.answer
        self.received.append(message_from_bytes(envelope.content))
        return ACCEPT

    def up(self) -> "Relay":
        if self._controller is None:
            self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self._controller.start()
        return self

    def down(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
