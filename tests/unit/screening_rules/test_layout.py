"""Where rule files live and what they are called."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening_rules.layout import CATALOGUES, REF, RULESETS, file_path, version_of


@pytest.mark.parametrize(
    ("name", "version"),
    [("v1.toml", 1), ("v12.toml", 12), ("v0.toml", None), ("v01.toml", None), ("1.toml", None)],
)
def test_a_file_name_gives_its_version(name, version):
    assert version_of(Path("rulesets/england") / name) == version


def test_references_name_an_id_and_perhaps_a_version():
    assert REF.match("england@2").groups() == ("england", "2")
    assert REF.match("england").groups() == ("england", None)
    assert REF.match("England@2") is None
    assert REF.match("england@v2") is None


def test_files_are_at_folder_id_and_version():
    root = Path("rules")

    assert file_path(root, RULESETS, "wales", 3) == root / "rulesets" / "wales" / "v3.toml"
    assert file_path(root, CATALOGUES, "local", "1") == root / "catalogues" / "local" / "v1.toml"
