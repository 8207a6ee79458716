"""One settings module, driven by environment variables (see .env.example for every one of them).

There are no production-only branches: production is these settings with production values.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import django_stubs_ext
import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets classes subscript Django generics at run time (admin.ModelAdmin[Case]) as mypy wants them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # local state for the embedded defaults: SQLite file, broker folder, uploads

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG: bool = env.bool("DJANGO_DEBUG", default=True)


def _secret_key() -> str:
    key: str = env.str("DJANGO_SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    # Development only: a random key kept per checkout, so sessions survive restarts of `make run`.
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL: str = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Django's admin with our site class: staff need a verified second factor (accounts.admin_site).
    "accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "accounts",
    "staff",
    "outbox",
    "applicants",
    "assessments",
    # After applicants: its admin extends the case admin with the letters inline, action and pages.
    "letters",
    # After letters: its admin extends the case admin registered last with the consultations inline.
    "bookings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers on every response, static files included.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # First visit in the browser's language; the admin in the user's language (see the module).
    "consultancy.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Bodies larger than the caller could need are refused before they are read (413), then any NUL
    # character in the path, query or form fields is a 400 (consultancy.request_guards).
    "consultancy.request_guards.RequestSizeLimitMiddleware",
    "consultancy.request_guards.RejectNulCharactersMiddleware",
    # Marks the user verified once they passed their second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # After authentication: stamps every audit-log entry written during the request with its user.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after 30 idle minutes and after 12 hours whatever the activity (after the
    # messages middleware: it says why on the sign-in page).
    "accounts.middleware.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out client's login with the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "consultancy.urls"
WSGI_APPLICATION = "consultancy.wsgi.application"
ASGI_APPLICATION = "consultancy.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# Default: an SQLite file in var/, so `make run` needs no server. A postgres:// URL uses PostgreSQL
# through psycopg 3.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Real-worker tests run the worker in another process: it must see the test database, so the
    # SQLite test database is a file, not ":memory:".
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------
# Shared between web and worker processes (rate limits, worker heartbeat): the database by default,
# Redis when CACHE_URL says so.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="dbcache://django_cache"),
}

# --- Auth -----------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# django-axes first: it refuses to even check the password of a locked-out user or address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.OneQueryPermissionsBackend",
]
# Lock-out (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name, or from one client
# address, further attempts are refused for AXES_COOLOFF_TIME, the admin's and the portal's alike.
AXES_FAILURE_LIMIT: int = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not only the pair
# A successful sign-in clears nothing: it proves the password of that one account, and clearing the
# address's count would let one attacker keep guessing other accounts by signing in to their own in
# between. Failures simply expire after the cool-off time.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"  # our translated page, 429 with Retry-After
AXES_CLIENT_IP_CALLABLE = "consultancy.ratelimits.client_ip"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_for_lockout"  # cut to the length axes can store
AXES_VERBOSE = False  # its log lines quote user names and addresses; lock-outs are in the database
# Staff sessions (the admin): signed out after this long without a request, and this long after
# signing in whatever the activity. Applicants' sessions keep Django's default lifetime.
STAFF_SESSION_IDLE_MINUTES: int = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS: int = env.int("STAFF_SESSION_MAX_HOURS", default=12)
# The name staff see in their authenticator app.
OTP_TOTP_ISSUER: str = env.str("OTP_TOTP_ISSUER", default="Tech talent visas")
# A TOTP secret is shown once, to its owner, at enrolment: the admin never shows devices' keys or QR
# codes (an administrator deletes a lost device; its owner enrols a new one).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Asia/Singapore")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
# Applicant documents and letters are private: they live outside any served URL and are only
# streamed by permission-checked views.
PRIVATE_STORAGE_ROOT = Path(env.str("PRIVATE_STORAGE_ROOT", default=str(VAR_DIR / "private")))
# Uploaded files and folders readable by the application's user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {
        "BACKEND": "consultancy.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_ROOT)},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
    # Advice-letter PDFs, one fixed name per letter version: a retried render overwrites its own
    # half-written file instead of leaving a second one beside it.
    "letters": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(PRIVATE_STORAGE_ROOT / "letters"),
            "base_url": None,
            "allow_overwrite": True,
        },
    },
}

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Consultancy <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONSULTANCY_NOTIFY_EMAIL = env.str("CONSULTANCY_NOTIFY_EMAIL", default="cases@localhost")

# --- Advice letters ---------------------------------------------------------------------------------
# The letterhead printed on every PDF advice letter. CONSULTANCY_LOGO is a file under static/letters/
# (the only folder the letter renderer may read); the `letters` system checks verify it.
CONSULTANCY_NAME: str = env.str("CONSULTANCY_NAME", default="Demo Talent Advisory Pte. Ltd.")
# Lines separated by "|" (a .env value is one line).
CONSULTANCY_ADDRESS: list[str] = [
    line.strip()
    for line in env.str("CONSULTANCY_ADDRESS", default="10 Example Street, #01-01|Singapore 000000").split(
        "|"
    )
    if line.strip()
]
CONSULTANCY_REGISTRATION: str = env.str(
    "CONSULTANCY_REGISTRATION", default="UEN 000000000D · EA Licence 00C0000"
)
CONSULTANCY_LOGO: str = env.str("CONSULTANCY_LOGO", default="logo.svg")
# Rendering a letter takes about a second; these bound a stuck one. The soft limit interrupts the render
# (it is retried), the hard limit kills the worker process. The sweeper re-queues a letter still
# "rendering" after LETTER_RENDERING_DEADLINE (past the hard limit: its worker is gone). A letter
# requested while the broker is down needs no deadline: its render task waits in the outbox.
LETTER_SOFT_TIME_LIMIT = env.int("LETTER_SOFT_TIME_LIMIT_SECONDS", default=60)
LETTER_TIME_LIMIT = env.int("LETTER_TIME_LIMIT_SECONDS", default=90)
LETTER_RENDERING_DEADLINE = env.int("LETTER_RENDERING_DEADLINE_SECONDS", default=180)
# After this many attempts (retries after errors and restarts after a dead worker) a letter fails.
LETTER_MAX_ATTEMPTS = env.int("LETTER_MAX_ATTEMPTS", default=5)
# A case manager's choice: a rendered letter needs a second staff member's review before its release.
LETTERS_REQUIRE_SECOND_REVIEWER: bool = env.bool("LETTERS_REQUIRE_SECOND_REVIEWER", default=False)

# --- Celery ---------------------------------------------------------------------------------------
# Default broker: kombu's filesystem transport in var/broker, a real broker that needs no server, so
# `make run` runs a real worker process. A redis:// URL uses Redis.
CELERY_BROKER_URL: str = env.str("CELERY_BROKER_URL", default="filesystem://")
_BROKER_FOLDER = Path(env.str("CELERY_FILESYSTEM_DIR", default=str(VAR_DIR / "broker")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "data_folder_in": str(_BROKER_FOLDER / "queue"),
        "data_folder_out": str(_BROKER_FOLDER / "queue"),
        "processed_folder": str(_BROKER_FOLDER / "processed"),
        "control_folder": str(_BROKER_FOLDER / "control"),
        "store_processed": False,
        # The transport polls its folder (kombu's default: every second, which capped a worker of two
        # processes at about one letter a second). A tenth of a second costs nothing measurable.
        "polling_interval": 0.1,
    }
else:
    # Must stay well above the longest task's hard time limit, or Redis redelivers running tasks.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Tasks are idempotent (STYLE): acknowledge a message only when its task has finished, and put it back
# if the worker process running it dies, so a crash never loses work. One message per worker process
# at a time: a letter waits on the queue, not behind a busy process that prefetched it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process is replaced after a task that left it above this resident size (in KiB).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD_KB", default=300_000)
# Letters render on their own queue, so a burst of letters never delays e-mails or the heartbeat.
CELERY_TASK_ROUTES = {
    "letters.render_letter": {"queue": "letters"},
    "letters.render_result_copy": {"queue": "letters"},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_ALWAYS_EAGER = False  # tests switch it on per test; never in a running process
CELERY_TASK_IGNORE_RESULT = True  # status lives on our models, not in a result backend
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "worker-heartbeat": {"task": "consultancy.heartbeat", "schedule": 60.0},
    # Personal data past its retention period is purged (applicants.services.retention).
    "enforce-retention": {"task": "applicants.enforce_retention", "schedule": crontab(hour=3, minute=0)},
    # Task calls stored while the broker was unreachable are published once it answers again.
    "outbox-publish-pending": {"task": "outbox.publish_pending", "schedule": 60.0},
    # Open cases re-assessed when new rule versions take effect (first: 2027-01-01), before the digest.
    "reassess-open-cases": {"task": "applicants.reassess_open_cases", "schedule": crontab(hour=6, minute=0)},
    # Consultants' digest (next actions, expiring passes, re-assessments) once a day, local time.
    "consultant-daily-digest": {
        "task": "applicants.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Letters whose worker died mid-render go back on the queue (through the outbox).
    "sweep-stalled-letter-renders": {"task": "letters.sweep_stalled_renders", "schedule": 60.0},
    # Consultation reminders 24 hours and 1 hour before (each sent once: bookings.services).
    "consultation-reminders": {"task": "bookings.queue_due_reminders", "schedule": 300.0},
    # Result copies (PDF downloads, unsent e-mail addresses) past their expiry are deleted.
    "purge-expired-result-copies": {"task": "letters.purge_expired_result_copies", "schedule": 300.0},
}

# --- Security -------------------------------------------------------------------------------------
# Behind a reverse proxy: trust its X-Forwarded-Proto, and take the client address from the last hop
# it adds to X-Forwarded-For (rate limits and lock-outs count per client, not per proxy).
BEHIND_PROXY: bool = env.bool("DJANGO_BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no page script reads it: forms carry the token
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# The language cookie like the others: no page script reads it (the switcher is a form).
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Request bodies (consultancy.request_guards): anonymous callers send forms and profiles only; signed-in
# people also upload documents (a staff case page may carry several at once). Form fields and raw
# bodies (the JSON API) are held in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE.
ANONYMOUS_REQUEST_MAX_BYTES: int = env.int("ANONYMOUS_REQUEST_MAX_BYTES", default=256 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Content-Security-Policy (django-csp): our pages load scripts, styles, fonts and images from this
# site only, with no inline script or style (Bootstrap's own icons are data: URIs). A test walks every
# page for the header and a browser test checks that no page breaks the policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        # Frames only on the letter review page (its inline PDF preview), which allows 'self' there.
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features no page of ours uses.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture", "fullscreen")
}
SILENCED_SYSTEM_CHECKS: list[str] = env.list("DJANGO_SILENCED_SYSTEM_CHECKS", default=[])

# --- Rate limits (django-ratelimit, counted in the shared cache) --------------------------------------
# A foreign-currency amount converted to within this share of a threshold goes to review (engine default 2 %).
EXCHANGE_RATE_TOLERANCE: Decimal = Decimal(env.str("EXCHANGE_RATE_TOLERANCE", default="0.02"))
# A rate older than this many days before the assessment date is stale: a converted amount names the rate's
# date, and the admin dashboard lists the pairs whose newest rate is that old.
EXCHANGE_RATE_MAX_AGE_DAYS: int = env.int("EXCHANGE_RATE_MAX_AGE_DAYS", default=45)

# Per client address (consultancy.ratelimits.client_ip); past a limit the answer is 429 with Retry-After.
ASSESSMENT_API_RATE: str = env.str("ASSESSMENT_API_RATE", default="60/m")
# Portal sign-in attempts, password-reset and sign-in-link requests, first passwords.
PORTAL_LOGIN_RATE: str = env.str("PORTAL_LOGIN_RATE", default="20/m")
# Staff sign-in attempts and second-factor codes.
STAFF_LOGIN_RATE: str = env.str("STAFF_LOGIN_RATE", default="20/m")
# Saved self-assessments ("save and talk to a consultant") and intake answers posted.
INTAKE_SUBMIT_RATE: str = env.str("INTAKE_SUBMIT_RATE", default="10/m")
INTAKE_STEP_RATE: str = env.str("INTAKE_STEP_RATE", default="120/m")
# Secure messages posted from the portal.
PORTAL_MESSAGE_RATE: str = env.str("PORTAL_MESSAGE_RATE", default="10/m")
# "E-mail me this result" and "Download as PDF" from the result page (per client address), and how long
# a copy (the PDF, or the address until the e-mail is sent) is kept.
RESULT_EMAIL_RATE: str = env.str("RESULT_EMAIL_RATE", default="5/h")
RESULT_PDF_RATE: str = env.str("RESULT_PDF_RATE", default="20/h")
RESULT_COPY_TTL_MINUTES: int = env.int("RESULT_COPY_TTL_MINUTES", default=60)
RATELIMIT_IP_META_KEY = "consultancy.ratelimits.client_ip"

# --- Applicant portal -------------------------------------------------------------------------------
# The e-mailed link that opens a saved assessment in the portal, and the one-time sign-in link.
RESUME_LINK_MAX_AGE_DAYS: int = env.int("RESUME_LINK_MAX_AGE_DAYS", default=14)
MAGIC_LINK_MAX_AGE_MINUTES: int = env.int("MAGIC_LINK_MAX_AGE_MINUTES", default=30)
# Answers saved to continue later (no case): kept this long, then deleted by the retention sweep.
INTAKE_DRAFT_MAX_AGE_DAYS: int = env.int("INTAKE_DRAFT_MAX_AGE_DAYS", default=14)
# Largest document an applicant may upload (PDF, JPEG or PNG, checked by content).
DOCUMENT_UPLOAD_MAX_BYTES: int = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
SIGNED_IN_REQUEST_MAX_BYTES: int = env.int(
    "SIGNED_IN_REQUEST_MAX_BYTES", default=5 * DOCUMENT_UPLOAD_MAX_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE
)

# --- Data protection: retention schedule ----------------------------------------------------------------
# Days each category of personal data is kept (applicants.services.retention, enforced daily at 03:00).
# Override any of them with RETENTION_DAYS, e.g. "data_exports=14,audit_log=3650".
RETENTION_DAYS: dict[str, int] = {
    "finished_case_people": 6 * 365,  # decided/closed cases: records kept 6 years, then erased
    "people_without_case": 365,
    "finished_case_documents": 365,  # uploaded files, 1 year after the decision
    "data_exports": 30,
    "audit_log": 6 * 365,
    "login_attempts": 90,
    "expired_sessions": 0,
    "unsubmitted_drafts": 0,  # days after a draft's expiry (INTAKE_DRAFT_MAX_AGE_DAYS): deleted at once
    **{key: int(value) for key, value in env.dict("RETENTION_DAYS", default={}).items()},
}

# --- Forms ----------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging ----------------------------------------------------------------------------------------
# JSON lines in production (for log shippers), plain text while debugging; personal data is redacted
# from every record either way (consultancy/logging.py).
LOG_FORMAT: str = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "consultancy.logging.RedactPersonalData"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message"],
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every render step and fontTools every font it decompresses: a dozen lines a
        # letter. Their warnings (e.g. a glyph missing) still show.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every successful sign-in with the request path, which for the resume and
        # sign-in links holds the token: only its lock-out warnings are kept.
        "axes": {"level": "WARNING"},
    },
}
