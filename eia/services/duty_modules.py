"""Writes to a duty module's answers (eia.duty_modules says which modules apply): the author's
answers or "not required" declaration, and its authorisation by someone who wrote none of the
assessment. Both are section edits on the trail, so any version can be rebuilt from it."""

from django.utils import timezone

from eia import audit
from eia import duty_modules as modules
from eia.authorization import Permission, has_authored, has_permission
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.history import Changes
from eia.models import DutyModuleAnswers

from .locking import locked
from .sections import edit

NOT_AUTHORISED = (
    "Only an equality officer who wrote none of this assessment can authorise that an "
    "assessment is not required."
)


def _module(assessment, module_id: str):
    module = next((m for m in modules.applicable(assessment) if m.id == module_id), None)
    if module is None:
        raise NotFound("This assessment has no such duty section.")
    return module


def _clean(module, answers: dict) -> dict:
    """Only the module's own questions, each value of the right shape and within its limit."""
    clean: dict = {}
    for question in module.questions:
        value = answers.get(question.id)
        if value in (None, "", {}):
            continue
        if question.kind == "per_aim":
            if not isinstance(value, dict):
                raise InvalidInput(f"'{question.label}' must be answered per aim")
            per = {aim.id: str(value.get(aim.id, "")).strip() for aim in module.aims}
            value = {k: v for k, v in per.items() if v}
            too_long = [v for v in value.values() if len(v) > question.max_length]
        else:
            value = str(value).strip()
            if question.options and value not in dict(question.options):
                raise InvalidInput(f"Choose one of the options for '{question.label}'")
            too_long = [value] if len(value) > question.max_length else []
        if any("\x00" in text for text in (value.values() if isinstance(value, dict) else [value])):
            # PostgreSQL refuses NUL in JSON; a form refuses it first, this guards every caller.
            raise InvalidInput(f"'{question.label}' contains a character that cannot be saved")
        if too_long:
            raise InvalidInput(
                f"'{question.label}' must be {question.max_length:,} characters or fewer"
            )
        if value:
            clean[question.id] = value
    return clean


def save_module_answers(
    *,
    assessment_id: int,
    seen: int,
    by,
    module_id: str,
    answers: dict,
    not_required: bool = False,
    reasons: str = "",
):
    """Save a module's answers, or its "not required" declaration (only a module that has one).
    Any change to the declaration clears an earlier authorisation: it must be authorised again."""

    def change(assessment, changes: Changes):
        module = _module(assessment, module_id)
        if not_required and module.not_required is None:
            raise InvalidInput(f"'{module.title}' has no 'not required' declaration")
        row = DutyModuleAnswers.objects.filter(assessment=assessment, module=module.id).first()
        row = row or DutyModuleAnswers(
            assessment=assessment,
            module=module.id,
            module_version=module.version,
            module_sha256=module.sha256,
        )
        changes.before(row)
        declaration = (bool(not_required), reasons.strip() if not_required else "")
        if (row.not_required, row.not_required_reasons) != declaration:
            row.authorised_by, row.authorised_by_name, row.authorised_at = None, "", None
        row.not_required, row.not_required_reasons = declaration
        row.answers = _clean(module, answers)
        row.save()
        changes.after(row)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=modules.section_key(module_id),
        change=change,
        record=modules.section_key(module_id),
    )


def authorise_not_required(*, assessment_id: int, seen: int, by, module_id: str):
    """An equality officer who wrote none of the assessment authorises its declaration."""
    record = modules.section_key(module_id)
    with locked(assessment_id, by=by) as assessment:
        audit.require_fresh(assessment, seen=seen, record=record)
        if not has_permission(
            by, Permission.REVIEW_ASSESSMENT, organisation_id=assessment.organisation_id
        ) or has_authored(by, assessment):
            raise NotAllowed(NOT_AUTHORISED)
        module = _module(assessment, module_id)
        row = DutyModuleAnswers.objects.filter(assessment=assessment, module=module.id).first()
        if row is None or not row.not_required or not row.not_required_reasons.strip():
            raise InvalidInput("There is no declaration with reasons to authorise.")
        if row.authorised_by_id is not None:
            raise InvalidInput("The declaration is already authorised.")
        changes = Changes()
        changes.before(row)
        row.authorised_by, row.authorised_at = by, timezone.now()
        row.authorised_by_name = by.get_full_name() or by.get_username()
        row.save()
        changes.after(row)
        audit.record(
            EventType.SECTION_EDITED,
            assessment=assessment,
            by=by,
            details={
                "section": record,
                "record": record,
                "changed": changes.field_names,
                "rows": changes.rows,
                "authorised": True,
            },
        )
        return assessment
