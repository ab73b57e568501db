"""Evidence uploads: a size limit, types recognised by their content (never by their name),
zip-based documents measured while they are unpacked, an optional virus scan
(eia/virus_scan.py), and stored under a random name so nothing a user typed reaches the file
system. The name the user's browser sent is kept, exactly, for display (templates escape it).
"""

import io
import struct
import unicodedata
import uuid
import zipfile
import zlib
from dataclasses import dataclass

from . import virus_scan
from .errors import InvalidInput

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A zip-based document may not unpack to more than this (guards against zip bombs), counted
# from what its members really inflate to: the sizes an archive declares can lie.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
# Past a megabyte, a document never unpacks to more than this many times its packed size
# (Word and Excel files measured 3 to 30 times; a zip bomb is over a thousand).
MAX_RATIO = 200
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name and extra lengths

ALLOWED_DESCRIPTION = (
    "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), CSV, text, PNG or JPEG"
)


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


PDF = Kind("pdf", "application/pdf", "PDF")
PNG = Kind("png", "image/png", "PNG image")
JPEG = Kind("jpg", "image/jpeg", "JPEG image")
DOCX = Kind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
)
XLSX = Kind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook"
)
ODT = Kind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text")
ODS = Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet")
CSV = Kind("csv", "text/csv", "CSV file")
TXT = Kind("txt", "text/plain", "text file")

# The extensions a name may carry for each kind.
EXTENSIONS = {
    "pdf": PDF,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
    "docx": DOCX,
    "xlsx": XLSX,
    "odt": ODT,
    "ods": ODS,
    "csv": CSV,
    "txt": TXT,
}


def safe_display_name(name: str) -> str:
    """The name as the user sent it, for display only (never a path: the stored name is
    random). Only control characters go, since the name is sent back in a download's header;
    HTML stays as typed and every page escapes it. Bounded length, keeping the extension."""
    name = "".join(
        ch for ch in unicodedata.normalize("NFC", name or "") if unicodedata.category(ch) != "Cc"
    )
    name = name.strip() or "evidence"
    return name[-200:]


TOO_BIG = "The file unpacks to more than 100 MB, so it cannot be uploaded"
TOO_DENSE = (
    "The file unpacks to more than {ratio} times its size, which documents never do, so it "
    "cannot be uploaded. Save it again from the program that made it"
)


class _Exceeded(Exception):
    """Unpacking went past the budget: stop at once rather than finish a zip bomb."""


def _inflated_size(data: bytes, entry: zipfile.ZipInfo, budget: int) -> int:
    """What one member really inflates to, read from its own compressed data until the
    stream ends (not from the sizes the archive declares); _Exceeded past `budget`."""
    offset = entry.header_offset
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, offset)
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile("no local header")
    start = offset + _LOCAL_HEADER.size + name_length + extra_length
    if entry.compress_type == zipfile.ZIP_STORED:
        stored = min(max(entry.file_size, entry.compress_size), len(data) - start)
        if stored > budget:
            raise _Exceeded
        return stored
    if entry.compress_type != zipfile.ZIP_DEFLATED:
        raise InvalidInput(
            "The file is packed in a way Word, Excel and OpenDocument files are not. Save it "
            "again from the program that made it"
        )
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced, position, pending = 0, start, b""
    while not inflater.eof:
        if not pending:
            if position >= len(data):
                break  # a truncated stream: what it gave is what it unpacks to
            pending, position = data[position : position + _CHUNK], position + _CHUNK
        produced += len(inflater.decompress(pending, _CHUNK))
        pending = inflater.unconsumed_tail
        if produced > budget:
            raise _Exceeded
    return produced


def _measure(data: bytes, entries: list[zipfile.ZipInfo]) -> None:
    """Unpack every member in bounded chunks, counting, without keeping what it unpacks, and
    stop as soon as the total passes 100 MB or (past a megabyte) MAX_RATIO times the file."""
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InvalidInput("The file holds too many parts to be a document")
    dense = max(1024 * 1024, MAX_RATIO * len(data))
    cap = min(MAX_UNPACKED_BYTES, dense)
    total = 0
    try:
        for entry in entries:
            if not entry.is_dir():
                total += _inflated_size(data, entry, cap - total)
    except _Exceeded:
        if cap == MAX_UNPACKED_BYTES:
            raise InvalidInput(TOO_BIG) from None
        raise InvalidInput(TOO_DENSE.format(ratio=MAX_RATIO)) from None


def _zip_kind(head: bytes, data: bytes) -> Kind | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
        _measure(data, entries)
    except (zipfile.BadZipFile, OSError, ValueError, struct.error, zlib.error):
        return None
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return None
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        return {ODT.content_type: ODT, ODS.content_type: ODS}.get(mimetype)
    return None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # spreadsheets saved as CSV on Windows
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:20000])
    return printable >= 0.98 * min(len(text), 20000)


def detect(data: bytes, claimed_extension: str) -> Kind | None:
    """The kind the content really is, or None."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(head, data)
    if claimed_extension in ("csv", "txt") and _is_text(data):
        return EXTENSIONS[claimed_extension]
    return None


@dataclass(frozen=True)
class CheckedUpload:
    kind: Kind
    display_name: str
    stored_name: str
    size: int
    data: bytes


def check_upload(upload) -> CheckedUpload:
    """Read and check an uploaded file; raise InvalidInput with a message a person can act on."""
    size = getattr(upload, "size", None) or 0
    if size > MAX_UPLOAD_BYTES:
        raise InvalidInput(f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    if size == 0:
        raise InvalidInput("The selected file is empty")
    # The name exactly as the browser sent it, when the parser kept it (eia/upload_names.py).
    sent = getattr(upload, "sent_name", None) or getattr(upload, "name", "")
    display_name = safe_display_name(sent)
    extension = display_name.rsplit(".", 1)[-1].lower() if "." in display_name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise InvalidInput(f"The selected file must be a {ALLOWED_DESCRIPTION}")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput(f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    actual = detect(data, extension)
    if actual is None or actual.content_type != claimed.content_type:
        raise InvalidInput(
            f"The selected file is called .{extension} but its content is not a {claimed.label}. "
            "Save it again in that format, or choose another file"
        )
    virus_scan.check(data)
    return CheckedUpload(
        kind=actual,
        display_name=display_name,
        stored_name=f"{uuid.uuid4().hex}.{actual.extension}",
        size=len(data),
        data=data,
    )
