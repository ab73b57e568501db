"""The public register: published assessments and screening decisions, no sign-in needed.

Every page and download here reads `eia.redaction.PublicRecord`s (PDFs via `eia.documents`),
never a model field directly, so nothing internal can reach the public by a template's mistake.
An assessment that is not published (a draft, a withdrawn one, another organisation's anything)
is a 404 at every address. Lists load their rows with a fixed number of queries.
"""

import csv
import datetime
import json
import re

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from .. import screening
from ..documents import document_for, implications_for
from ..forms import GovukDateField, GovukForm
from ..models import Direction, Directorate, Impact, Organisation, ScreeningOutcome, State
from ..pdf_http import pdf_response
from ..redaction import (
    PublicRecord,
    characteristic_names,
    public_assessments,
    public_record,
    public_records,
    with_public_content,
)

PAGE_SIZE = 20
FEED_SIZE = 50
DOWNLOAD_CHUNK = 200
FIRST_REPORT_YEAR = 2000
SCREENING_DECISIONS_QUERY = "?outcome=screened_out&outcome=screened_out_with_mitigation"

# ---------------------------------------------------------------------------------------------
# Search and filters


class RegisterFilterForm(GovukForm):
    """The register's search and filters, submitted by GET so every result page has an address."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words from the title, reference, summary or directorate",
    )
    organisation = forms.ChoiceField(label="Organisation", required=False)
    directorate = forms.ChoiceField(label="Directorate", required=False)
    characteristic = forms.ChoiceField(
        label="Characteristic with an adverse impact", required=False
    )
    outcome = forms.MultipleChoiceField(
        label="Screening decision",
        required=False,
        choices=ScreeningOutcome.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    published_from = GovukDateField(
        label="Published on or after", required=False, help_text="For example, 1 4 2026"
    )
    published_to = GovukDateField(
        label="Published on or before", required=False, help_text="For example, 30 6 2026"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "All organisations")] + [
            (org.slug, org.name) for org in Organisation.objects.order_by("name")
        ]
        directorates = (
            Directorate.objects.filter(pipeline_items__assessments__state=State.PUBLISHED)
            .select_related("organisation")
            .order_by("organisation__name", "name")
            .distinct()
        )
        self.fields["directorate"].choices = [("", "All directorates")] + [
            (str(d.pk), f"{d.name} ({d.organisation.short_name})") for d in directorates
        ]
        names = characteristic_names()
        adverse = (
            Impact.objects.filter(assessment__state=State.PUBLISHED, direction=Direction.NEGATIVE)
            .values_list("characteristic", flat=True)
            .distinct()
        )
        labelled = sorted((names.get(c, c.replace("_", " ").capitalize()), c) for c in adverse)
        self.fields["characteristic"].choices = [("", "Any characteristic")] + [
            (c, name) for name, c in labelled
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            self.add_error(
                "published_to", "The 'published on or before' date must be on or after the other"
            )
        return data

    def filters(self) -> dict:
        """The valid filters: a field with an error filters nothing (its message is shown)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value and name not in self.errors}


def _filtered(queryset: QuerySet, filters: dict) -> QuerySet:
    for word in filters.get("q", "").split():
        queryset = queryset.filter(
            Q(pipeline_item__title__icontains=word)
            | Q(pipeline_item__reference__icontains=word)
            | Q(pipeline_item__summary__icontains=word)
            | Q(pipeline_item__directorate__name__icontains=word)
        )
    if "organisation" in filters:
        queryset = queryset.filter(organisation__slug=filters["organisation"])
    if "directorate" in filters:
        queryset = queryset.filter(pipeline_item__directorate_id=filters["directorate"])
    if "characteristic" in filters:
        # One impact per characteristic per assessment, so this join never duplicates a row.
        queryset = queryset.filter(
            impacts__characteristic=filters["characteristic"],
            impacts__direction=Direction.NEGATIVE,
        )
    if "outcome" in filters:
        queryset = queryset.filter(screening_outcome__in=filters["outcome"])
    if "published_from" in filters:
        queryset = queryset.filter(published_at__gte=_start_of(filters["published_from"]))
    if "published_to" in filters:
        end = filters["published_to"] + datetime.timedelta(days=1)
        queryset = queryset.filter(published_at__lt=_start_of(end))
    return queryset


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a UK day, whatever the season."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _register(request) -> tuple[RegisterFilterForm, QuerySet]:
    """The filter form and the published assessments it selects, newest first."""
    form = RegisterFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    queryset = _filtered(public_assessments().filter(state=State.PUBLISHED), filters)
    return form, queryset.order_by("-published_at", "-pk")


def _url(record: PublicRecord, name: str = "assessment") -> str:
    return reverse(
        f"register:{name}",
        kwargs={
            "organisation": record.organisation_slug,
            "reference": record.reference,
            "version": record.version,
        },
    )


def _rows(records) -> list[dict]:
    return [{"record": record, "url": _url(record)} for record in records]


