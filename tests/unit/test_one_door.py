"""One door per kind of write, checked by reading the source.

- The assessment's state changes only through its transition methods, and only the modules of
  workflows/services/ call them.
- Audit events are created only by eia.audit.record().
- The record's content, and the pipeline's items and their history, are created only by
  eia/services/ (the models are named below).
"""

import ast
from pathlib import Path

import pytest

from eia.models import Assessment
from tests.factories import OrganisationFactory
from tests.support import builders

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["eia", "workflows", "equality", "screening_rules"]


def _transition_names() -> set[str]:
    field = Assessment._meta.get_field("state")
    return {t.name for t in field.get_all_transitions(Assessment)}


def _python_files():
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _calls(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node


def test_transitions_are_called_only_from_workflow_services():
    names = _transition_names()
    assert len(names) >= 12
    offenders = []
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("workflows/services/") or relative == "eia/models/assessment.py":
            continue
        for call in _calls(path):
            receiver = call.func.value
            via_services = isinstance(receiver, ast.Name) and receiver.id == "services"
            if call.func.attr in names and not via_services:
                offenders.append(f"{relative}:{call.lineno} calls .{call.func.attr}()")
    assert offenders == []


def test_state_is_never_assigned_directly():
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "state":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_audit_events_are_created_only_by_record():
    offenders = []
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative == "eia/audit.py":
            continue
        text = path.read_text()
        for call in _calls(path):
            if call.func.attr in {"create", "bulk_create", "get_or_create"} and "AuditEvent" in (
                ast.get_source_segment(text, call.func.value) or ""
            ):
                offenders.append(f"{relative}:{call.lineno}")
        for node in ast.walk(ast.parse(text)):
            is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if is_call and node.func.id == "AuditEvent":
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []


CONTENT_MODELS = {
    "Assessment",
    "Screening",
    "FullAssessment",
    "EvidenceItem",
    "EvidenceGap",
    "Engagement",
    "Impact",
    "Action",
    "RuralityProofing",
    "RuralImpact",
    "SignOff",
    "Authorship",
    "PipelineItem",
    "PipelineChange",
}
WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "update", "delete"}


def test_the_records_content_is_created_only_by_eia_services():
    offenders = []
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("eia/services/"):
            continue
        text = path.read_text()
        for call in _calls(path):
            receiver = ast.get_source_segment(text, call.func.value) or ""
            model = receiver.removesuffix(".objects")
            if (
                call.func.attr in WRITES
                and receiver.endswith(".objects")
                and (model in CONTENT_MODELS)
            ):
                offenders.append(f"{relative}:{call.lineno} {receiver}.{call.func.attr}()")
    assert offenders == []


def test_protected_state_refuses_direct_assignment(db):
    organisation = OrganisationFactory()
    assessment = builders.started(builders.team(organisation), organisation)
    with pytest.raises(AttributeError):
        assessment.state = "published"


DUTY_MODELS = {
    "Objective",
    "PlanSection",
    "PlanRow",
    "PlanRowChange",
    "ActionObjective",
    "Programme",
    "ProgressReport",
    "FrameworkArea",
}


def test_the_equality_duty_is_written_only_by_its_services():
    offenders = []
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("equality/services/"):
            continue
        text = path.read_text()
        for call in _calls(path):
            receiver = ast.get_source_segment(text, call.func.value) or ""
            model = receiver.removesuffix(".objects")
            if call.func.attr in WRITES and receiver.endswith(".objects") and model in DUTY_MODELS:
                offenders.append(f"{relative}:{call.lineno} {receiver}.{call.func.attr}()")
    assert offenders == []
