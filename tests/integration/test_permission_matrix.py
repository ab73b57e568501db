"""The permission matrix: every URL name x actor x assessment state x method, asked over HTTP
and compared with the policy table (tests/support/access_policy.py), checking the status and
that nothing was written where the policy allows no write.

The world (tests/support/matrix_world.py) is built once per module through the real services;
each cell runs in a savepoint that is rolled back, so one cell's write never reaches the next.
"""

import functools

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from eia.models import Action, Directorate, Engagement, EvidenceItem, Impact, PipelineItem
from eia.register import published_file
from tests.integration.register.support import close
from tests.support.access_policy import (
    ACTORS,
    ADMIN_PREFIX,
    POLICY,
    POLICY_BY_NAME,
    Actor,
    Needs,
    Outcome,
    Scenario,
    admin_row,
    expected,
)
from tests.support.matrix_world import MARKER, World, build_world
from workflows import services
from workflows.flows import AssessmentFlow

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tables a request may write without changing any record: sign-in sessions and the cache.
NOT_RECORDS = {"sessions", "django_ratelimit"}


def url_names(resolver=None, namespace="") -> list[str]:
    """Every named URL pattern in the project, with its namespace."""
    names = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names += url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(namespace + entry.name)
    return sorted(set(names))


def _selected_scenarios(request) -> tuple[Scenario, ...]:
    """Only the states the selected tests ask about (all of them in a full run)."""
    chosen = set()
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if item.module is request.module and callspec and "scenario" in callspec.params:
            chosen.add(callspec.params["scenario"])
    return tuple(scenario for scenario in Scenario if scenario in chosen)


