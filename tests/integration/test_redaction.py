"""Redaction: markers planted in every internal field never reach any public output.

Each marker is a distinct word without spaces or hyphens, so it survives PDF text extraction
(which may break lines anywhere) once whitespace is removed; positive controls prove each
output was really read.
"""

import io
import json
import zipfile

import pypdf
import pytest
from django.utils import timezone

from eia.audit import head
from eia.authorization import Role
from eia.documents import document_for
from eia.errors import NotFound
from eia.models import Assessment
from eia.redaction import public_record
from eia.register import published_file
from eia.register.exports import XLSX_TYPE
from equality.selectors.timeliness import targets_for, year_of
from equality.services import annual, objectives, plan, reports
from tests.factories import OrganisationFactory, UserFactory
from tests.integration.register.support import close
from tests.support import builders, content
from workflows import services

pytestmark = pytest.mark.django_db

MARKERS = {
    "officer comment": "ZQCOMMENTMARK",
    "approval comment": "ZQAPPROVALMARK",
    "sign-off comment": "ZQSIGNOFFMARK",
    "internal notes": "ZQNOTESMARK",
    "internal evidence title": "ZQPRIVATEEVIDENCE",
    "internal evidence text": "ZQPRIVATESHOWS",
    "action progress note": "ZQPROGRESSMARK",
    "screening override reason": "ZQOVERRIDEMARK",
    "withdrawal reason": "ZQWITHDRAWMARK",
    "withdrawn assessment title": "ZQWITHDRAWNTITLE",
    "draft title": "ZQDRAFTTITLE",
    "draft under review title": "ZQREVIEWTITLE",
    "other organisation's draft title": "ZQOTHERDRAFT",
    "sign-off attestation": "ZQATTESTMARK",
    "sign-off snapshot": "ZQSNAPSHOTMARK",
    "superseded plan comment": "ZQPLANCOMMENTMARK",
}
# Names, usernames and email addresses of everyone except the decision-maker's name, which is
# public (a public office holder signing as such).
PEOPLE = {
    "pm": ("Zqauthorfirst", "Zqauthorlast", "zqauthoruser"),
    "officer": ("Zqofficerfirst", "Zqofficerlast", "zqofficeruser"),
    "officer2": ("Zqsecondfirst", "Zqsecondlast", "zqseconduser"),
    "lead": ("Zqleadfirst", "Zqleadlast", "zqleaduser"),
    "owner": ("Zqownerfirst", "Zqownerlast", "zqowneruser"),
    "co_author": ("Zqcoauthorfirst", "Zqcoauthorlast", "zqcoauthoruser"),
}
ROLES = {
    "pm": Role.PROJECT_MANAGER,
    "officer": Role.EQUALITY_OFFICER,
    "officer2": Role.EQUALITY_OFFICER,
    "lead": Role.EQUALITY_LEAD,
    "owner": Role.VIEWER,
    "co_author": Role.PROJECT_MANAGER,
}
DECISION_MAKER = ("Helen", "Ashworth", "zqdmuser")
EMAIL_DOMAIN = "zqmail.invalid"


def _person(organisation, key, first, last, username, role, **extra):
    return UserFactory(
        organisation=organisation,
        first_name=first,
        last_name=last,
        username=username,
        email=f"{username}@{EMAIL_DOMAIN}",
        roles=[role],
        **extra,
    )


def _everything_secret() -> dict[str, str]:
    secret = dict(MARKERS)
    for key, (first, last, username) in PEOPLE.items():
        secret[f"{key} first name"] = first
        secret[f"{key} last name"] = last
        secret[f"{key} username"] = username
    secret["decision-maker username"] = DECISION_MAKER[2]
    secret["email domain"] = EMAIL_DOMAIN
    return secret


