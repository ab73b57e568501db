"""The annual equality report and the targets it measures against: the equality team takes
the report for a reporting year (frozen from the public allow-lists by `equality/annual.py`),
the equality lead publishes it on the register and sets the reporting year and the
timeliness targets (`equality.models.DutySettings`)."""

from django.db import transaction
from django.utils import timezone

from eia.authorization import Permission
from eia.errors import InvalidInput, NotFound
from eia.events import EventType
from eia.models import ReportingYear

from ..annual import annual_content
from ..models import MAX_TARGET_DAYS, AnnualReport, DutySettings
from ..selectors.timeliness import targets_for, year_of
from .common import locked_organisation, record

FIRST_YEAR = 2010  # the Equality Act 2010: no report before the duty
SETTINGS = ("started_before_days", "publish_within_days")


def years_open(organisation_id: int) -> list[int]:
    """The reporting years a report may be taken for, newest first: up to the current one."""
    current = year_of(targets_for(organisation_id), timezone.localdate())
    return list(range(current, FIRST_YEAR - 1, -1))


@transaction.atomic
def take_annual_report(*, by, year: int) -> AnnualReport:
    organisation = locked_organisation(
        by, Permission.KEEP_ACTION_PLAN, "Only the equality team prepares the annual report."
    )
    if not isinstance(year, int) or year not in years_open(organisation.pk):
        raise InvalidInput("Select a reporting year that has started")
    content = annual_content(organisation, year, timezone.localdate())
    report = AnnualReport.objects.create(
        organisation=organisation, year=year, taken_by=by, content=content
    )
    record(
        EventType.ANNUAL_REPORT_TAKEN,
        organisation=organisation,
        by=by,
        details={
            "report": report.pk,
            "year": year,
            "records": len(content["records"]),
            "rows": len(content["rows"]),
        },
    )
    return report


@transaction.atomic
def publish_annual_report(*, by, report_id: int) -> AnnualReport:
    organisation = locked_organisation(
        by, Permission.MANAGE_OBJECTIVES, "Only the equality lead publishes the annual report."
    )
    report = AnnualReport.objects.filter(pk=report_id, organisation=organisation).first()
    if report is None:
        raise NotFound("No such report.")
    if report.published_at is not None:
        raise InvalidInput("This report is already published")
    published = AnnualReport.objects.filter(
        organisation=organisation, year=report.year, published_at__isnull=False
    )
    if published.exists():
        raise InvalidInput("A report for this reporting year is already published")
    report.published_at = timezone.now()
    report.save(update_fields=["published_at"])
    record(
        EventType.ANNUAL_REPORT_PUBLISHED,
        organisation=organisation,
        by=by,
        details={"report": report.pk, "year": report.year},
    )
    return report


@transaction.atomic
def set_duty_settings(*, by, values: dict) -> DutySettings:
    organisation = locked_organisation(
        by, Permission.MANAGE_OBJECTIVES, "Only the equality lead sets the duty's targets."
    )
    if values.get("reporting_year") not in ReportingYear.values:
        raise InvalidInput("Select the reporting year: calendar or financial")
    for name, what in (
        ("started_before_days", "the working days before the decision"),
        ("publish_within_days", "the working days to publish in"),
    ):
        days = values.get(name)
        if not isinstance(days, int) or not 0 <= days <= MAX_TARGET_DAYS:
            raise InvalidInput(f"Enter {what} as a whole number from 0 to {MAX_TARGET_DAYS}")
    settings, _created = DutySettings.objects.get_or_create(organisation=organisation)
    changes = {
        name: [getattr(settings, name), values[name]]
        for name in SETTINGS
        if getattr(settings, name) != values[name]
    }
    if organisation.reporting_year != values["reporting_year"]:
        changes["reporting_year"] = [organisation.reporting_year, values["reporting_year"]]
    if not changes:
        return settings
    for name in SETTINGS:
        setattr(settings, name, values[name])
    settings.save()
    # The organisation's row is locked (locked_organisation): its year changes with this event.
    organisation.reporting_year = values["reporting_year"]
    organisation.save(update_fields=["reporting_year"])
    record(
        EventType.DUTY_SETTINGS_CHANGED,
        organisation=organisation,
        by=by,
        details={"changes": changes},
    )
    return settings