@login_not_required
def index(request):
    form, queryset = _register(request)
    paginator = Paginator(with_public_content(queryset), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    records = public_records(page.object_list)
    return render(
        request,
        "register/index.html",
        {
            "form": form,
            "page": page,
            "page_range": list(
                paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
            ),
            "rows": _rows(records),
            "filtered": bool(request.GET.keys() - {"page"}),
            "screening_decisions_only": SCREENING_DECISIONS_QUERY,
        },
    )


# ---------------------------------------------------------------------------------------------
# One assessment: the page and its PDFs


def _find(organisation: str, reference: str, version: int):
    assessment = (
        with_public_content(public_assessments())
        .filter(
            organisation__slug=organisation, pipeline_item__reference=reference, version=version
        )
        .first()
    )
    if assessment is None:
        raise Http404("No such published assessment")
    return assessment


@login_not_required
def assessment(request, organisation: str, reference: str, version: int):
    found = _find(organisation, reference, version)
    record = public_record(found)
    versions = (
        public_assessments()
        .filter(pipeline_item_id=found.pipeline_item_id)
        .exclude(pk=found.pk)
        .order_by("-version")
        .values_list("version", "state", "published_at")
    )
    others = [
        {
            "version": number,
            "current": state == State.PUBLISHED,
            "published_at": published_at,
            "url": reverse(
                "register:assessment",
                kwargs={"organisation": organisation, "reference": reference, "version": number},
            ),
        }
        for number, state, published_at in versions
    ]
    return render(
        request,
        "register/assessment.html",
        {
            "record": record,
            "current": next((other for other in others if other["current"]), None),
            "other_versions": others,
            "implications": implications_for(record),
            "summary_pdf": _url(record, "summary_pdf"),
            "full_pdf": _url(record, "full_pdf"),
            "report_url": _report_url(record.organisation_slug, record.published_at),
        },
    )


def _pdf(request, organisation: str, reference: str, version: int, *, full: bool):
    found = _find(organisation, reference, version)
    record = public_record(found)
    name = "-".join(
        part
        for part in (organisation, slugify(reference), f"v{version}", "full" if full else "summary")
        if part
    )
    return pdf_response(
        request,
        document_for(found),
        full=full,
        name=name,
        page_url=_url(record),
        title=record.title,
    )


@login_not_required
def summary_pdf(request, organisation: str, reference: str, version: int):
    return _pdf(request, organisation, reference, version, full=False)


@login_not_required
def full_pdf(request, organisation: str, reference: str, version: int):
    return _pdf(request, organisation, reference, version, full=True)


# ---------------------------------------------------------------------------------------------
# Downloads and the feed


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot carry most control characters: the feed drops them rather than fail.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def neutralise(value) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat() if value else ""


def _download_records(request):
    form, queryset = _register(request)
    return public_records(with_public_content(queryset).iterator(chunk_size=DOWNLOAD_CHUNK))


REGISTER_COLUMNS = [
    "Organisation",
    "Reference",
    "Title",
    "Version",
    "Record type",
    "Type of proposal",
    "Directorate",
    "Decision body",
    "Decision date",
    "Decision-maker",
    "Published",
    "Review date",
    "Screening decision",
    "Adverse impacts",
    "Conclusion",
    "Web page",
]


def _register_row(request, record: PublicRecord) -> list:
    return [
        record.organisation,
        record.reference,
        record.title,
        record.version,
        record.record_type,
        record.kind,
        record.directorate,
        record.decision_body,
        _date(record.decision_date),
        record.decision_maker,
        _date(record.published_at),
        _date(record.review_date),
        record.screening_outcome_label,
        "; ".join(impact.characteristic_name for impact in record.adverse_impacts),
        record.conclusion_label,
        request.build_absolute_uri(_url(record)),
    ]


def _csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8 (Welsh, accents)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response


@login_not_required
def register_csv(request):
    rows = (_register_row(request, record) for record in _download_records(request))
    return _csv_response("published-assessments.csv", REGISTER_COLUMNS, rows)


def _json_record(request, record: PublicRecord) -> dict:
    return {
        "organisation": record.organisation,
        "organisation_slug": record.organisation_slug,
        "reference": record.reference,
        "title": record.title,
        "version": record.version,
        "record_type": record.record_type,
        "kind": record.kind,
        "directorate": record.directorate,
        "decision_body": record.decision_body,
        "decision_date": record.decision_date,
        "decision_maker": record.decision_maker,
        "published": _date(record.published_at),
        "review_date": record.review_date,
        "screening": {
            "outcome": record.screening_outcome,
            "outcome_label": record.screening_outcome_label,
            "reasons": record.screening_reasons,
            "mitigation": record.screening_mitigation,
            "rule_reasons": list(record.rule_reasons),
        },
        "impacts": [
            {
                "characteristic": impact.characteristic,
                "characteristic_name": impact.characteristic_name,
                "direction": impact.direction,
                "size": impact.size,
            }
            for impact in record.impacts
        ],
        "conclusion": record.conclusion,
        "conclusion_label": record.conclusion_label,
        "url": request.build_absolute_uri(_url(record)),
        "summary_pdf": request.build_absolute_uri(_url(record, "summary_pdf")),
        "full_pdf": request.build_absolute_uri(_url(record, "full_pdf")),
    }


@login_not_required
def register_json(request):
    results = [_json_record(request, record) for record in _download_records(request)]
    body = {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "count": len(results),
        "results": results,
    }
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )


