"""Quarterly screening reports (Section 75 practice: every screening decision, each quarter).

A report lists the organisation's screening decisions made in one quarter of its reporting year
(calendar, or financial from April, as the organisation chose: see `eia.reporting_year`):
screened in, screened out, and screened out with mitigation, each with its reasons, with counts
by outcome, as a page and as CSV. A decision whose record is published is listed from its
public record, with a link; one whose record is not published yet (a screened-in policy still
at its full assessment, a decision awaiting sign-off) from the screening decision's own
allow-list (`eia.public_screening`), without one.
"""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from eia import reporting_year, screening
from eia.models import Organisation, ScreeningOutcome
from eia.public_screening import public_screening_decision
from eia.redaction import public_records

from .exports import csv_response, iso_date
from .limits import limited
from .links import record_url
from .queries import decided_between, decision_times, unpublished_decided_between

FIRST_REPORT_YEAR = 2000

REPORT_COLUMNS = [
    "Organisation",
    "Reference",
    "Title",
    "Version",
    "Directorate",
    "Screening decided",
    "Published",
    "Screening decision",
    "Reasons",
    "Mitigation",
    "What the screening rules found",
    "Web page",
]


def _quarter_of(moment: datetime.datetime, kind: str) -> tuple[int, int]:
    return reporting_year.quarter_of(timezone.localtime(moment).date(), kind)


def report_url(organisation: Organisation, decided_at: datetime.datetime) -> str:
    """The address of the report for the quarter in which a record's screening was decided."""
    year, quarter = _quarter_of(decided_at, organisation.reporting_year)
    return reverse(
        "register:screening_report",
        kwargs={"organisation": organisation.slug, "year": year, "quarter": quarter},
    )


def _quarter_bounds(year: int, quarter: int, kind: str) -> tuple[datetime.date, datetime.date]:
    this_year = timezone.localdate().year
    if not (1 <= quarter <= 4 and FIRST_REPORT_YEAR <= year <= this_year + 1):
        raise Http404("No such quarter")
    return reporting_year.bounds(year, quarter, kind)


def _report(organisation_slug: str, year: int, quarter: int):
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    start, end = _quarter_bounds(year, quarter, organisation.reporting_year)
    records = public_records(decided_between(organisation=organisation, start=start, end=end))
    records += [
        public_screening_decision(assessment)
        for assessment in unpublished_decided_between(
            organisation=organisation, start=start, end=end
        )
    ]
    records.sort(key=lambda record: record.screening_decided_at or record.published_at)
    labels = dict(screening.current_ruleset(organisation).outcome_labels)
    counts = [
        {
            "outcome": outcome,
            "label": labels.get(outcome, label),
            "count": sum(record.screening_outcome == outcome for record in records),
        }
        for outcome, label in ScreeningOutcome.choices
    ]
    return organisation, start, end - datetime.timedelta(days=1), records, counts


def _quarter_counts(organisation: Organisation) -> dict[tuple[int, int], int]:
    """How many screening decisions were made in each (year, quarter)."""
    quarters: dict[tuple[int, int], int] = {}
    for decided_at in decision_times(organisation=organisation):
        key = _quarter_of(decided_at, organisation.reporting_year)
        quarters[key] = quarters.get(key, 0) + 1
    return quarters


@login_not_required
@limited("page")
def screening_reports(request, organisation: str):
    found = get_object_or_404(Organisation, slug=organisation)
    rows = [
        {
            "year": year,
            "year_label": reporting_year.year_label(year, found.reporting_year),
            "months": reporting_year.months_label(year, quarter, found.reporting_year),
            "quarter": quarter,
            "count": count,
            "url": reverse(
                "register:screening_report",
                kwargs={"organisation": organisation, "year": year, "quarter": quarter},
            ),
        }
        for (year, quarter), count in sorted(_quarter_counts(found).items(), reverse=True)
    ]
    return render(
        request,
        "register/screening_reports.html",
        {"public_body": found, "quarters": rows, "financial": _financial(found)},
    )


def _financial(organisation: Organisation) -> bool:
    return organisation.reporting_year == reporting_year.FINANCIAL


@login_not_required
@limited("page")
def screening_report(request, organisation: str, year: int, quarter: int):
    public_body, start, last_day, records, counts = _report(organisation, year, quarter)
    return render(
        request,
        "register/screening_report.html",
        {
            "public_body": public_body,
            "year": year,
            "year_label": reporting_year.year_label(year, public_body.reporting_year),
            "financial": _financial(public_body),
            "quarter": quarter,
            "start": start,
            "last_day": last_day,
            "rows": [
                {"record": record, "url": record_url(record) if record.published_at else ""}
                for record in records
            ],
            "counts": counts,
            "total": len(records),
            "csv_url": reverse(
                "register:screening_report_csv",
                kwargs={"organisation": organisation, "year": year, "quarter": quarter},
            ),
            "all_reports": reverse(
                "register:screening_reports", kwargs={"organisation": organisation}
            ),
        },
    )


@login_not_required
@limited("page")
def screening_report_csv(request, organisation: str, year: int, quarter: int):
    public_body, start, last_day, records, counts = _report(organisation, year, quarter)
    rows = (
        [
            record.organisation,
            record.reference,
            record.title,
            record.version,
            record.directorate,
            iso_date(record.screening_decided_at),
            iso_date(record.published_at),
            record.screening_outcome_label,
            record.screening_reasons,
            record.screening_mitigation,
            " ".join(record.rule_reasons),
            request.build_absolute_uri(record_url(record)) if record.published_at else "",
        ]
        for record in records
    )
    filename = f"{public_body.slug}-screening-decisions-{year}-q{quarter}.csv"
    return csv_response(filename, REPORT_COLUMNS, rows)