@pytest.fixture(scope="module")
def world(request, django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        yield build_world(_selected_scenarios(request))
        transaction.set_rollback(True)


@functools.cache
def _fingerprint_sql() -> str:
    """One query: the row count of every table of the record and the process, and the newest
    change time where a table keeps one, so any write shows."""
    parts = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in NOT_RECORDS or not meta.managed or meta.proxy:
            continue
        table = connection.ops.quote_name(meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608 - table names from models
        for field in ("updated_at", "owner_id", "finished", "status"):
            if any(f.column == field for f in meta.local_concrete_fields):
                how = "MAX" if field in ("updated_at", "finished", "status") else "SUM"
                parts.append(f"(SELECT {how}({field}) FROM {table})")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def fingerprint() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def _clients(world: World) -> dict[Actor, Client]:
    clients = {}
    for actor in Actor:
        clients[actor] = Client()
        if actor in world.users:
            clients[actor].force_login(world.users[actor])
    return clients


def _task_id(assessment) -> int:
    task = services.active_task(assessment)
    if task is not None:
        return task.pk
    process = AssessmentFlow.process_class.objects.get(assessment=assessment)
    return process.task_set.order_by("-pk").first().pk


def _arguments(world: World, scenario: Scenario | None) -> dict:
    """Every URL keyword argument, filled from the world (and the scenario's assessment)."""
    organisation = world.organisation
    today = timezone.localdate()
    arguments = {
        "organisation": organisation.slug,
        "year": today.year,
        "quarter": (today.month - 1) // 3 + 1,
        "by_name": {
            "directorate_edit": {"pk": world.directorate_id},
            "decision_body_edit": {"pk": world.decision_body_id},
            "organisation_trail_export": {"kind": "json"},
            "password_reset_confirm": {"uidb64": "MQ", "token": "not-a-valid-token"},
            "invitation_accept": {"uidb64": "MQ", "token": "not-a-valid-token"},
        },
    }
    author = world.users[Actor.AUTHOR]
    item = PipelineItem.objects.filter(organisation=organisation).first()
    process = AssessmentFlow.process_class.objects.filter(assessment__organisation=organisation)
    process = process.first()
    objects = {
        "auth_group": Group.objects.first(),
        "viewflow_process": process,
        "viewflow_task": process.task_set.first() if process else None,
        "eia_organisation": organisation,
        "eia_localcharacteristic": organisation.local_characteristics.first(),
        "eia_directorate": Directorate.objects.get(pk=world.directorate_id),
        "eia_pipelineitem": item,
        "eia_user": author,
    }
    for prefix, instance in objects.items():
        for view in ("history", "delete", "change") if instance is not None else ():
            arguments["by_name"][f"admin:{prefix}_{view}"] = {"object_id": instance.pk}
    arguments["by_name"] |= {
        "admin:auth_user_password_change": {"id": author.pk},
        "admin:app_list": {"app_label": "eia"},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(PipelineItem).pk,
            "object_id": item.pk,
        },
    }
    if scenario is None:
        return arguments
    assessment = world.assessments[scenario]
    item = assessment.pipeline_item
    arguments |= {
        "pk": assessment.pk,
        "pipeline_pk": item.pk,
        "task_id": _task_id(assessment),
        "reference": item.reference,
        "version": assessment.version,
    }
    arguments["by_name"] |= {
        "pipeline_detail": {"pk": item.pk},
        "pipeline_edit": {"pk": item.pk},
        "workflows:trail_export": {"pk": assessment.pk, "kind": "json"},
    }
    evidence = EvidenceItem.objects.filter(assessment=assessment).first()
    if evidence is not None:
        arguments |= {
            "evidence_id": evidence.pk,
            "engagement_id": Engagement.objects.filter(assessment=assessment).first().pk,
            "action_id": Action.objects.filter(assessment=assessment).first().pk,
            "characteristic": Impact.objects.filter(assessment=assessment).first().characteristic,
            "kind": "evidence",
            "item_id": evidence.pk,
        }
    return arguments


def _url(name: str, arguments: dict) -> str:
    pattern_keys = _keywords(name)
    # An admin page of a model the world has no row of asks for one that does not exist.
    defaults = {
        "object_id": 0,
        "app_label": "eia",
        "id": 0,
        "pk": 0,
        "action_id": 0,
        "area": "x",
        "module": "rural_needs",
    }
    kwargs = arguments["by_name"].get(name) or {
        k: arguments[k] if k in arguments else defaults[k] for k in pattern_keys
    }
    return reverse(name, kwargs=kwargs)


def _keywords(name: str) -> list[str]:
    resolver = get_resolver()
    *namespaces, short = name.split(":")
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    possibilities = resolver.reverse_dict.getlist(short)
    return list(possibilities[0][0][0][1]) if possibilities else []


def _matches(outcome: Outcome, response, get_status: int | None) -> bool:
    status = response.status_code
    if outcome.read_only:
        return status in (405, get_status)
    if outcome.any_of:
        return status in outcome.any_of
    if status != outcome.status:
        return False
    if status == 302:
        goes_to_sign_in = response["Location"].startswith(("/sign-in/", "/admin/login/"))
        return goes_to_sign_in == outcome.login
    return True


def _ask(client, method: str, url: str, data: dict, before: tuple) -> tuple[object, bool]:
    """One cell: the response, and whether anything was written (then rolled back, so every
    cell starts from the same `before`)."""
    with transaction.atomic():
        try:
            response = client.post(url, data) if method == "POST" else client.get(url)
        except Exception as error:  # a 500: the policy never expects one
            transaction.set_rollback(True)
            return f"{type(error).__name__}: {error}", True
        close(response)
        wrote = fingerprint() != before
        transaction.set_rollback(True)
    return response, wrote


def _asks_read_only(scenario) -> bool:
    """A page that only reads ignores what is posted, in every state; asking it in one state
    (the one with the most on its pages) is enough, and halves the cost of those rows."""
    return scenario in (None, Scenario.PUBLISHED)


def run_cells(world, clients, rows, scenario) -> tuple[int, list[str]]:
    arguments = _arguments(world, scenario)
    assessment = world.assessments[scenario] if scenario else None
    seen = assessment.audit_events.order_by("-sequence").first().sequence if assessment else 0
    cells, failures = 0, []
    before = fingerprint()
    for row in rows:
        if row.needs is Needs.CONTENT and scenario is not None and not scenario.has_content:
            continue
        url = _url(row.name, arguments)
        for actor, facts in ACTORS.items():
            get_outcome, _ = expected(row.get, facts, scenario)
            for method, rules_ in (("GET", row.get), ("POST", row.post)):
                outcome, because = expected(rules_, facts, scenario)
                if method == "POST" and outcome.read_only and not _asks_read_only(scenario):
                    continue
                response, wrote = _ask(
                    clients[actor], method, url, {"seen": seen, **dict(row.data)}, before
                )
                signs_out = ("logout", "admin:logout", "signin:timed_out")
                if row.name in signs_out and actor in world.users:
                    clients[actor].force_login(world.users[actor])
                    before = fingerprint()  # signing in again is logged (eia/security_log.py)
                cells += 1
                where = f"{method} {url} ({row.name}) as {actor} in {scenario or '-'}"
                if isinstance(response, str):
                    failures.append(f"{where}: expected {outcome} ({because}), got {response}")
                    continue
                if not _matches(outcome, response, get_outcome.status):
                    failures.append(
                        f"{where}: expected {outcome} ({because}), got {response.status_code}"
                        f" {response.get('Location', '')}"
                    )
                elif wrote and not outcome.writes:
                    failures.append(f"{where}: {response.status_code} but it wrote something")
                elif leaks(row, facts, response):
                    failures.append(f"{where}: shows another organisation's proposal")
    return cells, failures


CELLS = {}


def teardown_module():
    print(f"\npermission matrix: {sum(CELLS.values())} cells: {CELLS}")  # seen with -s


def leaks(row, facts, response) -> bool:
    """Another organisation's person sees none of this organisation's proposals, outside the
    public register (where published ones are meant to be seen)."""
    if not facts.other_organisation or row.name.startswith("register:"):
        return False
    if response.status_code != 200 or response.streaming:
        return False
    return MARKER.encode() in response.content


def _report(failures: list[str]) -> str:
    shown = "\n".join(failures[:80])
    return f"{len(failures)} cells disagree with tests/support/access_policy.py:\n{shown}"


pytestmark = pytest.mark.django_db


def test_every_url_has_a_policy_row():
    missing = [
        name
        for name in url_names()
        if name not in POLICY_BY_NAME and not name.startswith(ADMIN_PREFIX)
    ]
    assert missing == [], (
        f"URL names without a policy row: {missing}. Add a Row for each to POLICY in "
        "tests/support/access_policy.py saying who may GET and POST it, in which states."
    )
    stale = [row.name for row in POLICY if row.name not in url_names()]
    assert stale == [], f"Policy rows for URL names that no longer exist: {stale}"


def test_pages_outside_any_assessment(world):
    rows = [row for row in POLICY if not row.per_assessment]
    published_file.regenerate()  # what publishing queues after commit, which tests never reach
    cells, failures = run_cells(world, _clients(world), rows, None)
    assert cells == len(rows) * len(ACTORS) * 2
    CELLS["outside"] = cells
    assert failures == [], _report(failures)


def test_admin_pages(world):
    rows = [admin_row(name) for name in url_names() if name.startswith(ADMIN_PREFIX)]
    cells, failures = run_cells(world, _clients(world), rows, None)
    CELLS["admin"] = cells
    assert failures == [], _report(failures)


@pytest.mark.parametrize("scenario", list(Scenario))
def test_every_assessment_page_in_every_state(world, scenario):
    rows = [row for row in POLICY if row.per_assessment]
    cells, failures = run_cells(world, _clients(world), rows, scenario)
    assert cells >= len(rows) * len(ACTORS)
    CELLS[scenario] = cells
    assert failures == [], _report(failures)
