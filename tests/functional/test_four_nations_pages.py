"""Northern Ireland's pages in a real browser, each checked by axe and at 320 px: the impact
page asking Section 75's duties, the public consultation with its warning, the sign-off page
citing section 75, the public page and the financial-year quarterly screening report."""

import pytest
from django.utils import timezone

from eia import reporting_year
from eia.models import Assessment, Organisation, User
from eia.redaction import public_record
from eia.register.links import record_url
from tests.factories import PipelineItemFactory
from workflows import services
from workflows.demo import organisations as demo
from workflows.demo import stories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_northern_irelands_pages_pass_axe_and_reflow(browse):
    demo.seed()
    carrowmore = Organisation.objects.get(slug="carrowmore")
    pm = User.objects.get(username="pm.carrowmore")
    officer = User.objects.get(username="officer.carrowmore")
    item = PipelineItemFactory(
        organisation=carrowmore, owner=pm, decision_maker=User.objects.get(username="dm.carrowmore")
    )
    under_way = services.start_assessment(pipeline_item_id=item.pk, by=pm)
    stories.answer_and_submit_screening(under_way, by=pm, outcome="full_assessment")
    stories.confirm(under_way, by=officer, outcome="full_assessment", reasons="Major impact.")
    waiting = Assessment.objects.get(organisation=carrowmore, state="awaiting_sign_off")
    published = Assessment.objects.get(
        organisation=carrowmore, state="published", screening_outcome="full_assessment"
    )
    page = browse.page

    browse.sign_in_as(pm)
    browse.goto(f"/assessments/{under_way.pk}/full/impacts/disability/")
    main = page.inner_text("main")
    assert "promoting positive attitudes towards disabled people" in main
    assert "eliminating discrimination" not in main
    browse.check_reflow()
    browse.goto(f"/assessments/{under_way.pk}/full/engagement/consultation/")
    browse.check_reflow()
    browse.goto(f"/assessments/{waiting.pk}/full/engagement/")
    assert "this one lasted 8 weeks" in page.inner_text("main")
    browse.check_reflow()

    browse.page.context.clear_cookies()
    browse.sign_in_as(User.objects.get(username="dm.carrowmore"))
    browse.goto(f"/assessments/{waiting.pk}/sign-off/")
    assert "Northern Ireland Act 1998, section 75" in page.inner_text("#attestation")
    browse.check_reflow()

    browse.page.context.clear_cookies()
    browse.goto(record_url(public_record(published)))
    assert "Equality Scheme" in page.inner_text("main")
    browse.check_reflow()
    year, quarter = reporting_year.quarter_of(timezone.localdate(), "financial")
    browse.goto(f"/public/carrowmore/screening-report/{year}/q{quarter}/")
    assert "financial year" in page.inner_text("h1")
    browse.check_reflow()
    browse.goto("/public/carrowmore/screening-report/")
    browse.check_reflow()
