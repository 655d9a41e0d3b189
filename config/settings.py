"""Every setting is read from the environment here, each with a working default.

The defaults give the embedded stack: SQLite under var/, eager Celery tasks, console e-mail.
Each variable is listed in .env.example and in the settings table of docs/operator.md.
"""

import ipaddress
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.crypto import key_from_secret
from core.keyfile import machine_secret

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str) -> str:
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Unset: a random key made on first start and kept in var/secret-key, fit for the embedded stack
# on one machine. Several machines must share one key, so production sets its own.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or machine_secret(VAR_DIR / "secret-key")
# The key the embedded default used to be, public in the repository's history.
PUBLISHED_DEVELOPMENT_KEY = "insecure-development-key-change-me"
if not DEBUG and SECRET_KEY == PUBLISHED_DEVELOPMENT_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is the development key published with Standing: anyone could forge "
        "this site's signed links with it. Set your own, for example from "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))', or unset it to have one "
        "made for this machine."
    )
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is {len(SECRET_KEY)} characters long; with DJANGO_DEBUG=false it must "
        "be at least 50 random characters, for example from "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "core",
    "rights",
    "petitions",
    # Accounts for workers saving requests and for organisers; petition signers never need one.
    # Two-factor authentication and a list of signed-in sessions; no social accounts, no headless.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The strict Content-Security-Policy (django-csp), configured under Security below.
    "csp.middleware.CSPMiddleware",
    # Permissions-Policy, and the cache policy for signed-in visitors and account pages: before
    # the session and CSRF middleware, so it sees the cookies they set on the way out.
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.PrivateCacheMiddleware",
    # Sessions keyed by a hash of the cookie and encrypted at rest (core/sessions.py).
    "core.sessions.HashedSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF checking, which reads the body: oversized bodies are refused unread.
    "core.middleware.RequestBodyCapMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's, skipped on the signing pages: signing never writes a session row.
    "accounts.middleware.UserSessionsMiddleware",
    # Last, so it sees the views' database errors first: a 503 to retry, not a 500.
    "core.resilience.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
    {
        # Letter templates are plain text: nothing in them is HTML, so nothing is escaped.
        "NAME": "letters",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": False},
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'standing.sqlite3'}")
# Health checks: a connection kept open across a database restart is tested and replaced
# before the next request uses it, instead of failing that request.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Everyone, staff included: e-mail and password, a code sent by e-mail, or a passkey. No
    # password-only backend: the admin's login is allauth's (config/urls.py), so staff get its
    # rate limits and second factor too.
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env_str("DJANGO_LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English"))]
# One date format per language, the letters' own: config/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve straight from static/ too, so a fresh checkout works before collectstatic has run.
WHITENOISE_USE_FINDERS = True

# Requests above this size are refused with a clear 400 page, before any form sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_MAX_REQUEST_BYTES", 64 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DJANGO_MAX_REQUEST_FIELDS", 200)
# The only views that take a file, and only from a signed-in visitor: their bodies may be as
# large as RIGHTS_UPLOAD_MAX_BYTES more (core/middleware.py). Any other body above
# DJANGO_MAX_REQUEST_BYTES is refused before it is read, file parts included.
UPLOAD_VIEWS = ["rights:add_event"]

# Security. DJANGO_SECURE_COOKIES=true says the site is served over HTTPS: cookies go over
# HTTPS only, and HTTPS redirection and HSTS switch on with it (each can be set on its own).
# Off by default, so the embedded `make run` works on http://127.0.0.1:8000.
https_on = env_bool("DJANGO_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = https_on
CSRF_COOKIE_SECURE = https_on
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "core.sessions"
# No script reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", https_on)
# HSTS for a year by default under HTTPS; including subdomains and asking for preloading, so an
# employer's network cannot strip HTTPS even on a first visit.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600 if https_on else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", https_on)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", https_on)
# Behind a reverse proxy that terminates TLS on another machine: the header it sets, as
# "X-Forwarded-Proto" (value https) or "Name=value". gunicorn already trusts X-Forwarded-Proto
# from 127.0.0.1 (its FORWARDED_ALLOW_IPS), so a proxy on the same machine needs nothing here.
# Only set it when the proxy overwrites that header on every request.
proxy_ssl_header = env_str("DJANGO_SECURE_PROXY_SSL_HEADER", "")
if proxy_ssl_header:
    _name, _, _value = proxy_ssl_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"),
        _value.strip() or "https",
    )
