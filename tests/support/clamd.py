"""A tiny real TCP server that speaks clamd's INSTREAM protocol, for the virus-scan tests."""

import socket
import struct
import threading

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """Reads `zINSTREAM\\0` and the length-prefixed chunks up to the zero length, then answers
    `stream: OK` or, if the EICAR test string is in the stream, `stream: Eicar-Signature FOUND`
    (or a fixed `answer`)."""

    def __init__(self, answer: bytes | None = None):
        self.answer = answer
        self.streams: list[bytes] = []
        # A port of its own (not clamd's 3310 or a fixed one): parallel test workers, and a
        # port still in TIME_WAIT from the test before, never clash.
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.settimeout(5)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, connection, size: int) -> bytes:
        data = b""
        while len(data) < size:
            received = connection.recv(size - len(data))
            if not received:
                raise ConnectionError("closed early")
            data += received
        return data

    def _serve(self):
        try:
            while True:
                connection, _ = self.listener.accept()
                with connection:
                    assert self._read(connection, len(b"zINSTREAM\0")) == b"zINSTREAM\0"
                    stream = b""
                    while length := struct.unpack(">I", self._read(connection, 4))[0]:
                        stream += self._read(connection, length)
                    self.streams.append(stream)
                    reply = self.answer or (
                        b"stream: Eicar-Signature FOUND" if EICAR in stream else b"stream: OK"
                    )
                    connection.sendall(reply + b"\0")
        except OSError:
            return

    def close(self):
        self.listener.close()
        self.thread.join(timeout=5)


def unused_port() -> int:
    """A port nothing listens on (it was free a moment ago)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]
