"""The event registry: every audit event type is named, labelled and grouped in eia.events."""

import ast
import re
from pathlib import Path

import pytest
from django.db import transaction

from eia import audit, events
from eia.events import GROUP_OF, EventType
from workflows import services

ROOT = Path(__file__).resolve().parents[3]
EVENT_STRING = re.compile(r"^eia\.[a-z_]+\.[a-z_]+$")
# Dotted strings that are module paths, not event types.
NOT_EVENTS = re.compile(r"^eia\.(views|context_processors|wsgi|settings|urls|models|pdf)\.")


def test_every_event_type_has_a_label_and_a_group():
    for event_type in EventType:
        assert event_type.label and event_type.label != event_type.value, event_type
        assert event_type in GROUP_OF, f"{event_type} is in no group"


def test_labels_read_as_words_and_an_unknown_stored_type_reads_as_itself():
    assert events.label("eia.action.progress") == "Action progress reported"
    assert events.label("eia.retired.thing") == "eia.retired.thing"


def test_no_literal_event_string_outside_the_registry():
    offenders = []
    for folder in ("eia", "workflows", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or path in (ROOT / "eia" / "events.py", Path(__file__)):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and EVENT_STRING.match(node.value)
                    and not NOT_EVENTS.match(node.value)
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert offenders == []


@pytest.mark.django_db
def test_record_refuses_a_plain_string(pipeline_item, project_manager):
    assessment = services.start_assessment(pipeline_item_id=pipeline_item.pk, by=project_manager)
    with transaction.atomic(), pytest.raises(TypeError, match="EventType"):
        audit.record("eia.comment.added", assessment=assessment, by=project_manager)
    assert assessment.audit_events.count() == 1
