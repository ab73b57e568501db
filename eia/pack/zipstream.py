"""A zip written as it is read: each member is compressed into a small buffer that is handed
on at once, so the response (or file) grows while memory stays flat. The standard library's
zipfile writes to an unseekable stream with data descriptors; this only drains what it writes.
"""

import hashlib
import json
import zipfile
from collections.abc import Iterable, Iterator


class _Drain:
    """A write-only file whose contents are taken away as soon as they are written."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.position = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream_zip(
    members: Iterable[tuple[str, Iterable[bytes]]], *, manifest: dict
) -> Iterator[bytes]:
    """Yield the zip of `members` ((name, chunks) pairs), then `manifest.json`: `manifest`
    plus the size and SHA-256 of every file before it."""
    drain = _Drain()
    files = []
    with zipfile.ZipFile(drain, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in members:
            digest, size = hashlib.sha256(), 0
            with archive.open(name, mode="w", force_zip64=True) as member:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    member.write(chunk)
                    yield drain.take()
            files.append({"name": name, "bytes": size, "sha256": digest.hexdigest()})
            yield drain.take()
        listing = json.dumps(manifest | {"files": files}, indent=2, ensure_ascii=False)
        archive.writestr("manifest.json", listing)
    yield drain.take()