@pytest.fixture
def world(organisation):
    """Published records full of internal material, and unpublished ones around them."""
    people = {
        key: _person(
            organisation,
            key,
            *PEOPLE[key],
            ROLES[key],
            job_title="Head of Libraries" if key == "owner" else "",
        )
        for key in PEOPLE
    }
    people["dm"] = _person(organisation, "dm", *DECISION_MAKER, Role.DECISION_MAKER)
    internal = content.Internal(
        comment=MARKERS["officer comment"],
        approval_comment=MARKERS["approval comment"],
        sign_off_comment=MARKERS["sign-off comment"],
        internal_notes=MARKERS["internal notes"],
        private_evidence_title=MARKERS["internal evidence title"],
        private_evidence_shows=MARKERS["internal evidence text"],
        progress_note=MARKERS["action progress note"],
    )
    full = content.published_with_content(
        people,
        organisation,
        internal=internal,
        action_owner=people["owner"],
        co_authors=[people["co_author"]],
        title="Hawford library opening hours",
    )
    content.record_sign_off(
        full,
        name="Helen Ashworth",
        attestation=MARKERS["sign-off attestation"],
        snapshot={"notes": MARKERS["sign-off snapshot"]},
    )
    overridden = content.published_screened_out(
        people,
        organisation,
        outcome="screened_out_with_mitigation",
        answers_outcome="full_assessment",
        override_reason=MARKERS["screening override reason"],
        reasons="Only a handful of users are affected.",
        mitigation="Paper forms stay available.",
        internal=internal,
        title="Library card redesign",
    )
    draft = builders.started(people, organisation, title=MARKERS["draft title"])
    builders.at_screening_review(people, organisation, title=MARKERS["draft under review title"])
    withdrawn = builders.started(people, organisation, title=MARKERS["withdrawn assessment title"])
    services.withdraw(
        assessment_id=withdrawn.pk,
        by=people["pm"],
        seen=head(withdrawn),
        reason=MARKERS["withdrawal reason"],
    )
    other = OrganisationFactory(name="Eastdale District Council", short_name="Eastdale")
    other_draft = builders.started(
        builders.team(other), other, title=MARKERS["other organisation's draft title"]
    )
    published_file.regenerate()  # as the task queued by publishing does
    return {
        "annual_year": _equality_duty(people, organisation, full),
        "organisation": organisation,
        "published": [full, overridden],
        "unpublished": [draft, withdrawn, other_draft],
        "people": people,
    }


def _equality_duty(people, organisation, full) -> int:
    """The organisation's duty around the records: a plan row kept by a named officer whose
    first comment was replaced, a linked action, a published progress report and the annual
    equality report, published; returns the report's year."""
    today = timezone.localdate()
    objective = objectives.save_objective(
        by=people["lead"],
        values={
            "title": "Customers: equal access",
            "starts_on": today.replace(year=today.year - 1),
            "ends_on": today.replace(year=today.year + 2),
            "agreed_by": "Cabinet",
            "agreed_on": today.replace(year=today.year - 1),
        },
    )
    section = plan.add_section(by=people["lead"], objective_id=objective.pk, title="Customers")
    values = {
        "section": section.pk,
        "overview": "Digital inclusion",
        "key_deliverables": "Digital champions",
        "owner_name": "Customer Services",
        "owner_user": people["officer"].pk,
        "target_text": "From April 2027",
        "comment": MARKERS["superseded plan comment"],
        "rag": "amber",
    }
    row = plan.save_row(by=people["officer"], values=values)
    plan.save_row(
        by=people["officer"], values={**values, "comment": "Champions recruited"}, row_id=row.pk
    )
    plan.link_action(
        by=people["officer"], action_id=full.actions.first().pk, objective_id=objective.pk
    )
    progress = reports.take_report(by=people["officer"], title="Progress this year")
    reports.publish_report(by=people["lead"], report_id=progress.pk)
    year = year_of(targets_for(organisation.pk), today)
    report = annual.take_annual_report(by=people["officer"], year=year)
    annual.publish_annual_report(by=people["lead"], report_id=report.pk)
    return year


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    return metadata + " ".join(page.extract_text() for page in reader.pages)


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(archive.read(name).decode() for name in archive.namelist())


def _public_outputs(client, world) -> dict[str, str]:
    """Every public output there is, as text: pages, downloads, feed, reports, PDFs."""
    organisation = world["organisation"]
    slug = organisation.slug
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    urls = [
        "/public/",
        "/public/?q=library",
        f"/public/?organisation={slug}&outcome=screened_out_with_mitigation",
        "/public/?characteristic=disability",
        "/public/register.csv",
        "/public/register.json",
        "/public/register.xlsx",
        "/public/register.json?q=library",
        "/public/register.xlsx?q=library",
        "/public/feed.atom",
        f"/public/{slug}/screening-report/",
        f"/public/{slug}/screening-report/{today.year}/q{quarter}/",
        f"/public/{slug}/screening-report/{today.year}/q{quarter}.csv",
        f"/public/{slug}/equality/",
        f"/public/{slug}/equality/annual/{world['annual_year']}/",
        f"/public/{slug}/equality/annual/{world['annual_year']}.pdf",
    ]
    for assessment in world["published"]:
        base = f"/public/{slug}/{assessment.pipeline_item.reference}/v{assessment.version}/"
        urls += [base, base + "summary.pdf", base + "full.pdf"]
    for assessment in world["unpublished"]:
        base = (
            f"/public/{assessment.organisation.slug}/{assessment.pipeline_item.reference}"
            f"/v{assessment.version}/"
        )
        urls += [base, base + "summary.pdf", base + "full.pdf"]
    outputs = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        if response["Content-Type"].startswith("application/pdf"):
            outputs[url] = _pdf_text(response.content)
        elif response["Content-Type"] == XLSX_TYPE:
            outputs[url] = _xlsx_text(response.getvalue())
        else:
            outputs[url] = response.getvalue().decode()
        close(response)
    return outputs


