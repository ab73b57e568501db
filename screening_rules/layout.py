"""Where rule files live and how they are named.

A released file's place is its identity: `<root>/rulesets/<id>/v<N>.toml` and
`<root>/catalogues/<id>/v<N>.toml`, referred to as `id@N`. The root is this package's folder
unless a caller passes another (tests build trees in temporary folders).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .model import ID_PATTERN

DEFAULT_ROOT = Path(__file__).resolve().parent
CATALOGUES = "catalogues"
RULESETS = "rulesets"
DUTIES = "duties"  # duty modules (duty_modules.py), released and locked the same way

_VERSION = "[1-9][0-9]*"
VERSION_FILE = re.compile(rf"^v({_VERSION})\.toml$")
# 'england@2', or 'england' for the latest version (catalogue references always name one).
REF = re.compile(rf"^({ID_PATTERN})(?:@({_VERSION}))?$")


def resolve_root(root: Path | str | None) -> Path:
    return Path(root) if root is not None else DEFAULT_ROOT


def file_path(root: Path, folder: str, file_id: str, version: int | str) -> Path:
    """`<root>/<folder>/<id>/v<N>.toml`, folder being CATALOGUES, RULESETS or DUTIES."""
    return root / folder / file_id / f"v{version}.toml"


def version_of(path: Path) -> int | None:
    """The version a file's name gives (v2.toml is 2), or None for a name that is not v<N>.toml."""
    match = VERSION_FILE.match(path.name)
    return int(match.group(1)) if match else None


def data_files(root: Path) -> list[Path]:
    """Every catalogue, rule-set and duty module file under root, sorted."""
    folders = (CATALOGUES, RULESETS, DUTIES)
    return sorted(p for folder in folders for p in (root / folder).glob("**/*.toml"))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
