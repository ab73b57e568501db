"""Due Regard settings: one module, driven by environment variables.

SQLite is the embedded default; set DATABASE_URL for PostgreSQL (production). DEBUG is off unless
DJANGO_DEBUG=1. No production secret lives here: DJANGO_SECRET_KEY, or a random key generated
once into var/secret_key for a local install.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

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


def _audit_keys() -> dict[str, str]:
    """DUE_REGARD_AUDIT_KEYS="id:secret,id2:secret2": the keys that seal the audit trail, the
    first the one new events are sealed with, the others still accepted (rotation). They live
    outside the database so that whoever can write the tables cannot re-seal a rewritten trail.
    Unset, a published development key is used and `check --deploy` warns (eia/checks.py)."""
    keys = {}
    for entry in env_list("DUE_REGARD_AUDIT_KEYS", ""):
        key_id, _, secret = entry.partition(":")
        if key_id.strip() and secret.strip():
            keys[key_id.strip()] = secret.strip()
    return keys


AUDIT_KEYS = _audit_keys() or {"dev": "due-regard-development-audit-key-NOT-SECRET"}
AUDIT_KEYS_CONFIGURED = bool(_audit_keys())
# Where `manage.py audit_digest` writes the digest files an administrator archives.
AUDIT_DIGEST_DIR = Path(os.environ.get("DUE_REGARD_AUDIT_DIGEST_DIR", VAR_DIR / "audit-digests"))
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# Behind TLS in production: set DJANGO_HTTPS=1 for secure cookies, HSTS and the HTTPS redirect.
HTTPS = env_bool("DJANGO_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# Every subdomain too (a council's other services share its cookies' parent domain); preload
# only asks browsers to ship the rule, once someone submits the domain to the preload list.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
# Sessions end after DUE_REGARD_SESSION_IDLE_MINUTES idle or DUE_REGARD_SESSION_HOURS after
# signing in (signin/sessions.py), and the cookie lasts only until the browser closes.
DUE_REGARD_SESSION_IDLE_SECONDS = 60 * int(os.environ.get("DUE_REGARD_SESSION_IDLE_MINUTES", 30))
DUE_REGARD_SESSION_ABSOLUTE_SECONDS = int(
    3600 * float(os.environ.get("DUE_REGARD_SESSION_HOURS", 12))
)
# The timeout warning opens this long before the session ends.
DUE_REGARD_SESSION_WARNING_SECONDS = 120
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = DUE_REGARD_SESSION_ABSOLUTE_SECONDS  # the stored session's own expiry
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
    "django_tasks_db",
    # Sign-in throttling per username and address (eia/accounts/throttling.py).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "eia",
    "workflows",
    "signin",
    "equality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Only GET, HEAD and POST (TRACE, OPTIONS and the rest are 405), then the CSP header.
    "signin.middleware.AllowedMethodsMiddleware",
    "csp.middleware.CSPMiddleware",
    "eia.middleware.RejectNulMiddleware",
    "eia.upload_names.KeepUploadNamesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Signed-in responses are never stored; idle and over-age sessions end (signin/).
    "signin.middleware.NoStoreMiddleware",
    "signin.middleware.SessionLifetimeMiddleware",
    # Access is denied by default: every view needs a login unless marked public.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After a password, leads and admins enter a security code before any other page.
    "signin.middleware.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "eia.middleware.DomainErrorMiddleware",
    # Answers a locked-out sign-in with the lockout page (after the view has run).
    "axes.middleware.AxesMiddleware",
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
                "signin.context_processors.sign_in",
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
    # First, so a locked-out username and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
    # Council sign-in (OpenID Connect); idle unless configured below.
    "signin.oidc.CouncilAccountBackend",
]
# The password policy: 12 characters or more, not a common (breached) password, not like the
# username, not all numbers, and never the organisation's name (eia/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "eia.accounts.passwords.OrganisationNameValidator"},
]
# Email links: a password reset works for an hour, an invitation for a week; each works once.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("DUE_REGARD_RESET_LINK_SECONDS", 60 * 60))
INVITATION_TIMEOUT = int(os.environ.get("DUE_REGARD_INVITATION_SECONDS", 7 * 24 * 60 * 60))
# Sign-in throttling (django-axes): failures count per username AND address together, so
# someone guessing from elsewhere cannot lock the real person out; after AXES_FAILURE_LIMIT
# failures that pair waits the cool-off. Each failure is on the security log.
AXES_ENABLED = env_bool("DUE_REGARD_SIGN_IN_THROTTLING", True)
AXES_FAILURE_LIMIT = int(os.environ.get("DUE_REGARD_SIGN_IN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("DUE_REGARD_SIGN_IN_COOLOFF_MINUTES", 15))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "eia.accounts.throttling.SecurityLogHandler"
AXES_CLIENT_IP_CALLABLE = "eia.accounts.throttling.client_ip"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
CSRF_FAILURE_VIEW = "signin.views.csrf_failure"

# Content-Security-Policy: scripts, styles, images and fonts only from this site; no inline
# script or style anywhere (templates load files from signin/static/signin/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# MFA (django-otp) for local accounts: required for equality leads and admins (signin/mfa.py).
DUE_REGARD_REQUIRE_MFA = True
OTP_TOTP_ISSUER = "Due Regard"
# Nobody reads another person's authenticator secret or QR code in the admin (a 403), and a
# device that does not exist is never looked up there (django-otp's views would answer 500).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Council sign-in by OpenID Connect (mozilla-django-oidc, through signin/oidc.py). Set the
# issuer (its discovery document gives the endpoints) or each endpoint, and the client.
OIDC_ISSUER = os.environ.get("DUE_REGARD_OIDC_ISSUER", "")
OIDC_DISCOVERY_URL = os.environ.get("DUE_REGARD_OIDC_DISCOVERY_URL", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("DUE_REGARD_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("DUE_REGARD_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("DUE_REGARD_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("DUE_REGARD_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("DUE_REGARD_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("DUE_REGARD_OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("DUE_REGARD_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("DUE_REGARD_OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "signin:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/sign-in/"
OIDC_CREATE_USER = env_bool("DUE_REGARD_OIDC_CREATE_USERS", True)
# Which organisation a council account joins: the organisation claim's value (Entra ID's
# tenant ID, `tid`) mapped as "value=organisation-slug,...", else the one default organisation.
OIDC_ORGANISATION_CLAIM = os.environ.get("DUE_REGARD_OIDC_ORGANISATION_CLAIM", "tid")
OIDC_ORGANISATIONS = dict(
    pair.split("=", 1) for pair in env_list("DUE_REGARD_OIDC_ORGANISATIONS", "") if "=" in pair
)
OIDC_DEFAULT_ORGANISATION = os.environ.get("DUE_REGARD_OIDC_ORGANISATION", "")
# The claim listing the account's groups; each organisation maps groups to roles in the admin.
OIDC_GROUPS_CLAIM = os.environ.get("DUE_REGARD_OIDC_GROUPS_CLAIM", "groups")

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
# The relay, for DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# A relay that hangs costs the worker this long per attempt, never a user's request.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))
# The outbox (eia/outbox.py): attempts per email, and the first wait (doubled each time, so
# 1, 2, 4, 8 ... minutes: with these defaults the last attempt is 8.5 hours after the first).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("DUE_REGARD_OUTBOX_MAX_ATTEMPTS", "10"))
OUTBOX_RETRY_SECONDS = float(os.environ.get("DUE_REGARD_OUTBOX_RETRY_SECONDS", "60"))
# Absolute links in emails.
SITE_URL = os.environ.get("DUE_REGARD_SITE_URL", "http://127.0.0.1:8000")

# Optional virus scan of uploads by clamd (eia/virus_scan.py): a Unix socket, or a host and port.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", "30"))

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
# Password reset requests from one address (each sends an email).
PASSWORD_RESET_RATE = os.environ.get("DUE_REGARD_PASSWORD_RESET_RATE", "5/h")
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
# Background work (django-tasks): the database backend (django-tasks-db), run by
# `manage.py db_worker` beside the web server; no extra server needed on one machine.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DUE_REGARD_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

SERVICE_NAME = "Due Regard"
# The accessibility statement (templates/eia/accessibility.html, in the model form public
# bodies must publish): who runs this installation, how to reach them, and when it was tested.
ACCESSIBILITY = {
    "operator": os.environ.get("DUE_REGARD_OPERATOR", "the organisation that runs this service"),
    "email": os.environ.get("DUE_REGARD_ACCESSIBILITY_EMAIL", ""),
    "phone": os.environ.get("DUE_REGARD_ACCESSIBILITY_PHONE", ""),
    "response_days": int(os.environ.get("DUE_REGARD_ACCESSIBILITY_RESPONSE_DAYS", "10")),
    "prepared": os.environ.get("DUE_REGARD_ACCESSIBILITY_PREPARED", "1 December 2026"),
    "reviewed": os.environ.get("DUE_REGARD_ACCESSIBILITY_REVIEWED", "1 December 2026"),
    "tested": os.environ.get("DUE_REGARD_ACCESSIBILITY_TESTED", "1 December 2026"),
}
