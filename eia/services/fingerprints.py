"""The one writer of text fingerprints (eia.models.fingerprints): called inside the transaction
of every content edit (eia.services.sections.edit) and of a new version's copied content
(eia.services.versions), so the copied-text check never scans the content tables."""

import hashlib
from collections.abc import Iterable

from eia.models import Assessment
from eia.models.fingerprints import COPY_CHECKED, COPY_MIN_CHARS, TextFingerprint


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def field_key(model, field: str) -> str:
    return f"{model._meta.model_name}.{field}"


def fingerprints_of(assessment: Assessment, rows_by_model: dict) -> list[TextFingerprint]:
    """Unsaved fingerprints of the long answers in `rows_by_model` ({model: rows})."""
    found = []
    for model, fields in COPY_CHECKED.items():
        for row in rows_by_model.get(model, ()):
            for field in fields:
                text = getattr(row, field) or ""
                if len(text.strip()) >= COPY_MIN_CHARS:
                    found.append(
                        TextFingerprint(
                            organisation_id=assessment.organisation_id,
                            pipeline_item_id=assessment.pipeline_item_id,
                            assessment_id=assessment.pk,
                            field=field_key(model, field),
                            digest=digest(text),
                        )
                    )
    return found


def refresh(assessment: Assessment) -> None:
    """Recompute the assessment's fingerprints from what it records now (a bounded read: one
    assessment's own rows)."""
    rows = {
        model: model.objects.filter(assessment_id=assessment.pk).only("pk", *fields)
        for model, fields in COPY_CHECKED.items()
    }
    TextFingerprint.objects.filter(assessment_id=assessment.pk).delete()
    save_all(fingerprints_of(assessment, rows))


def save_all(fingerprints: Iterable[TextFingerprint]) -> None:
    TextFingerprint.objects.bulk_create(list(fingerprints), batch_size=1000)
