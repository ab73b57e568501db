"""Due Regard settings: one module, driven by environment variables.

SQLite is the embedded default; set DATABASE_URL for PostgreSQL (production). DEBUG is off unless
DJANGO_DEBUG=1. No production secret lives here: DJANGO_SECRET_KEY, or a random key generated
once into var/secret_key for a local install.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DUE_REGARD_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    # A local install keeps a random key outside git rather than a known one in code.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# Behind TLS in production: set DJANGO_HTTPS=1 for secure cookies, HSTS and the HTTPS redirect.
HTTPS = env_bool("DJANGO_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "guardian",
    "viewflow",
    "viewflow.workflow",
    "django_tasks",
    "eia",
    "workflows",
    "equality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "eia.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Access is denied by default: every view needs a login unless marked public.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "eia.middleware.DomainErrorMiddleware",
    # Last, so it sees a rate limit first and answers 429 (RATELIMIT_VIEW), not 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "due_regard.urls"
WSGI_APPLICATION = "due_regard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eia.context_processors.service",
                "equality.context_processors.duty",
            ],
            "string_if_invalid": "",
        },
    }
]
# Project templates override Django's widget templates so forms render GOV.UK markup.
FORM_RENDERER = "eia.forms.GovukFormRenderer"

if database_url := os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", VAR_DIR / "due_regard.sqlite3"),
            "OPTIONS": {
                # WAL lets readers work during a write; IMMEDIATE takes the write lock at BEGIN so
                # two concurrent transitions queue instead of failing with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "eia.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# guardian: no anonymous user row; the public register is served without permissions at all.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
# No per-user permission cache: a grant is visible to the next check at once, whichever object
# holds the user. Lists ask guardian for the objects in one query (get_objects_for_user).
GUARDIAN_AUTO_PREFETCH = False
# viewflow: our own views and GOV.UK templates, not its Material frontend.
VIEWFLOW = {"AUTOREGISTER": False}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Production runs collectstatic into DJANGO_STATIC_ROOT; locally whitenoise serves from the finders.
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or None
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    BASE_DIR / "build" / "static",
]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("DUE_REGARD_MEDIA_ROOT", VAR_DIR / "media"))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "due-regard@localhost")
# Absolute links in emails.
SITE_URL = os.environ.get("DUE_REGARD_SITE_URL", "http://127.0.0.1:8000")

# Request size limits: a clear message, not a crash, when exceeded (see eia/middleware.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# The cache counts the register's rate limits per address. The default is per process: a
# deployment with several workers sets a shared cache (memcached or Redis) with these two.
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "due-regard"),
    }
}
# django-ratelimit refuses a per-process cache outright; here it only means each worker counts
# on its own (a limit per worker), which is said in README.md's Performance section.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_VIEW = "eia.views.errors.rate_limited"
RATELIMIT_ENABLE = env_bool("DUE_REGARD_RATE_LIMITS", True)
# Requests a minute from one address to the anonymous register: pages, and downloads.
REGISTER_RATES = {
    "page": os.environ.get("DUE_REGARD_REGISTER_PAGE_RATE", "120/m"),
    "download": os.environ.get("DUE_REGARD_REGISTER_DOWNLOAD_RATE", "10/m"),
}
# Behind a proxy: the META key holding the client's address, e.g. HTTP_X_FORWARDED_FOR.
CLIENT_IP_HEADER = os.environ.get("DUE_REGARD_CLIENT_IP_HEADER", "")
# The whole register as files, rebuilt after each publication (eia/register/published_file.py).
REGISTER_FILES_ROOT = Path(
    os.environ.get("DUE_REGARD_REGISTER_FILES_ROOT", VAR_DIR / "register-files")
)
# Background work (django-tasks). The email outbox brings the database backend; until then
# tasks run at once, after the commit that queued them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DUE_REGARD_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

SERVICE_NAME = "Due Regard"
