"""Authorship facts: who may edit an assessment now, who has ever written part of it, and who
is its named decision-maker. Object permissions are django-guardian's; the history of who wrote
what is eia.models.Authorship. Both are written only here, inside the caller's transaction."""

from django.db import transaction
from guardian.shortcuts import assign_perm, get_users_with_perms, remove_perm

from eia.authorization import CONTRIBUTE, DECIDE
from eia.models import Assessment, Authorship, PipelineItem, User


def _in_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("authorship facts are written inside the change's transaction")


def note_authored(assessment: Assessment, user: User) -> None:
    """`user` wrote part of this proposal's assessment: they never review, sign off or publish
    any version of it."""
    _in_transaction()
    Authorship.objects.get_or_create(
        pipeline_item_id=assessment.pipeline_item_id,
        user=user,
        defaults={"organisation_id": assessment.organisation_id, "first_assessment": assessment},
    )


def grant_authorship(assessment: Assessment, user: User) -> None:
    """Make `user` an author of this version (the author at creation, or a co-author)."""
    assign_perm(CONTRIBUTE, user, assessment)
    note_authored(assessment, user)


def revoke_co_author(assessment: Assessment, user: User) -> None:
    """They can no longer edit; their Authorship row stays, so they stay not independent."""
    _in_transaction()
    remove_perm(CONTRIBUTE, user, assessment)


def author_ids(assessment: Assessment) -> set[int]:
    # Granted to people only (never to groups), so groups' permissions are not read: with
    # them, PostgreSQL scans every grant of every assessment on each assessment page.
    holders = get_users_with_perms(
        assessment,
        only_with_perms_in=[CONTRIBUTE.split(".")[1]],
        with_superusers=False,
        with_group_users=False,
    )
    return {assessment.author_id, *holders.values_list("pk", flat=True)}


def sync_decision_maker(item: PipelineItem) -> None:
    """Give the item's named decision-maker, and nobody else, the right to sign off its live
    assessment. Called whenever an assessment starts or the named decision-maker changes."""
    _in_transaction()
    codename = DECIDE.split(".")[1]
    for assessment in item.assessments.live():
        holders = get_users_with_perms(
            assessment, only_with_perms_in=[codename], with_superusers=False, with_group_users=False
        )
        for holder in holders:
            if holder.pk != item.decision_maker_id:
                remove_perm(DECIDE, holder, assessment)
        if item.decision_maker_id is not None:
            assign_perm(DECIDE, item.decision_maker, assessment)
