import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings

from eia.authorization import Role
from tests.factories import OrganisationFactory, PipelineItemFactory, UserFactory
from tests.support import builders

# Property tests: a quick look locally, a thorough search in CI (HYPOTHESIS_PROFILE overrides).
# No example database: it would write .hypothesis/ into the project while tests run.
_PROPERTY = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("quick", max_examples=40, **_PROPERTY)
settings.register_profile("thorough", max_examples=300, **_PROPERTY)
_in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "thorough" if _in_ci else "quick"))


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Northshire County Council", short_name="Northshire")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Eastdale District Council", short_name="Eastdale")


@pytest.fixture
def make_user(db, organisation):
    def make(*roles, organisation=organisation, **kwargs):
        return UserFactory(organisation=organisation, roles=list(roles), **kwargs)

    return make


@pytest.fixture
def project_manager(make_user):
    return make_user(Role.PROJECT_MANAGER, first_name="Priya", last_name="Sharma")


@pytest.fixture
def officer(make_user):
    return make_user(Role.EQUALITY_OFFICER, first_name="Tom", last_name="Okafor")


@pytest.fixture
def decision_maker(make_user):
    return make_user(Role.DECISION_MAKER, first_name="Helen", last_name="Ashworth")


@pytest.fixture
def lead(make_user):
    return make_user(Role.EQUALITY_LEAD, first_name="Gareth", last_name="Lloyd", is_staff=True)


@pytest.fixture
def pipeline_item(organisation, project_manager, decision_maker):
    return PipelineItemFactory(
        organisation=organisation,
        owner=project_manager,
        decision_maker=decision_maker,
        title="Library service redesign",
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher costs ~0.3 s per user; tests create many users and never test hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(organisation):
    """A whole team of one organisation: author, two officers, decision-maker, lead, viewer."""
    return builders.team(organisation)


@pytest.fixture(autouse=True)
def _mfa_only_where_tested(settings):
    """Leads and admins owe a security code after their password (signin/mfa.py); tests about
    something else sign them in directly. The MFA tests ask for `require_mfa`."""
    settings.DUE_REGARD_REQUIRE_MFA = False


@pytest.fixture
def require_mfa(settings):
    settings.DUE_REGARD_REQUIRE_MFA = True


@pytest.fixture(autouse=True)
def _fresh_cache_and_no_rate_limits(settings, tmp_path):
    """Each test starts with an empty cache (the register caches its filter options), its own
    folder for the whole-register files, and without the register's rate limits, which
    tests/integration/register/test_rate_limits.py switches back on."""
    cache.clear()
    settings.RATELIMIT_ENABLE = False
    settings.REGISTER_FILES_ROOT = tmp_path / "register-files"
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run at once, after the commit that queued them, so a test sees their
    effect; tests/integration/test_outbox.py runs the real database queue and its worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
