"""The whole public register as files, regenerated in the background after each publication
and served as static downloads, so no anonymous request builds the whole register.

`regenerate()` writes register.csv, register.json and register.xlsx into
REGISTER_FILES_ROOT, each through a temporary file renamed into place (a reader never sees half
a file). The task `regenerate_register_files` (eia/register/tasks.py) runs it; publishing
enqueues it after commit (workflows.services.deciding). `manage.py regenerate_register` runs
it by hand, for example after a deployment.
"""

import datetime
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .exports import csv_text, json_text, write_xlsx
from .forms import forget_filter_choices

FILES = {"csv": "register.csv", "json": "register.json", "xlsx": "register.xlsx"}


def root() -> Path:
    return Path(settings.REGISTER_FILES_ROOT)


def path_of(kind: str) -> Path:
    return root() / FILES[kind]


def _replace(kind: str, write) -> None:
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{kind}-")
    os.close(handle)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path_of(kind))
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _write_text(chunks):
    def write(path):
        with open(path, "w", encoding="utf-8", newline="") as out:
            for chunk in chunks:
                out.write(chunk)

    return write


def regenerate() -> None:
    """Write every whole-register file from what is published now."""
    site = settings.SITE_URL.rstrip("/")
    _replace("csv", _write_text(csv_text({}, site)))
    _replace("json", _write_text(json_text({}, site)))
    _replace("xlsx", lambda path: write_xlsx(path, {}, site))
    forget_filter_choices()


@dataclass(frozen=True)
class Download:
    kind: str
    size: int
    generated_at: datetime.datetime


def whole_register_download() -> dict[str, Download]:
    """The whole-register files that exist, with their sizes and when they were made."""
    found = {}
    for kind in FILES:
        try:
            stat = path_of(kind).stat()
        except FileNotFoundError:
            continue
        found[kind] = Download(
            kind=kind,
            size=stat.st_size,
            generated_at=datetime.datetime.fromtimestamp(stat.st_mtime, tz=datetime.UTC).astimezone(
                timezone.get_current_timezone()
            ),
        )
    return found
