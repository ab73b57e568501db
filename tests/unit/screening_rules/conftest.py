"""Fixtures for the screening_rules tests."""

from __future__ import annotations

import shutil

import pytest

from screening_rules import DEFAULT_ROOT, load_ruleset
from screening_rules.lock import LOCK_NAME


@pytest.fixture
def root(tmp_path):
    """A copy of the shipped files and their lock, to change or to put broken rule sets beside."""
    for folder in ("catalogues", "rulesets", "duties"):
        shutil.copytree(
            DEFAULT_ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(DEFAULT_ROOT / LOCK_NAME, tmp_path / LOCK_NAME)
    return tmp_path


@pytest.fixture
def england():
    return load_ruleset("england", 1)
