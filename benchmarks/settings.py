"""Settings for the benchmark server: the project's own, plus a bare view to compare against
and no rate limits (the concurrent clients come from one address)."""

from due_regard.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
RATELIMIT_ENABLE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
