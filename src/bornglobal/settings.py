"""Django settings, read from the environment through `bornglobal.conf`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from bornglobal import conf
from bornglobal.jsonbody import MAX_BODY_BYTES

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(conf.get("BORNGLOBAL_DATA_DIR")).expanduser()
DEMO_MODE = conf.get("BORNGLOBAL_DEMO")
DEBUG = conf.get("DEBUG")

SECRET_KEY = conf.get("SECRET_KEY")
if not SECRET_KEY or SECRET_KEY == conf.DEMO_SECRET_KEY:
    if not DEMO_MODE:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set a long random SECRET_KEY in the environment "
            "(outside demo mode the default secret is refused)."
        )
    SECRET_KEY = conf.DEMO_SECRET_KEY

ALLOWED_HOSTS = conf.get("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = conf.get("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "csp",
    "ninja",  # serves Swagger UI from its own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "bornglobal.tenancy",
    "bornglobal.money",
    "bornglobal.network",
    "bornglobal.work",
    "bornglobal.invoicing",
    "bornglobal.notifications",
    "bornglobal.jobs",
]

MIDDLEWARE = [
    "bornglobal.tenancy.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bornglobal.tenancy.middleware.CurrentVentureMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bornglobal.urls"
WSGI_APPLICATION = "bornglobal.wsgi.application"
ASGI_APPLICATION = "bornglobal.asgi.application"

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
                "bornglobal.tenancy.context.shell",
                "bornglobal.notifications.context.unread",
            ],
        },
    }
]


# SQLite: write-ahead log; reads through a memory map and a 64 MiB page cache, so a
# million-profile search index is read without a system call per page.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA mmap_size=4294967296; PRAGMA cache_size=-65536;",
}


def database_config() -> dict:
    url = conf.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.postgresql":
            config.setdefault("OPTIONS", {})
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = dict(SQLITE_OPTIONS)
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "bornglobal.sqlite3",
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "tenancy.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login rate limit (django-axes): per email and client address.
AXES_FAILURE_LIMIT = conf.get("BORNGLOBAL_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=conf.get("BORNGLOBAL_LOGIN_COOLOFF_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form field that carries the email
AXES_USERNAME_CALLABLE = "bornglobal.tenancy.loginlimit.username_of"
AXES_LOCKOUT_TEMPLATE = "tenancy/locked_out.html"
# The client behind a trusted proxy, not the proxy (tenancy/proxies.py).
AXES_CLIENT_IP_CALLABLE = "bornglobal.tenancy.proxies.client_ip"
AXES_VERBOSE = False

# HTTPS and the proxy in front (docs/operator.md, "Production settings").
PUBLIC_URL = conf.get("BORNGLOBAL_INSTANCE_URL").strip().rstrip("/")
SERVED_OVER_HTTPS = PUBLIC_URL.lower().startswith("https://")
TRUSTED_PROXIES = conf.get("BORNGLOBAL_TRUSTED_PROXIES")
# Believed only from a trusted peer: TrustedProxyMiddleware drops it from anyone else.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
# Django can tell HTTPS from HTTP behind a proxy only through a proxy it trusts: without
# one every request would look like HTTP and the redirect would loop, so it stays off.
SECURE_SSL_REDIRECT = SERVED_OVER_HTTPS and bool(TRUSTED_PROXIES)
SECURE_HSTS_SECONDS = conf.get("BORNGLOBAL_HSTS_SECONDS") if SERVED_OVER_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = conf.get("BORNGLOBAL_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = conf.get("BORNGLOBAL_HSTS_PRELOAD")
SECURE_COOKIES = conf.get("BORNGLOBAL_SECURE_COOKIES") or SERVED_OVER_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy on every response (django-csp): scripts and styles only from our
# own static files, no inline code, no plugins, never framed. Pages keep every script and
# style in static/ (a test sweeps the templates; a browser test fails on any violation).
# data: images are for Swagger UI's icons (its CSS embeds them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

API_PAGE_SIZE = conf.get("BORNGLOBAL_API_PAGE_SIZE")
NINJA_PAGINATION_PER_PAGE = API_PAGE_SIZE
NINJA_PAGINATION_MAX_LIMIT = 500
# One limit for every request body (docs/api.md, "Input rules"): larger is 413 too_large.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
EXTRA_CURRENCIES = conf.get("BORNGLOBAL_EXTRA_CURRENCIES")
WEB_WORKERS = conf.get("BORNGLOBAL_WEB_WORKERS")
WEB_THREADS = conf.get("BORNGLOBAL_WEB_THREADS")
WEB_TIMEOUT_SECONDS = conf.get("BORNGLOBAL_WEB_TIMEOUT_SECONDS")
JOBS_PER_USER = conf.get("BORNGLOBAL_JOBS_PER_USER")
JOBS_PER_VENTURE = conf.get("BORNGLOBAL_JOBS_PER_VENTURE")
JOB_TIME_LIMIT_SECONDS = conf.get("BORNGLOBAL_JOB_TIME_LIMIT_SECONDS")
JOB_SOLVER_THREADS = conf.get("BORNGLOBAL_JOB_SOLVER_THREADS")
JOB_CPU_SECONDS = conf.get("BORNGLOBAL_JOB_CPU_SECONDS")
PLATFORM_FEE_BP = conf.get("BORNGLOBAL_PLATFORM_FEE_BP")
FX_LOOKBACK_DAYS = conf.get("BORNGLOBAL_FX_LOOKBACK_DAYS")
FX_MAX_AGE_DAYS = conf.get("BORNGLOBAL_FX_MAX_AGE_DAYS")
AUTO_RELEASE_WARNING_HOURS = conf.get("BORNGLOBAL_AUTO_RELEASE_WARNING_HOURS")
EMAIL_BACKEND = conf.get("EMAIL_BACKEND")
DEFAULT_FROM_EMAIL = conf.get("DEFAULT_FROM_EMAIL")
EMAIL_HOST = conf.get("EMAIL_HOST")
EMAIL_PORT = conf.get("EMAIL_PORT")
EMAIL_HOST_USER = conf.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = conf.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = conf.get("EMAIL_USE_TLS")
SEPA_DEBTOR = {
    "name": conf.get("BORNGLOBAL_SEPA_DEBTOR_NAME"),
    "iban": conf.get("BORNGLOBAL_SEPA_DEBTOR_IBAN"),
    "bic": conf.get("BORNGLOBAL_SEPA_DEBTOR_BIC"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "bornglobal": {"handlers": ["console"], "level": conf.get("BORNGLOBAL_LOG_LEVEL")},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}
