"""An optional virus scan of uploads by clamd (ClamAV's daemon), over its INSTREAM command.

Configured by CLAMD_SOCKET (a Unix socket path) or CLAMD_HOST (and CLAMD_PORT, default 3310).
With neither set there is no scan (README.md, "Uploads"). When one is set, the scan fails
closed: a file is stored only if clamd answered that it is clean.

The protocol (clamd's manual): send `zINSTREAM\\0`, then the data in chunks, each preceded by
its length as a 4-byte big-endian number, then a zero length; clamd answers one
NUL-terminated line: `stream: OK`, `stream: <signature> FOUND`, or `... ERROR`.
"""

import logging
import socket
import struct

from django.conf import settings

from .errors import InvalidInput

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
UNAVAILABLE = (
    "The file could not be checked for viruses just now, so it has not been uploaded. "
    "Try again in a few minutes"
)


def configured() -> bool:
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def _connect() -> socket.socket:
    timeout = settings.CLAMD_TIMEOUT
    if settings.CLAMD_SOCKET:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        connection.connect(settings.CLAMD_SOCKET)
        return connection
    return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=timeout)


def scan(data: bytes) -> str:
    """clamd's answer for `data`, without the `stream: ` prefix (for example "OK")."""
    with _connect() as connection:
        connection.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            connection.sendall(struct.pack(">I", len(chunk)) + chunk)
        connection.sendall(struct.pack(">I", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            received = connection.recv(4096)
            if not received:
                break
            reply += received
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    return answer.removeprefix("stream:").strip()


def check(data: bytes) -> None:
    """Refuse a file clamd finds a virus in, or cannot vouch for; nothing when unconfigured."""
    if not configured():
        return
    try:
        answer = scan(data)
    except OSError:
        log.exception("clamd could not be reached to scan an upload")
        raise InvalidInput(UNAVAILABLE) from None
    if answer == "OK":
        return
    if answer.endswith("FOUND"):
        log.warning("clamd found %s in an upload", answer.removesuffix("FOUND").strip())
        raise InvalidInput(
            "The file contains a virus, so it has not been uploaded. Tell your IT service desk"
        )
    log.error("clamd could not scan an upload: %s", answer)
    raise InvalidInput(UNAVAILABLE)