def test_no_internal_field_reaches_any_public_output(client, world):
    outputs = _public_outputs(client, world)
    secrets = _everything_secret()
    leaks = []
    for url, text in outputs.items():
        squashed = "".join(text.split()).lower()
        for what, marker in secrets.items():
            if marker.lower() in squashed:
                leaks.append(f"{what} ({marker}) in {url}")
    assert leaks == []
    # The markers are really there, for those inside the organisation.
    client.force_login(world["people"]["officer"])
    inside = client.get(f"/assessments/{world['published'][0].pk}/").content.decode()
    for what in ("officer comment", "approval comment", "sign-off comment"):
        assert MARKERS[what] in inside
    client.logout()
    # Positive controls: each kind of output was really read, and public facts do appear.
    full_url = next(url for url in outputs if url.endswith("full.pdf"))
    readable = ("/public/", "/public/register.csv", "/public/register.xlsx", "/public/feed.atom")
    annual = f"/public/{world['organisation'].slug}/equality/annual/{world['annual_year']}"
    for url in (*readable, full_url, f"{annual}/"):
        assert "Hawford library opening hours" in " ".join(outputs[url].split()), url
    assert "Hawfordlibraryopeninghours" in "".join(outputs[f"{annual}.pdf"].split())
    assert "Championsrecruited" in "".join(outputs[f"{annual}.pdf"].split())
    full = world["published"][0]
    page = f"/public/{full.organisation.slug}/{full.pipeline_item.reference}/v1/"
    assert "Helen Ashworth" in outputs[page]
    assert "Head of Libraries" in outputs[page]
    assert "HeadofLibraries" in "".join(outputs[full_url].split())
    assert "Libraryusersurvey2026" in "".join(outputs[full_url].split())


def test_unpublished_assessments_are_404_at_every_public_address(client, world):
    for assessment in world["unpublished"]:
        base = (
            f"/public/{assessment.organisation.slug}/{assessment.pipeline_item.reference}"
            f"/v{assessment.version}/"
        )
        for url in (base, base + "summary.pdf", base + "full.pdf"):
            assert client.get(url).status_code == 404, url


def test_public_record_refuses_unpublished_assessments(world):
    for assessment in world["unpublished"]:
        with pytest.raises(NotFound):
            public_record(assessment)
        with pytest.raises(NotFound):
            document_for(assessment)


def test_public_record_keeps_only_public_evidence_and_job_titles(world):
    full = Assessment.objects.get(pk=world["published"][0].pk)
    record = public_record(full)
    assert [item.title for item in record.evidence] == ["Library user survey 2026"]
    disability = next(i for i in record.impacts if i.characteristic == "disability")
    assert disability.evidence == ("Library user survey 2026",)
    assert disability.characteristic_name == "Disability"
    assert {action.owner_role for action in record.actions} == {"Head of Libraries"}
    assert record.decision_maker == "Helen Ashworth"
    assert record.signed_off_by == "Helen Ashworth"
    text = json.dumps(record.__dict__, default=str)
    for marker in _everything_secret().values():
        assert marker not in text


def test_pdf_document_is_built_from_the_public_record(world):
    assessment = world["published"][0]
    document = document_for(assessment)
    item = assessment.pipeline_item
    assert document.author == f"{item.directorate.name}, {assessment.organisation.name}"
    assert [e.title for e in document.evidence] == ["Library user survey 2026"]
    assert {a.owner for a in document.actions} == {"Head of Libraries"}
    assert "Disability (major)" in document.equality_implications
    assert document.attestation == ""


def test_the_decision_makers_username_is_never_shown_as_their_name(client, organisation):
    people = builders.team(organisation)
    people["dm"] = UserFactory(
        organisation=organisation,
        roles=[Role.DECISION_MAKER],
        first_name="",
        last_name="",
        username="zqnamelessdm",
        job_title="Director of Place",
    )
    assessment = content.published_screened_out(people, organisation)
    content.record_sign_off(assessment, name="zqnamelessdm")
    record = public_record(Assessment.objects.get(pk=assessment.pk))
    assert record.decision_maker == "Director of Place"
    assert record.signed_off_by == "Director of Place"
    page = client.get(
        f"/public/{organisation.slug}/{assessment.pipeline_item.reference}/v1/"
    ).content.decode()
    assert "zqnamelessdm" not in page
    assert "Director of Place" in page
