"""config/settings.py run as a production deployment would run it, and what its pages send."""

import os
import re
import runpy
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"

# What a real deployment sets: no debug, its own long keys, HTTPS, its host name, PostgreSQL,
# Redis and SMTP. Nothing here connects anywhere: checks and settings only parse the URLs.
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k" * 10 + "production-secret-with-enough-length-and-variety-0123456789",
    "DJANGO_SECURE_COOKIES": "true",
    "DJANGO_ALLOWED_HOSTS": "standing.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://standing.example.org",
    "STANDING_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "STANDING_SITE_URL": "https://standing.example.org",
    "DATABASE_URL": "postgres://standing:secret@127.0.0.1:5432/standing",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "Standing <noreply@standing.example.org>",
    "PETITIONS_KEY_DIR": "/var/lib/standing/petition-keys",
    "PETITIONS_SIGNING_KEYS": "signing-" + "s" * 40,
}

# The settings the security tests take from a production run of config/settings.py.
SECURITY_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def settings_under(env: dict[str, str]) -> dict:
    """Run config/settings.py with exactly these variables set, as a fresh process would."""
    saved = dict(os.environ)
    try:
        for name in list(os.environ):
            if name.startswith(("DJANGO_", "STANDING_", "PETITIONS_", "RIGHTS_")):
                del os.environ[name]
        for name in ("DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "EMAIL_HOST"):
            os.environ.pop(name, None)
        os.environ.update(env)
        return runpy.run_path(str(SETTINGS_FILE))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def policy_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split(None, 1) for part in header.split(";") if part.strip()]
    return {name: value for name, value in directives}


def inline_code(html: str) -> list[str]:
    """Inline scripts, style elements and attributes, and event handlers: what the policy
    blocks, so a page relying on them would break."""
    scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
        if "src=" not in tag and "application/json" not in tag
    ]
    styles = re.findall(r"\sstyle\s*=", html, flags=re.IGNORECASE)
    handlers = re.findall(r"<[^>]*\son[a-z]+\s*=", html, flags=re.IGNORECASE)
    return scripts + styles + handlers + re.findall(r"<style\b", html, flags=re.IGNORECASE)
