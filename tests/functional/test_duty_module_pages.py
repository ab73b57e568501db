"""Duty module pages in a real browser: the section page (editable, with errors, read-only with
the officer's authorisation), the public page with a module's section, and the lead's
monitoring returns. Every page passes axe (WCAG 2.2 AA) and reflows at 320 px."""

import pytest

from eia.audit import head
from eia.services import duty_modules as duty_services
from tests.support import builders
from tests.support.duty_modules import (
    FAIRER,
    answer_module,
    ni_signed_off,
    northern_ireland,
    page,
    scotland,
    screened_in_strategic,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _visit(browse, path):
    browse.goto(path)
    browse.check_reflow()
    return browse.page.inner_text("main")


def test_the_author_fills_in_a_module_and_an_officer_authorises_a_declaration(browse):
    organisation = scotland()
    team = builders.team(organisation)
    assessment = screened_in_strategic(team, organisation)
    url = f"/assessments/{assessment.pk}/duties/fairer_scotland/"

    browse.sign_in_as(team["pm"])
    assert "Fairer Scotland Duty assessment" in _visit(browse, f"/assessments/{assessment.pk}/")
    shown = _visit(browse, url)
    assert "experiencing low income?" in shown and "Source: Equality Act 2010" in shown
    browse.tick("not_required", "on")
    with browse.page.expect_navigation():
        browse.page.get_by_role("button", name="Save and continue").click()
    browse.check()
    browse.check_reflow()
    assert "Give the reasons an assessment is not required" in browse.page.inner_text("main")

    duty_services.save_module_answers(
        **page(assessment, team["pm"]),
        module_id="fairer_scotland",
        answers={},
        not_required=True,
        reasons="A routine fee uplift by inflation, not a strategic decision.",
    )
    browse.page.context.clear_cookies()
    browse.sign_in_as(team["officer2"])
    shown = _visit(browse, url)
    assert "Not yet authorised" in shown
    with browse.page.expect_navigation():
        browse.page.get_by_role("button", name="Authorise that it is not required").click()
    browse.check()
    assert "Authorised by" in browse.page.inner_text("main")
    assert head(assessment)


def test_the_public_page_shows_a_modules_answers(browse):
    organisation = scotland()
    team = builders.team(organisation)
    assessment = screened_in_strategic(team, organisation)
    answer_module(assessment, team["pm"], "fairer_scotland", FAIRER)
    builders.finish_and_publish(team, assessment)
    item = assessment.pipeline_item

    shown = _visit(browse, f"/public/{organisation.slug}/{item.reference}/v1/")

    assert "Fairer Scotland Duty" in shown and "Fares rise" in shown


def test_the_lead_reads_the_rural_needs_monitoring_return(browse):
    organisation = northern_ireland()
    team = builders.team(organisation)
    assessment = ni_signed_off(team, organisation)
    browse.sign_in_as(team["lead"])

    shown = _visit(browse, "/monitoring-returns/")
    assert "Rural Needs Act (NI) 2016: annual monitoring return" in shown
    with browse.page.expect_navigation():
        browse.page.get_by_role("link", name="Rural Needs Act (NI) 2016").first.click()
    browse.check()
    browse.check_reflow()
    assert assessment.pipeline_item.reference in browse.page.inner_text("main")
    assert "Sperrin" in _visit(browse, f"/assessments/{assessment.pk}/duties/rural_needs/")
