"""Evidence uploads: a size limit, types recognised by their content (never by their name), and
stored under a random name so nothing a user typed reaches the file system.
"""

import io
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from .errors import InvalidInput

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A zip-based document may not unpack to more than this (guards against zip bombs).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000

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
    """The uploaded name for display only: no folders, no control characters, bounded length."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(
        ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C"
    )
    name = name.strip().lstrip(".") or "evidence"
    return name[-200:]


def _zip_kind(head: bytes, data: bytes) -> Kind | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise InvalidInput("The file unpacks to more than 100 MB, so it cannot be uploaded")
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
    display_name = safe_display_name(getattr(upload, "name", ""))
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
    return CheckedUpload(
        kind=actual,
        display_name=display_name,
        stored_name=f"{uuid.uuid4().hex}.{actual.extension}",
        size=len(data),
        data=data,
    )
