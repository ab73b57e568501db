"""Versions: loading by id and version, reproducing a stored screening after a new release, and
checking a whole tree of files."""

from __future__ import annotations

import hashlib
import io
import json
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening_rules import (
    DEFAULT_ROOT,
    Result,
    RuleSetError,
    RuleSetNotFound,
    available_rulesets,
    check,
    evaluate,
    load_ruleset,
    parse_ref,
    ruleset_versions,
    run_lock,
)
from tests.unit.screening_rules.rule_files import VALID, only_problem, write

IGNORE = shutil.ignore_patterns("__pycache__")


def test_four_rule_sets_ship_at_versions_one_and_two():
    infos = available_rulesets()

    assert [(i.id, i.version, i.jurisdiction, i.released) for i in infos] == [
        (nation, version, nation, True)
        for nation in ("england", "northern_ireland", "scotland", "wales")
        for version in (1, 2)
    ]
    for info in infos:
        path = DEFAULT_ROOT / "rulesets" / info.id / f"v{info.version}.toml"
        assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert info.title == load_ruleset(info.id, info.version).title


def test_load_ruleset_exposes_id_version_and_hash():
    ruleset = load_ruleset("wales", 1)

    assert (ruleset.id, ruleset.version, ruleset.ref) == ("wales", 1, "wales@1")
    assert ruleset.sha256 == hashlib.sha256(ruleset.path.read_bytes()).hexdigest()
    assert load_ruleset("wales@1") == ruleset
    assert load_ruleset("wales") == load_ruleset("wales", 2)  # latest


def test_unknown_rule_sets_and_versions():
    with pytest.raises(RuleSetNotFound, match="no rule set 'atlantis'"):
        load_ruleset("atlantis")
    with pytest.raises(RuleSetNotFound, match="no rule set 'england' version 7"):
        load_ruleset("england", 7)
    with pytest.raises(RuleSetNotFound, match="not a rule set id"):
        load_ruleset("../england")
    with pytest.raises(RuleSetNotFound, match="not a rule set reference"):
        parse_ref("england@v1")
    assert parse_ref("england@12") == ("england", 12)
    assert parse_ref("england") == ("england", None)


def test_a_changed_file_is_refused_when_the_stored_hash_is_given():
    ruleset = load_ruleset("england", 1)

    assert load_ruleset("england", 1, expect_sha256=ruleset.sha256) == ruleset
    with pytest.raises(RuleSetError, match="the file has changed since it was used"):
        load_ruleset("england", 1, expect_sha256="0" * 64)


STORED_ANSWERS = {
    "access": "no",
    "staff": "no",
    "budget": "no",
    "other_policy": "no",
    "public_concern": "likely",
    "impact": {
        "age": {"level": "minor", "direction": "negative"},
        "disability": {"level": "none"},
        "gender_reassignment": {"level": "none"},
        "pregnancy_maternity": {"level": "none"},
        "race": {"level": "none"},
        "religion_belief": {"level": "none"},
        "sex": {"level": "none"},
        "sexual_orientation": {"level": "none"},
    },
    "mitigation_possible": "yes",
    "mitigation": "Keep the Tuesday session for older residents.",
}


def test_a_stored_screening_is_reproduced_after_a_new_version_is_released(tmp_path):
    # Screen with v1 and store the record as the web app would (JSON).
    v1 = load_ruleset("england", 1)
    stored = json.dumps(evaluate(v1, STORED_ANSWERS).to_dict())

    # Release a v3 that no longer treats likely (as opposed to raised) concern as decisive and
    # rewords a reason, in a copy of the tree.
    for folder in ("catalogues", "rulesets", "duties"):
        shutil.copytree(DEFAULT_ROOT / folder, tmp_path / folder, ignore=IGNORE)
    shutil.copy(DEFAULT_ROOT / "released.lock", tmp_path / "released.lock")
    text = (tmp_path / "rulesets" / "england" / "v1.toml").read_text(encoding="utf-8")
    changes = {
        "version = 1": "version = 3",
        'when = {answer = "public_concern", in = ["raised", "likely"]}': (
            'when = {answer = "public_concern", equals = "raised"}'
        ),
        "the action described will remove or reduce it.": "the action described will address it.",
    }
    for old, new in changes.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    (tmp_path / "rulesets" / "england" / "v3.toml").write_text(text, encoding="utf-8")
    assert run_lock(io.StringIO(), root=tmp_path) == 0
    assert ruleset_versions("england", root=tmp_path) == [1, 2, 3]

    # The latest version now decides the same answers differently...
    v3 = load_ruleset("england", root=tmp_path)
    assert v3.version == 3
    assert evaluate(v3, STORED_ANSWERS).outcome == "screened_out_with_mitigation"

    # ...but re-evaluating with the stored id, version and hash gives the stored record.
    record = Result.from_dict(json.loads(stored))
    again = load_ruleset(
        record.ruleset_id,
        record.ruleset_version,
        root=tmp_path,
        expect_sha256=record.ruleset_sha256,
    )
    result = evaluate(again, STORED_ANSWERS)
    assert result == record
    assert result.outcome == "full_assessment"
    assert [r.rule_id for r in result.reasons] == ["public_concern"]
    assert [r.text for r in result.superseded] == [
        "Screened out with mitigation because the likely negative impact on people of different "
        "ages is minor and the action described will remove or reduce it."
    ]


def test_misplaced_file(root):
    (root / "rulesets" / "stray.toml").write_text(VALID, encoding="utf-8")

    problem = only_problem(root)

    assert problem.message == "misplaced file: use rulesets/<id>/v<N>.toml"


MUTATIONS = [
    ("", ""),  # placeholder: the line is dropped
    ('"yes"', '"maybe"'),
    ('= "', "= 3 #"),
    ('["', '[1, "'),
    ("{", "{bogus = 1, "),
    ("minor", "severe"),
    ("[[questions]]", "[[rules]]"),
    ("[[rules]]", "[[questions]]"),
    ("true", '"true"'),
    ("2000", "0"),
]


@given(
    ruleset_id=st.sampled_from(["england", "wales", "scotland", "northern_ireland"]),
    line=st.integers(min_value=0, max_value=300),
    mutation=st.sampled_from(MUTATIONS),
)
def test_checker_never_crashes_on_a_damaged_file(tmp_path_factory, ruleset_id, line, mutation):
    root = tmp_path_factory.mktemp("damaged")
    shutil.copytree(DEFAULT_ROOT / "catalogues", root / "catalogues", ignore=IGNORE)
    lines = (DEFAULT_ROOT / "rulesets" / ruleset_id / "v1.toml").read_text().splitlines(True)
    line %= len(lines)
    old, new = mutation
    lines[line] = lines[line].replace(old, new, 1) if old else ""
    path = write(root, "".join(lines), name=ruleset_id)

    problems = check(root)  # must not raise

    assert all(p.path == path and 1 <= p.line <= len(lines) + 1 for p in problems)
