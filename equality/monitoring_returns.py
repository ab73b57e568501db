"""Annual monitoring returns of duty modules that declare one (screening_rules/duties/, the
`[monitoring_return]` table): for the Rural Needs Act (NI) 2016, section 3, one row per Rural
Needs Impact Assessment signed off in the reporting year (April to March), its columns the
module's own. Read as HTML (the accessible form), CSV (every cell neutralised) and PDF."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from eia import duty_modules, screening
from eia.models import DutyModuleAnswers, Organisation, State
from eia.pdf.report import Report, Section, Table, render_report
from screening_rules.duty_modules import DutyModule

# Signed off counts, whatever happened since (published, or superseded by a later review).
COUNTED_STATES = (State.SIGNED_OFF, State.PUBLISHED, State.SUPERSEDED)
FIXED_COLUMNS = ("Reference", "Proposal", "Directorate", "Signed off")


@dataclass(frozen=True)
class MonitoringReturn:
    module: DutyModule
    year: int  # the reporting year that starts in this calendar year
    starts: datetime.date
    ends: datetime.date  # the day after the last day
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def title(self) -> str:
        return f"{self.module.monitoring_return.title}, {self.year} to {self.year + 1}"

    @property
    def period(self) -> str:
        last = self.ends - datetime.timedelta(days=1)
        return f"{self.starts:%-d %B %Y} to {last:%-d %B %Y}"


def modules_with_returns(organisation: Organisation) -> list[DutyModule]:
    """The latest version of each module with a return, in the organisation's jurisdiction."""
    jurisdiction = screening.current_ruleset(organisation).jurisdiction
    latest = [duty_modules.latest(module_id) for module_id in duty_modules.module_ids()]
    return [
        module
        for module in latest
        if module.monitoring_return is not None and jurisdiction in module.jurisdictions
    ]


def current_year(module: DutyModule, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    month, day = map(int, module.monitoring_return.year_starts.split("-"))
    return today.year if (today.month, today.day) >= (month, day) else today.year - 1


def monitoring_return(*, organisation: Organisation, module_id: str, year: int):
    """The return, or None when the module has none for this organisation."""
    module = next((m for m in modules_with_returns(organisation) if m.id == module_id), None)
    if module is None or not 2000 <= year <= 2999:
        return None
    month, day = map(int, module.monitoring_return.year_starts.split("-"))
    starts, ends = datetime.date(year, month, day), datetime.date(year + 1, month, day)
    found = (
        DutyModuleAnswers.objects.filter(
            module=module.id,
            assessment__organisation=organisation,
            assessment__state__in=COUNTED_STATES,
            assessment__signed_off_at__date__gte=starts,
            assessment__signed_off_at__date__lt=ends,
        )
        .select_related("assessment__pipeline_item__directorate")
        .order_by("assessment__signed_off_at", "pk")
    )
    rows = []
    for row in found:
        pinned = duty_modules.pinned(row)
        assessment, item = row.assessment, row.assessment.pipeline_item
        shown = {q.id for q in pinned.shown(row.answers)}
        cells = [
            item.reference,
            item.title,
            item.directorate.name if item.directorate else "",
            f"{timezone.localtime(assessment.signed_off_at):%-d %B %Y}",
        ]
        for question_id, _heading in module.monitoring_return.columns:
            question = pinned.question(question_id)
            value = row.answers.get(question_id, "") if question_id in shown else ""
            if row.not_required:
                value = ""
            cells.append(question.option_label(value) if question and value else str(value))
        rows.append(tuple(cells))
    header = FIXED_COLUMNS + tuple(heading for _q, heading in module.monitoring_return.columns)
    return MonitoringReturn(module, year, starts, ends, header, tuple(rows))


def pdf(found: MonitoringReturn, organisation_name: str) -> bytes:
    return render_report(
        Report(
            organisation=organisation_name,
            reference=found.module.monitoring_return.title,
            version=1,
            title=found.title,
            kind="Monitoring return",
            introduction=(
                f"{organisation_name}. Reporting period: {found.period}.",
                f"Source: {found.module.monitoring_return.citation}",
            ),
            sections=(
                Section(
                    heading=f"{found.module.title}s signed off in the period",
                    paragraphs=() if found.rows else ("None in this period.",),
                    tables=(Table(header=found.header, rows=found.rows),) if found.rows else (),
                ),
            ),
        )
    )
