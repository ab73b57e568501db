import pytest
from django.test import Client
from viewflow.workflow.models import Task

from eia.audit import head
from eia.authorization import Role
from eia.models import Assessment
from tests.support.screening_answers import answers_for, as_post_data
from tests.support.sections import complete_full, complete_rurality
from workflows import services
from workflows.flows import AssessmentFlow
from workflows.services.moves import check_consistent


class Journey:
    """Walks one assessment through HTTP, as whoever should act, asserting after every step."""

    def __init__(self, item, people):
        self.item = item
        self.people = people
        self.assessment = None
        self.clients = {}
        self.client = None

    # -- acting
    def as_(self, who):
        """Act as this person, each with their own browser (cookies, messages)."""
        user = self.people[who] if isinstance(who, str) else who
        if user.pk not in self.clients:
            self.clients[user.pk] = Client()
            self.clients[user.pk].force_login(user)
        self.client = self.clients[user.pk]
        return self

    def post(self, url, data=None, *, status=302):
        response = self.client.post(url, data or {})
        assert response.status_code == status, (
            f"POST {url} gave {response.status_code}: {response.content.decode()[:3000]}"
        )
        return response

    def url(self, name):
        return f"/assessments/{self.assessment.pk}/{name}"

    def stale_guard(self):
        """What every form posts: the staleness token of the page as loaded now."""
        return {"seen": head(self.refresh())}

    def start(self):
        self.as_("pm").post(f"/pipeline/{self.item.pk}/start/")
        self.assessment = Assessment.objects.get(pipeline_item=self.item, state="screening")
        return self

    def answer_screening(self, rurality: bool, outcome: str = "full_assessment", who="pm"):
        """Answer every screening question so that the rules give `outcome`."""
        data = as_post_data(answers_for(outcome, rural=rurality))
        self.as_(who).post(self.url("screening/"), data | self.stale_guard() | {"action": "save"})
        return self

    def submit(self, who="pm", *, fill=True):
        """Submit the author's stage; with fill=True, first complete the content it needs
        through the real section services (the content rules have their own tests)."""
        state = self.refresh().state
        completed = getattr(getattr(self.assessment, "full", None), "completed_sections", [])
        if fill and state == "full_assessment" and "conclusion" not in completed:
            complete_full(self.assessment, by=self.people["pm"])
        # Screened in, rurality proofing is a section of the full assessment, submitted with it.
        rural_stage = state == "rurality_proofing" or (
            state == "full_assessment" and self.assessment.rurality_proofing_required
        )
        if fill and rural_stage and "rurality" not in completed:
            complete_rurality(self.assessment, by=self.people["pm"])
        self.as_(who).post(self.url("submit/"), self.stale_guard())
        return self

    def review_screening(self, decision, reasons="Reasons given.", mitigation="", who="officer"):
        self.as_(who).post(
            self.url("review-screening/"),
            self.stale_guard()
            | {"decision": decision, "reasons": reasons, "mitigation": mitigation},
        )
        return self

    def review(self, decision, comment="", who="officer"):
        self.as_(who).post(
            self.url("review/"), self.stale_guard() | {"decision": decision, "comment": comment}
        )
        return self

    def sign_off(self, decision="sign", comment="", who="dm"):
        data = {"decision": decision, "comment": comment}
        if decision == "sign":
            # As a browser does: read the page, which carries the hash of what it showed.
            page = self.as_(who).client.get(self.url("sign-off/")).content.decode()
            data["seen_hash"] = page.split('name="seen_hash" value="')[1].split('"')[0]
            data["attested"] = "on"
        self.as_(who).post(self.url("sign-off/"), self.stale_guard() | data)
        return self

    def publish(self, who="officer2"):
        """Published by the second officer: whoever approved a version never publishes it."""
        self.as_(who).post(self.url("publish/"), self.stale_guard())
        return self

    # -- looking
    def refresh(self):
        self.assessment = Assessment.objects.get(pk=self.assessment.pk)
        return self.assessment

    def task(self) -> Task | None:
        return services.active_task(self.refresh())

    def expect(self, state, *, holder, event, from_state=None):
        """State, who holds the active task ('queue', a person key, or None) and the last event."""
        assessment = self.refresh()
        assert assessment.state == state
        check_consistent(assessment)
        task = services.active_task(assessment)
        if holder is None:
            assert task is None
        elif holder == "queue":
            assert task is not None and task.owner_id is None
        else:
            assert task is not None and task.owner_id == self.people[holder].pk, (
                f"expected {holder} to hold {task}, found {task.owner if task else None}"
            )
        last = assessment.audit_events.order_by("-sequence").first()
        assert last.event_type == event
        assert last.to_state in (state, "")
        if from_state is not None:
            assert last.from_state == from_state
        return self


@pytest.fixture
def people(project_manager, officer, decision_maker, lead, make_user):
    return {
        "pm": project_manager,
        "officer": officer,
        "officer2": make_user(Role.EQUALITY_OFFICER, first_name="Second", last_name="Officer"),
        "dm": decision_maker,
        "lead": lead,
        "viewer": make_user(Role.VIEWER),
    }


@pytest.fixture
def journey(pipeline_item, people):
    return Journey(pipeline_item, people)


def process_status(assessment):
    return AssessmentFlow.process_class.objects.get(assessment=assessment).status
