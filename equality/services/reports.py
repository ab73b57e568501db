"""Progress reports of the action plan: the equality team takes one at a date, frozen from the
public allow-list (`equality/public.py`), so a published report is redacted by construction;
the equality lead publishes it on the register."""

from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from eia.authorization import Permission
from eia.errors import InvalidInput, NotFound
from eia.events import EventType
from eia.limits import clean_text

from ..models import ProgressReport
from ..public import public_duty
from .common import locked_organisation, record


@transaction.atomic
def take_report(*, by, title: str) -> ProgressReport:
    organisation = locked_organisation(
        by, Permission.KEEP_ACTION_PLAN, "Only the equality team reports on the action plan."
    )
    title = clean_text(title, what="the report's title", required=True, limit=200)
    previous = ProgressReport.objects.filter(organisation=organisation).first()
    rows = [asdict(row) for row in public_duty(organisation.pk)["rows"]]
    report = ProgressReport.objects.create(
        organisation=organisation, title=title, taken_by=by, previous=previous, rows=rows
    )
    record(
        EventType.PROGRESS_REPORT_TAKEN,
        organisation=organisation,
        by=by,
        details={"report": report.pk, "title": title, "rows": len(rows)},
    )
    return report


@transaction.atomic
def publish_report(*, by, report_id: int) -> ProgressReport:
    organisation = locked_organisation(
        by, Permission.MANAGE_OBJECTIVES, "Only the equality lead publishes progress reports."
    )
    report = ProgressReport.objects.filter(pk=report_id, organisation=organisation).first()
    if report is None:
        raise NotFound("No such report.")
    if report.published_at is not None:
        raise InvalidInput("This report is already published")
    report.published_at = timezone.now()
    report.save(update_fields=["published_at"])
    record(
        EventType.PROGRESS_REPORT_PUBLISHED,
        organisation=organisation,
        by=by,
        details={"report": report.pk, "title": report.title},
    )
    return report