def _xml(text: str) -> str:
    return _XML_UNSAFE.sub("", text or "")


@login_not_required
def feed(request):
    form, queryset = _register(request)
    records = public_records(with_public_content(queryset)[:FEED_SIZE])
    index_url = request.build_absolute_uri(reverse("register:index"))
    atom = Atom1Feed(
        title="Published equality impact assessments and screening decisions",
        link=index_url,
        description="New publications in the register",
        language="en-gb",
        feed_url=request.build_absolute_uri(request.get_full_path()),
        author_name="Due Regard public register",
    )
    for record in records:
        url = request.build_absolute_uri(_url(record))
        atom.add_item(
            title=_xml(f"{record.title} ({record.organisation}, version {record.version})"),
            link=url,
            unique_id=url,
            # Atom's summary is HTML: escape it so a reader shows user text literally.
            description=escape(_xml(f"{record.record_type}. {implications_for(record)}")),
            pubdate=record.published_at,
            updateddate=record.published_at,
            author_name=_xml(record.organisation),
            categories=[_xml(record.record_type), _xml(record.screening_outcome_label)],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response


# ---------------------------------------------------------------------------------------------
# Quarterly screening reports (Section 75 practice: every screening decision, each quarter)


def _quarter_of(moment: datetime.datetime) -> tuple[int, int]:
    day = timezone.localtime(moment).date()
    return day.year, (day.month - 1) // 3 + 1


def _report_url(organisation: str, published_at: datetime.datetime) -> str:
    year, quarter = _quarter_of(published_at)
    return reverse(
        "register:screening_report",
        kwargs={"organisation": organisation, "year": year, "quarter": quarter},
    )


def _quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    this_year = timezone.localdate().year
    if not (1 <= quarter <= 4 and FIRST_REPORT_YEAR <= year <= this_year + 1):
        raise Http404("No such quarter")
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    end = datetime.date(year + quarter // 4, (3 * quarter) % 12 + 1, 1)
    return start, end


def _report(organisation_slug: str, year: int, quarter: int):
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    start, end = _quarter_bounds(year, quarter)
    queryset = (
        public_assessments()
        .filter(
            organisation=organisation,
            published_at__gte=_start_of(start),
            published_at__lt=_start_of(end),
        )
        .order_by("published_at", "pk")
    )
    records = public_records(with_public_content(queryset))
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


@login_not_required
def screening_reports(request, organisation: str):
    found = get_object_or_404(Organisation, slug=organisation)
    quarters: dict[tuple[int, int], int] = {}
    for published_at in (
        public_assessments().filter(organisation=found).values_list("published_at", flat=True)
    ):
        key = _quarter_of(published_at)
        quarters[key] = quarters.get(key, 0) + 1
    rows = [
        {
            "year": year,
            "quarter": quarter,
            "count": count,
            "url": reverse(
                "register:screening_report",
                kwargs={"organisation": organisation, "year": year, "quarter": quarter},
            ),
        }
        for (year, quarter), count in sorted(quarters.items(), reverse=True)
    ]
    return render(
        request, "register/screening_reports.html", {"public_body": found, "quarters": rows}
    )


@login_not_required
def screening_report(request, organisation: str, year: int, quarter: int):
    public_body, start, last_day, records, counts = _report(organisation, year, quarter)
    return render(
        request,
        "register/screening_report.html",
        {
            "public_body": public_body,
            "year": year,
            "quarter": quarter,
            "start": start,
            "last_day": last_day,
            "rows": _rows(records),
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


REPORT_COLUMNS = [
    "Organisation",
    "Reference",
    "Title",
    "Version",
    "Directorate",
    "Published",
    "Screening decision",
    "Reasons",
    "Mitigation",
    "What the screening rules found",
    "Web page",
]


@login_not_required
def screening_report_csv(request, organisation: str, year: int, quarter: int):
    public_body, start, last_day, records, counts = _report(organisation, year, quarter)
    rows = (
        [
            record.organisation,
            record.reference,
            record.title,
            record.version,
            record.directorate,
            _date(record.published_at),
            record.screening_outcome_label,
            record.screening_reasons,
            record.screening_mitigation,
            " ".join(record.rule_reasons),
            request.build_absolute_uri(_url(record)),
        ]
        for record in records
    )
    filename = f"{public_body.slug}-screening-decisions-{year}-q{quarter}.csv"
    return _csv_response(filename, REPORT_COLUMNS, rows)


@login_not_required
def organisation(request, organisation: str):
    found = get_object_or_404(Organisation, slug=organisation)
    return redirect(f"{reverse('register:index')}?organisation={found.slug}")
