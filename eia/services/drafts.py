"""Drafts (eia/models/drafts.py): the one writer. A draft is the person's own unsaved typing,
never the record, so nothing here touches the audit trail.

The caller says which fields the form has and each one's limit (eia.limits, read from the
form): a draft is refused whole, with a message naming the field, rather than cut."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from eia.errors import InvalidInput
from eia.models import AUTHOR_STATES, Assessment, Draft

# Personal data kept no longer than needed: a draft nobody came back to in 30 days goes.
DRAFT_RETENTION = datetime.timedelta(days=30)
# One person's open drafts, across every assessment, and one draft's text in all.
DRAFTS_PER_PERSON = 50
DRAFT_CHARACTERS = 100_000
PAGE_LENGTH = Draft._meta.get_field("page").max_length

TOO_MANY = (
    f"You have {DRAFTS_PER_PERSON} unsaved drafts. Save or discard some of them before "
    "starting another. Your text is still on this page."
)


def _check(fields: dict[str, str], limits: dict[str, tuple[str, int]]) -> dict[str, str]:
    unknown = sorted(set(fields) - set(limits))
    if unknown:
        raise InvalidInput("The draft has a field this form does not have. Nothing was saved.")
    for name, text in fields.items():
        label, limit = limits[name]
        if not isinstance(text, str):
            raise InvalidInput("The draft was not text. Nothing was saved.")
        if len(text) > limit:
            raise InvalidInput(
                f"{label} is {len(text):,} characters: it must be {limit:,} or fewer. The "
                "draft was not saved: shorten it, then save the page."
            )
    if sum(len(text) for text in fields.values()) > DRAFT_CHARACTERS:
        raise InvalidInput(f"A draft can hold up to {DRAFT_CHARACTERS:,} characters in all.")
    # PostgreSQL refuses NUL characters in JSON, as the record's own fields do (eia.limits).
    return {name: text.replace("\x00", "") for name, text in fields.items()}


def save_draft(
    *,
    by,
    assessment: Assessment,
    page: str,
    fields: dict[str, str],
    limits: dict[str, tuple[str, int]],
    seen: int,
) -> Draft:
    """Keep (or overwrite) `by`'s draft of one form. The caller has checked that they may edit
    it now; `limits` maps each long text field of the form to (its label, its limit)."""
    if not page or len(page) > PAGE_LENGTH:
        raise InvalidInput("The draft did not say which page it is from.")
    if assessment.state not in AUTHOR_STATES:
        raise InvalidInput("This assessment is not with its authors: nothing can be drafted.")
    text = _check(fields, limits)
    with transaction.atomic():
        existing = Draft.objects.select_for_update().filter(
            user=by, assessment=assessment, page=page
        )
        if not existing.exists() and Draft.objects.filter(user=by).count() >= DRAFTS_PER_PERSON:
            raise InvalidInput(TOO_MANY)
        values = {"fields": text, "seen": seen, "saved_at": timezone.now()}
        try:
            with transaction.atomic():
                draft, _ = Draft.objects.update_or_create(
                    user=by, assessment=assessment, page=page, defaults=values
                )
        except IntegrityError:  # two saves of one draft at once: the other one won, keep ours
            Draft.objects.filter(user=by, assessment=assessment, page=page).update(**values)
            draft = Draft.objects.get(user=by, assessment=assessment, page=page)
    return draft


def discard_draft(*, by, assessment_id: int, page: str) -> int:
    """The person's draft of one form goes: they discarded it or saved the form."""
    deleted, _ = Draft.objects.filter(user=by, assessment_id=assessment_id, page=page).delete()
    return deleted


def discard_drafts_of(assessment: Assessment) -> int:
    """Every draft of an assessment that left the authors' stages: nothing can be saved now."""
    deleted, _ = Draft.objects.filter(assessment_id=assessment.pk).delete()
    return deleted


def purge_old_drafts(*, now: datetime.datetime | None = None) -> int:
    """Drafts saved longer ago than DRAFT_RETENTION (`manage.py purge_drafts`)."""
    cutoff = (now or timezone.now()) - DRAFT_RETENTION
    deleted, _ = Draft.objects.filter(saved_at__lt=cutoff).delete()
    return deleted