# Reverse proxies in front of the app, as addresses or networks, comma-separated (for nginx on
# the same machine: 127.0.0.1,::1). Only from these is X-Forwarded-For believed, read from the
# right, to find the client address the rate limits (Standing's and allauth's) count by. Empty:
# REMOTE_ADDR, which behind a proxy is the proxy's, so every client would share one limit.
STANDING_TRUSTED_PROXIES = env_list("STANDING_TRUSTED_PROXIES", "")
try:
    for _proxy in STANDING_TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy, strict=False)
except ValueError as exc:
    raise ImproperlyConfigured(
        f"STANDING_TRUSTED_PROXIES must list addresses or networks, not {_proxy!r}"
    ) from exc
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: browsers then send "Origin: null", which fails CSRF checks.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A window this site opens, or that opens it, gets no handle on the other (Django's default,
# stated so it stays).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page uses, switched off in a Permissions-Policy header on every response.
PERMISSIONS_POLICY_OFF = [
    "accelerometer",
    "ambient-light-sensor",
    "autoplay",
    "battery",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "document-domain",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
# Every page loads only the project's own files: no inline script or style, no third party.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# E-mail: console on the embedded default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "core.mail.DevelopmentConsoleBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Standing <noreply@localhost>")
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: the folder mails go to.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Milliseconds to wait for Redis to take a connection, and for each answer. A Redis host that
# hangs rather than refusing then fails open like one that is down (an empty cache, limits not
# counted), instead of holding every request.
REDIS_CONNECT_TIMEOUT_MS = env_int("REDIS_CONNECT_TIMEOUT_MS", 300)
REDIS_SOCKET_TIMEOUT_MS = env_int("REDIS_SOCKET_TIMEOUT_MS", 300)
REDIS_TIMEOUTS = {
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT_MS / 1000,
    "socket_timeout": REDIS_SOCKET_TIMEOUT_MS / 1000,
}

# Celery: Redis in production; with no broker configured, tasks run eagerly in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker dies mid-run goes back on the queue instead of being lost.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# With Redis, a message taken by a worker that then died unseen (SIGKILL, lost machine) is
# delivered again after this many seconds. Keep it above the longest task: a task still running
# then is delivered twice (the delivery PDF is still built once).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    # A hanging broker must not hold the web request that enqueues: the work waits in the
    # database for the sweeper instead (see "When Redis or a worker is down" in docs/operator.md).
    **REDIS_TIMEOUTS,
}
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_CONNECT_TIMEOUT_MS / 1000
# One try to publish from a web request; a message not sent is sent later by the sweepers.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        # Redis, which acts as an empty cache while unreachable: see core/cache.py.
        {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": REDIS_TIMEOUTS,
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Request bodies and personal details never reach the logs: only warnings and errors, with no
# request data, and django.request's 4xx lines carry the path alone.
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Accounts (django-allauth 65), for workers and organisers alike. The e-mail address is the
# login; there is no username on the forms. Django's User still has a username column, which
# allauth fills in (ACCOUNT_USER_MODEL_USERNAME_FIELD keeps its default, "username").
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# ACCOUNT_RATE_LIMITS is deliberately unset: allauth's defaults are on (login failures, signups,
# login-code and password-reset requests, ...). They are counted in the default cache above,
# so production needs CACHE_URL (Redis) for the limits to hold across worker processes.
# A stolen session cannot quietly take an account over: adding an e-mail address or changing
# the primary one (like two-factor changes, own-data download and deletion) asks for the password
# or second factor again unless it was re-entered in the last 5 minutes, and the owner's address is
# told of each such change (templates/account/email/).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {
    # Tells the owner's address when another address is added.
    "add_email": "accounts.forms.AddEmailForm",
    # As slow for an address that has an account as for a new one, so timing tells nothing.
    "signup": "accounts.forms.SignupForm",
}
# Messages (allauth's name e-mail addresses) wait in the server-side session, not in a cookie
# that the browser, and any proxy logging cookies, would hold in the clear.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Two-factor authentication (allauth.mfa): an authenticator app with recovery codes, and
# security keys or passkeys (WebAuthn), which can also sign in on their own.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Encrypts the TOTP secret and recovery-code seed with STANDING_ENCRYPTION_KEYS.
MFA_ADAPTER = "accounts.mfa_adapter.MFAAdapter"
# Rate limits and the sessions list see a keyed hash of the client address, never the address.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
MFA_PASSKEY_LOGIN_ENABLED = True
# MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN stays off everywhere: it switches the origin check off
# entirely. fido2 2 accepts https and http://localhost, so passkeys work in development at
# http://localhost:8000 (browsers refuse an IP address such as 127.0.0.1 for a passkey).
# The name an authenticator app shows next to the code; a neutral one draws less attention.
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Standing")
# The sessions page (allauth.usersessions) keeps no IP address and only the browser family:
# see accounts/privacy.py. Tracking activity records "last seen" (one write per signed-in request).
USERSESSIONS_TRACK_ACTIVITY = env_bool("USERSESSIONS_TRACK_ACTIVITY", True)

# Petitions.
# Petitions listed publicly wait for staff approval first.
PETITIONS_MODERATION = env_bool("PETITIONS_MODERATION", True)
# Public counts are refreshed this often, and petition pages may be cached for as long.
PETITIONS_COUNT_INTERVAL_SECONDS = env_int("PETITIONS_COUNT_INTERVAL_SECONDS", 300)
# Days after a petition closes before its duplicate-prevention hashes are deleted.
PETITIONS_RETENTION_DAYS = env_int("PETITIONS_RETENTION_DAYS", 90)
# How long an e-mailed confirmation link stays valid (default two days).
PETITIONS_CONFIRM_MAX_AGE_SECONDS = env_int("PETITIONS_CONFIRM_MAX_AGE_SECONDS", 2 * 24 * 3600)
# Attempts per client and window, as "count/unit" with unit s, m, h or d.
PETITIONS_SIGN_RATE = env_str("PETITIONS_SIGN_RATE", "10/h")
PETITIONS_CONFIRM_RATE = env_str("PETITIONS_CONFIRM_RATE", "20/h")
# Co-organiser invitations (mail) and code sheets (a heavy task) each organiser may ask for.
PETITIONS_ORGANISER_RATE = env_str("PETITIONS_ORGANISER_RATE", "20/h")
# Keys for sealed signing links: the first seals, every one opens, so keys can be rotated by
# putting a new one first. Empty means the secret key alone.
PETITIONS_SIGNING_KEYS: list[str] = env_list("PETITIONS_SIGNING_KEYS", "") or [SECRET_KEY]
# HMAC key for the rate-limit hashes of client addresses (kept briefly in the cache only).
# Empty means the secret key. Duplicate-prevention hashes use each petition's own key instead.
PETITIONS_HASH_KEY = env_str("PETITIONS_HASH_KEY", SECRET_KEY)
# Where each petition's own keys live (its hash key and its pool keys), outside the database.
# Empty: var/petition-keys, for the embedded default only (manage.py check --deploy refuses it).
# Keep it apart from database dumps and backups, on storage that is not snapshotted.
PETITIONS_KEY_DIR = env_str("PETITIONS_KEY_DIR", "")
# Confirmed signatures wait, encrypted, and are written in shuffled batches of at least this
# many, so a signature cannot be told apart from the others of its batch.
PETITIONS_BATCH_MIN = env_int("PETITIONS_BATCH_MIN", 10)
# A smaller batch is written once its first signature has waited this long (shown to organisers).
PETITIONS_BATCH_MAX_HOURS = env_int("PETITIONS_BATCH_MAX_HOURS", 24)
# How often beat looks for batches to write.
PETITIONS_FLUSH_SECONDS = env_int("PETITIONS_FLUSH_SECONDS", 60)
# Seconds between retiring a pool key and writing its batch: confirmations that read the key
# just before have committed by then. Above any statement timeout.
PETITIONS_POOL_GRACE_SECONDS = env_int("PETITIONS_POOL_GRACE_SECONDS", 30)

CELERY_BEAT_SCHEDULE = {
    "petitions-flush-pools": {
        "task": "petitions.tasks.flush_pending_signatures",
        "schedule": float(PETITIONS_FLUSH_SECONDS),
    },
    "petitions-refresh-counts": {
        "task": "petitions.tasks.refresh_counts",
        "schedule": float(PETITIONS_COUNT_INTERVAL_SECONDS),
    },
    "petitions-close-due": {
        "task": "petitions.tasks.close_due_petitions",
        "schedule": 10 * 60.0,
    },
    "petitions-purge-expired-hashes": {
        "task": "petitions.tasks.purge_expired_hashes",
        "schedule": 24 * 3600.0,
    },
    # Deliveries asked for while the broker was down, or whose message was lost, are sent again.
    "petitions-sweep-deliveries": {
        "task": "petitions.tasks.sweep_deliveries",
        "schedule": float(env_int("PETITIONS_DELIVERY_SWEEP_SECONDS", 60)),
    },
}

# Saved requests. Their personal fields are encrypted at rest with these Fernet keys, newest
# first: the first encrypts, all decrypt; after adding a key run manage.py rotate_encryption_keys.
# Empty derives one key from DJANGO_SECRET_KEY, which is only fit for the embedded default.
STANDING_ENCRYPTION_KEYS: list[str] = env_list("STANDING_ENCRYPTION_KEYS", "") or [
    key_from_secret(SECRET_KEY).decode("ascii")
]
# The address links in e-mails sent by background tasks (reminders) start with.
STANDING_SITE_URL = env_str("STANDING_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where people can write to whoever runs this site, shown in the footer and on the about and
# privacy pages. Empty: those pages say that no contact was given.
STANDING_CONTACT_EMAIL = env_str("STANDING_CONTACT_EMAIL", "").strip()
if STANDING_CONTACT_EMAIL and not re.fullmatch(
    r"[^@\s<>\"?&,]+@[^@\s<>\"?&,]+\.[^@\s<>\"?&,]+", STANDING_CONTACT_EMAIL
):
    raise ImproperlyConfigured(
        f"STANDING_CONTACT_EMAIL must be a plain address such as privacy@example.org, "
        f"not {STANDING_CONTACT_EMAIL!r}"
    )
# Reminder e-mails go this many days before the due date, on it, and the day after it.
RIGHTS_REMINDER_DAYS_BEFORE = env_int("RIGHTS_REMINDER_DAYS_BEFORE", 7)
# Closed requests are deleted this many days after closing, with an e-mail warning first.
RIGHTS_RETENTION_DAYS = env_int("RIGHTS_RETENTION_DAYS", 365)
RIGHTS_RETENTION_WARNING_DAYS = env_int("RIGHTS_RETENTION_WARNING_DAYS", 14)
# Letter PDFs drafted without an account, per client: each "count/unit" limit must hold (units
# s, m, h, d). Enough for a person redrafting, far too few for a script.
RIGHTS_LETTER_PDF_RATES = env_list("RIGHTS_LETTER_PDF_RATES", "10/m,100/h")
if not all(re.fullmatch(r"\d+/[smhd][a-z]*", rate) for rate in RIGHTS_LETTER_PDF_RATES):
    raise ImproperlyConfigured(
        f"RIGHTS_LETTER_PDF_RATES must be limits like 10/m,100/h, not {RIGHTS_LETTER_PDF_RATES!r}"
    )
# Largest response file a user may upload, in bytes (PDF, PNG, JPEG or plain text).
RIGHTS_UPLOAD_MAX_BYTES = env_int("RIGHTS_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)

CELERY_BEAT_SCHEDULE["accounts-clear-expired-sessions"] = {
    "task": "accounts.tasks.clear_expired_sessions",
    "schedule": 6 * 3600.0,
}
CELERY_BEAT_SCHEDULE["rights-send-reminders"] = {
    "task": "rights.tasks.send_due_reminders",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["rights-send-route-reminders"] = {
    "task": "rights.tasks.send_route_reminders",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["rights-purge-closed-requests"] = {
    "task": "rights.tasks.purge_closed_requests",
    "schedule": 6 * 3600.0,
}

# Where the employer directory and authority seed files live (the project's own copy of the facts).
RIGHTS_DATA_DIR = BASE_DIR / "rights" / "data"
