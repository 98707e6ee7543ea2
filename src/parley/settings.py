"""Parley's settings, read from the environment (12-factor).

Every value has a default that suits a laptop: SQLite under ``./var``, an in-memory cache and tasks run
in-process. Production (``PARLEY_ENV=production``) refuses to start with the development secret key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from parley.envconfig import env_bool, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PARLEY_DATA_DIR", "var")).resolve()

PARLEY_ENV = os.environ.get("PARLEY_ENV", "development").strip().lower()
if PARLEY_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"PARLEY_ENV must be development, production or test, not {PARLEY_ENV!r}")
PRODUCTION = PARLEY_ENV == "production"

DEVELOPMENT_SECRET_KEY = "parley-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 32 characters when PARLEY_ENV=production."
    )

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # single-use backup codes
    "ninja",  # serves the API docs page's assets locally, no CDN
    "django_tasks_db",  # the task queue table and `parley db_worker`, for PARLEY_TASKS_BACKEND=database
    "parley.apps.articles",
    "parley.apps.comments",
    "parley.apps.moderation",
    "parley.apps.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "parley.cors.SiteCorsMiddleware",
    "parley.apps.api.middleware.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "parley.urls"
WSGI_APPLICATION = "parley.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'parley.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "parley"}}

# Background work (article embeddings, e-mail) goes through django.tasks. The default, "immediate", runs it
# in-process; "database" stores each task in the database for a worker process (`parley db_worker`) to run;
# any other value is the dotted path of a django.tasks backend.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks_backend = os.environ.get("PARLEY_TASKS_BACKEND", "").strip() or "immediate"
if "." not in _tasks_backend and _tasks_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"PARLEY_TASKS_BACKEND must be immediate, database or a backend's dotted path, not {_tasks_backend!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_tasks_backend, _tasks_backend)}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "moderation:account_login"
CSRF_FAILURE_VIEW = "parley.errors.csrf_failure"

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- E-mail: statements of reasons, report receipts and outcomes, appeal answers ---
# Development prints messages to the console; production sends them through SMTP (EMAIL_HOST and friends).
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_MAIL_BACKEND = os.environ.get("PARLEY_MAIL_BACKEND", _SMTP if PRODUCTION else "django.core.mail.backends.console.EmailBackend")
_MAIL_OPTIONS = {}
if _MAIL_BACKEND == _SMTP:
    _MAIL_OPTIONS = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Parley <comments@localhost>")

# --- Parley ---
# The moderation engine: a dotted path to a callable ``moderate(comment, context) -> Verdict``.
PARLEY_MODERATOR = os.environ.get("PARLEY_MODERATOR", "parley.moderation.engine.moderate")
# Public base URL used in canonical links, the sitemap and the embed, when it is behind a proxy.
PARLEY_PUBLIC_URL = os.environ.get("PARLEY_PUBLIC_URL", "").rstrip("/")
# Published comments per page of top-level threads, and how deep a thread renders before
# "continue this thread".
PARLEY_PAGE_SIZE = env_int("PARLEY_PAGE_SIZE", 20)
PARLEY_THREAD_DEPTH = env_int("PARLEY_THREAD_DEPTH", 4)
# How long a reader's private status link stays valid, in seconds (default 30 days).
PARLEY_STATUS_LINK_MAX_AGE = env_int("PARLEY_STATUS_LINK_MAX_AGE", 30 * 24 * 3600)
# How long soft-deleted comments are kept before they may be purged, in days.
PARLEY_RETENTION_DAYS = env_int("PARLEY_RETENTION_DAYS", 180)
# Staff (everyone who may use /moderate/ or /admin/) sign in with a password and then a code from an
# authenticator app or a single-use backup code. Turn it off only for a closed local test set-up.
PARLEY_STAFF_2FA = env_bool("PARLEY_STAFF_2FA", default=True)
