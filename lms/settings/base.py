"""Settings shared by every environment.

Every environment variable the project reads is read here, once, and listed in
`.env.example`. The environment modules (dev, test, production) only choose among
these values; they never read the environment themselves.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Environment (the only place it is read) -------------------------------------------
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
REDIS_URL = env.str("REDIS_URL", default="")
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000")
EMAIL_URL = env.str("EMAIL_URL", default="")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sức Trẻ <no-reply@suctre.vn>")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Files with personal data (issued certificates) live outside MEDIA_ROOT and are only ever
# sent through views that check who asks.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
# PAdES signing of certificate PDFs, on when both files are configured.
# How many reverse proxies stand before the app: rate limits (login, certificate
# verification) count per client address, read from X-Forwarded-For past that many proxies.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
CERTIFICATE_TRAINER_YEARS = env.int("CERTIFICATE_TRAINER_YEARS", default=3)
CERTIFICATE_SIGNING_KEY = env.str("CERTIFICATE_SIGNING_KEY", default="")
CERTIFICATE_SIGNING_CERT = env.str("CERTIFICATE_SIGNING_CERT", default="")
CERTIFICATE_SIGNING_PASSPHRASE = env.str("CERTIFICATE_SIGNING_PASSPHRASE", default="")
# Public certificate verification, per client IP: (lookups, seconds), and stricter for
# unknown codes so that codes cannot be guessed.
CERTIFICATE_VERIFY_LOOKUPS = (30, 60)
CERTIFICATE_VERIFY_MISSES = (10, 600)
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
# -----------------------------------------------------------------------------------------

INSTALLED_APPS = [
    "organizations",
    "handbooks",
    "courses",
    "assessments",
    "certificates",
    "indicators",
    "lms",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.IgnoreAcceptLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organizations.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "role_home"

# --- Accounts (django-allauth) ----------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "organizations.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sức Trẻ] "

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail", BASE_DIR / "locale_allauth"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Cache: Redis when configured, else a per-process memory cache that allauth accepts --
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Email ------------------------------------------------------------------------------
if EMAIL_URL:
    vars().update(env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Celery: a real broker when REDIS_URL is set, otherwise tasks run eagerly -----------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {"task": "lms.publish_scheduled", "schedule": 60.0},
    "course-due-reminders": {
        "task": "courses.reminders_dispatch",
        "schedule": crontab(hour=7, minute=0),
    },
    "quiz-attempts-close-overdue": {
        "task": "assessments.attempts_close_overdue",
        "schedule": 300.0,
    },
    "competency-standings-refresh": {
        "task": "assessments.competency_standings_refresh_all",
        "schedule": crontab(hour=2, minute=30),
    },
    "certificates-expire-due": {
        "task": "certificates.expire_due",
        "schedule": crontab(hour=0, minute=15),
    },
    "cascade-refresh-stale": {"task": "courses.cascade_refresh_stale", "schedule": 600.0},
    "cascade-rebuild-all": {
        "task": "courses.cascade_rebuild_all",
        "schedule": crontab(hour=3, minute=0),
    },
    "indicators-nightly": {
        "task": "indicators.snapshots_nightly",
        "schedule": crontab(hour=0, minute=30),
    },
    "indicators-refresh-stale": {"task": "indicators.snapshots_refresh_stale", "schedule": 300.0},
}

# --- Wagtail's own background work (django-tasks), bridged onto Celery ------------------
TASKS = {"default": {"BACKEND": "lms.tasks_backend.CeleryTaskBackend"}}

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Sức Trẻ"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "txt", "webm", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024

# --- Security defaults (production tightens further) -----------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Trainer cascade --------------------------------------------------------------------
# The walk down the cascade stops here, so a cycle in the records ends.
CASCADE_MAX_GENERATIONS = env.int("CASCADE_MAX_GENERATIONS", default=12)
# A generation is flagged when its mean post-test score or pass rate falls more than this
# many percentage points below the generation above.
CASCADE_FIDELITY_DROP = env.int("CASCADE_FIDELITY_DROP", default=10)
# Pass mark (%) for a class whose post-test is not a quiz with its own pass mark.
CASCADE_PASS_SCORE = env.int("CASCADE_PASS_SCORE", default=70)
# A trainer certification ending within this many days is shown as expiring.
TRAINER_EXPIRY_WARNING_DAYS = env.int("TRAINER_EXPIRY_WARNING_DAYS", default=90)

# --- Programme indicators (docs/decisions/0013-indicators.md) ---------------------------
# Certificates that make a dedicated cadre count as trained for indicator (d).
INDICATOR_D_CERTIFICATE_KINDS = env.list(
    "INDICATOR_D_CERTIFICATE_KINDS", default=["course", "class", "trainer"]
)
# Levels that are a "cấp bộ" for indicator (a), the window in which a unit must have used
# the platform, and what counts as using it.
INDICATOR_A_LEVELS = env.list(
    "INDICATOR_A_LEVELS", default=["central", "province", "district", "grassroots"]
)
INDICATOR_A_WINDOW_DAYS = env.int("INDICATOR_A_WINDOW_DAYS", default=365)
INDICATOR_A_SIGNALS = env.list("INDICATOR_A_SIGNALS", default=["classes", "cadres", "declared"])
# The decision's targets (%); a unit may only raise them for its subtree.
INDICATOR_DEFAULT_TARGETS = {
    2025: {"a": 60, "b": 60, "c": 80, "d": 80},
    2030: {"a": 80, "b": 80, "c": 100, "d": 100},
}
# Below the planned path by at most this many points is "at risk", not "off track".
INDICATOR_AT_RISK_MARGIN = env.int("INDICATOR_AT_RISK_MARGIN", default=10)
# Refresh the figures after each change commits (bulk loads and the demo turn it off and
# refresh once at the end).
INDICATOR_REFRESH_AFTER_COMMIT = True
# Units at these levels (and above) may set their own, higher targets.
INDICATOR_TARGET_LEVELS = ["central", "province"]

# --- Spreadsheet imports (cadres, units, class rosters) ---------------------------------
# An upload larger than this is refused before anything is read; a file with more data
# rows than this is refused with a message.
IMPORT_MAX_BYTES = 16 * 1024 * 1024
IMPORT_MAX_ROWS = 100_000
