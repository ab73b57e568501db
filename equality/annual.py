"""The annual equality report's content (the publication duty): for one reporting year, the
objectives in force and the plan's progress under each, the action plan's state, every
assessment and screening decision published that year with its outcome, the adverse impacts
found and what was done about each, and the timeliness figures.

Built only from the public allow-lists (`equality.public.public_duty` and
`eia.redaction.public_records`) and from aggregate figures, and frozen as plain text when the
report is taken, so the published report is redacted by construction and reads the same in
HTML and PDF. A fixed number of queries, however many records the year holds."""

import datetime
from collections import Counter
from dataclasses import asdict

from django.utils import formats

from eia.models import Assessment, ScreeningOutcome, State
from eia.redaction import public_records
from eia.register.links import record_url
from eia.register.queries import published_between

from .models import PlanRow
from .public import public_duty
from .selectors.timeliness import measure, reporting_year, targets_for, year_label

_RAGS = [*PlanRow.Rag.labels, "Not rated"]


def _date(day: datetime.date | datetime.datetime | None) -> str:
    return formats.date_format(day, "j F Y") if day else ""


def _objectives(objectives, rows, starts, after) -> list[dict]:
    found = []
    for objective in objectives:
        if objective.starts_on >= after or objective.ends_on < starts:
            continue
        rags = Counter(row.rag for row in rows if row.objective == objective.title)
        found.append(
            {
                "title": objective.title,
                "statement": objective.statement,
                "period": f"{_date(objective.starts_on)} to {_date(objective.ends_on)}",
                "agreed": f"{objective.agreed_by}, {_date(objective.agreed_on)}",
                "progress": [[rag, rags.get(rag, 0)] for rag in _RAGS],
                "deliverables": sum(rags.values()),
            }
        )
    return found


def _records(records) -> list[dict]:
    return [
        {
            "reference": record.reference,
            "title": record.title,
            "version": record.version,
            "kind": record.record_type,
            "outcome": record.screening_outcome_label,
            "conclusion": record.conclusion_label,
            "decision_date": _date(record.decision_date),
            "published": _date(record.published_at),
            "adverse": len(record.adverse_impacts),
            "url": record_url(record),
        }
        for record in records
    ]


def _adverse(records) -> list[dict]:
    found = []
    for record in records:
        status = {action.title: action.status_label for action in record.actions}
        for impact in record.adverse_impacts:
            found.append(
                {
                    "reference": record.reference,
                    "title": record.title,
                    "url": record_url(record),
                    "group": impact.characteristic_name,
                    "size": impact.size_label,
                    "who_affected": impact.who_affected,
                    "actions": [[title, status.get(title, "")] for title in impact.mitigations],
                    "residual": impact.residual,
                    "justification": impact.justification,
                }
            )
    return found


def _outcomes(records) -> list[list]:
    counts = Counter(record.screening_outcome for record in records)
    labels = {record.screening_outcome: record.screening_outcome_label for record in records}
    return [
        [labels.get(value, label), counts.get(value, 0)]
        for value, label in ScreeningOutcome.choices
    ]


def annual_content(organisation, year: int, today: datetime.date) -> dict:
    targets = targets_for(organisation.pk)
    starts, after = reporting_year(targets, year)
    duty = public_duty(organisation.pk)
    rows = duty["rows"]
    records = public_records(published_between(organisation=organisation, start=starts, end=after))
    decided = Assessment.objects.filter(
        organisation=organisation,
        pipeline_item__decision_date__gte=starts,
        pipeline_item__decision_date__lt=after,
    ).exclude(state__in=[State.SUPERSEDED, State.WITHDRAWN])
    timeliness = measure(decided, nation=organisation.nation, targets=targets, today=today)
    rags = Counter(row.rag for row in rows)
    return {
        "year": year,
        "label": year_label(targets, year),
        "starts": _date(starts),
        "ends": _date(after - datetime.timedelta(days=1)),
        "objectives": _objectives(duty["objectives"], rows, starts, after),
        "plan": [[rag, rags.get(rag, 0)] for rag in _RAGS],
        "rows": [asdict(row) for row in rows],
        "records": _records(records),
        "outcomes": _outcomes(records),
        "adverse": _adverse(records),
        "timeliness": [list(row) for row in timeliness.rows()],
    }
