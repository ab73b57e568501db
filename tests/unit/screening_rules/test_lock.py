"""Released files never change: the lock of their hashes is checked here."""

from __future__ import annotations

import hashlib
import io

from screening_rules import DEFAULT_ROOT, check, run_lock
from screening_rules.layout import data_files
from screening_rules.lock import LOCK_NAME, lock_problems, read_lock, unlocked_files


def test_shipped_files_match_their_released_hashes():
    problems = lock_problems(DEFAULT_ROOT)

    # On failure the message says: undo the edit and release a new version instead.
    assert problems == [], "\n".join(map(str, problems))


def test_every_shipped_file_is_released():
    unreleased = [str(p.relative_to(DEFAULT_ROOT)) for p in unlocked_files(DEFAULT_ROOT)]

    assert unreleased == [], (
        "run `python -m screening_rules check` then `python -m screening_rules lock` to release "
        f"these: {unreleased}"
    )


def test_the_whole_shipped_tree_checks_clean():
    problems = check()

    assert problems == [], "\n".join(map(str, problems))


def test_lock_has_the_format_of_sha256sum():
    entries, problems = read_lock(DEFAULT_ROOT)

    assert problems == []
    assert set(entries) == {
        p.relative_to(DEFAULT_ROOT).as_posix() for p in data_files(DEFAULT_ROOT)
    }
    for relative, (digest, _) in entries.items():
        assert hashlib.sha256((DEFAULT_ROOT / relative).read_bytes()).hexdigest() == digest


def test_editing_a_released_file_is_detected(root):
    path = root / "rulesets" / "england" / "v1.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("is major.", "is significant."), encoding="utf-8"
    )

    problems = check(root)

    assert [(p.path, p.line) for p in problems] == [(path, 1)]
    assert "released file has changed" in problems[0].message
    assert "copy the file to the next version and release that instead" in problems[0].message


def test_even_a_comment_edit_to_a_released_catalogue_is_detected(root):
    path = root / "catalogues" / "protected" / "v1.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# a harmless note\n", encoding="utf-8")

    assert [p.path for p in lock_problems(root)] == [path]


def test_deleting_a_released_file_is_detected(root):
    path = root / "rulesets" / "wales" / "v1.toml"
    path.unlink()

    problems = lock_problems(root)

    assert [p.path for p in problems] == [path]
    assert "released file is missing" in problems[0].message


def test_lock_releases_new_files_only_and_never_rewrites_old_lines(root):
    v3 = root / "rulesets" / "england" / "v3.toml"
    v3.write_text(
        (root / "rulesets" / "england" / "v1.toml")
        .read_text(encoding="utf-8")
        .replace("version = 1", "version = 3"),
        encoding="utf-8",
    )
    before = (root / LOCK_NAME).read_text(encoding="utf-8")
    out = io.StringIO()

    assert run_lock(out, root=root) == 0

    digest = hashlib.sha256(v3.read_bytes()).hexdigest()
    assert out.getvalue() == f"Locked rulesets/england/v3.toml {digest}\n"
    after = (root / LOCK_NAME).read_text(encoding="utf-8")
    assert set(before.splitlines()) < set(after.splitlines())
    assert f"{digest}  rulesets/england/v3.toml" in after.splitlines()
    assert unlocked_files(root) == []

    again = io.StringIO()
    assert run_lock(again, root=root) == 0
    assert again.getvalue() == f"Nothing to lock: every file is already in {LOCK_NAME}.\n"


def test_lock_refuses_while_a_released_file_has_changed(root):
    path = root / "rulesets" / "scotland" / "v1.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = (root / LOCK_NAME).read_text(encoding="utf-8")
    out = io.StringIO()

    assert run_lock(out, root=root) == 1

    assert "released file has changed" in out.getvalue()
    assert out.getvalue().endswith("Fix these problems before releasing anything.\n")
    assert (root / LOCK_NAME).read_text(encoding="utf-8") == before


def test_lock_refuses_a_file_with_problems(root):
    path = root / "rulesets" / "england" / "v3.toml"
    path.write_text("[ruleset]\nid = 'england'\n", encoding="utf-8")
    out = io.StringIO()

    assert run_lock(out, root=root) == 1

    assert "v3.toml" in out.getvalue()
    assert path.relative_to(root).as_posix() not in (root / LOCK_NAME).read_text(encoding="utf-8")
