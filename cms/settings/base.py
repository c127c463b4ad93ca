"""Settings shared by every environment. Machine-specific values come from the
environment through :mod:`cms.settings.env`; nothing here is edited per machine."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"
# The shared, public-domain legal texts live beside the repository.
SHARED_DATA_DIR = Path(Env().str("CHANDRA_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data")))

env = Env()

SECRET_KEY = env.str("SECRET_KEY", dev_default="chandra-development-only-not-secret")
# Earlier keys, still accepted after a rotation: signed values and complaint PINs keep working.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", dev_default="127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default="")
# Keys of the record's signatures ("id:secret", the first signs, the others only
# verify: rotation). Kept outside the database, so that whoever can write the
# database cannot rewrite the record unnoticed.
RECORDS_HMAC_KEYS = env.list("RECORDS_HMAC_KEYS", dev_default="dev:chandra-development-records-key-not-secret")
# The load balancer and proxies in front of the app (addresses or networks): the
# client's address is read from X-Forwarded-For past them (cms.base.clientip).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default="")

INSTALLED_APPS = [
    # Chandra
    "home",
    "search",
    "cases",
    "cms.records",
    "cms.base",
    "cms.news",
    "cms.laws",
    "cms.legislation",
    "cms.live",
    "cms.follows",
    "cms.library",
    "cms.directory",
    # Wagtail and translation
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
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
    # API and background work
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Kept anonymous pages are served from here; what it keeps is compressed first.
    "cms.base.pagecache.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "cms.base.middleware.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["cms.base.templatetags.thai"],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: SQLite by default (the embedded demo), anything else by DATABASE_URL.
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# Persistent connections are checked before each request reuses them, so a
# database restart costs the requests in flight (503, retried), not the workers.
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env.int("DB_CONN_MAX_AGE", 60),
                                              conn_health_checks=True)}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    # Django 6.1 refuses Wagtail's PostgreSQL search index without it.
    INSTALLED_APPS.append("django.contrib.postgres")
    # JIT compilation pays off for long analytical queries, not a web request's: it added
    # ~60 ms to each search query at 100,000 documents for nothing.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the demo's web process and task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cache: Redis when REDIS_URL is set (shared by every process), memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "cms.base.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "chandra"}}

# Whole anonymous pages kept in the cache (cms.base.pagecache), per address and
# language, purged by what an edit changes (cms.base.purge). The front proxy may
# keep a page PAGE_CACHE_SHARED_MAX_AGE seconds without asking; the addresses an
# edit changes are purged from it at once (WAGTAILFRONTENDCACHE below).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=86_400)
PAGE_CACHE_SHARED_MAX_AGE = env.int("PAGE_CACHE_SHARED_MAX_AGE", default=60)
# Never kept: the admin, the API, live streams, e-mail links, files, and per-reader pages.
PAGE_CACHE_EXCLUDE = [
    r"/(admin|api|live|u|documents|media|static|i18n)/",
    r"/(sitemap\.xml|robots\.txt)$",
    r"/[a-z]{2}/(cases|follow|_util)/",
]
# The caching reverse proxy in front (deploy/nginx/chandra.conf): told by Wagtail's
# frontend cache which addresses to drop when an edit changes them.
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": FRONTEND_CACHE_URL},
    }

# Live sittings: how a change reaches the processes that hold open viewer connections
# (see cms/live/bus.py): "redis", "postgres" or "poll" (the SQLite demo).
LIVE_BUS = env.str("LIVE_BUS", default="redis" if REDIS_URL else ("postgres" if IS_POSTGRES else "poll"))

# Internationalisation: Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# Content languages named in the reader's language in the admin ("เผยแพร่เป็นภาษาอังกฤษ"); the
# language switch (LANGUAGES) names each language in itself.
WAGTAIL_CONTENT_LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language chosen with the language switch; sent only over HTTPS in production.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Mail: printed to the console in development; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env.str("EMAIL_HOST", default="")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": env.int("EMAIL_PORT", default=587),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
del EMAIL_HOST
# The domain of the Message-ID and List-Id of follow e-mails.
FOLLOWS_MESSAGE_ID_DOMAIN = env.str("FOLLOWS_MESSAGE_ID_DOMAIN", default="chandra.senate.go.th")
# A follow e-mail claimed by a sender that died is sent by another after this many seconds.
FOLLOWS_RECOVER_AFTER_S = env.int("FOLLOWS_RECOVER_AFTER_S", default=5)
# The outbox's relay (manage.py relay_outbox, cms.records.relay): a failed message is tried
# again after RETRY_AFTER_S, at most MAX_ATTEMPTS times; a message claimed by a sender that
# died is sent by another after CLAIM_TIMEOUT seconds; the relay looks for waiting mail every
# POLL_S seconds besides being woken by each new message (PostgreSQL's NOTIFY; the SQLite
# demo has only the look).
RECORDS_OUTBOX_MAX_ATTEMPTS = env.int("RECORDS_OUTBOX_MAX_ATTEMPTS", default=5)
RECORDS_OUTBOX_RETRY_AFTER_S = env.int("RECORDS_OUTBOX_RETRY_AFTER_S", default=60)
RECORDS_OUTBOX_CLAIM_TIMEOUT = env.int("RECORDS_OUTBOX_CLAIM_TIMEOUT", default=600)
RECORDS_OUTBOX_POLL_S = env.int("RECORDS_OUTBOX_POLL_S", default=30 if IS_POSTGRES else 2)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Chandra <no-reply@senate.go.th>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work through Django's tasks interface. The database backend needs
# no other service (a queued task survives a crash: it is a row); with
# TASK_BACKEND=redis, workers on any number of machines share a Redis queue.
TASK_BACKEND = env.str("TASK_BACKEND", default="database")
if TASK_BACKEND == "redis":
    INSTALLED_APPS.append("django_tasks_redis")
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_redis.backends.RedisTaskBackend",
            "OPTIONS": {"REDIS_URL": env.str("REDIS_URL")},
        }
    }
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A task still running after this long lost its worker and is queued again (cms.base.stale_tasks).
TASKS_STALE_AFTER_MINUTES = env.int("TASKS_STALE_AFTER_MINUTES", default=30)

# Wagtail
WAGTAIL_SITE_NAME = "Chandra"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
# One search index: Chandra's, as Wagtail's search backend (search/wagtail_backend.py), so the
# public search, the API, the admin, choosers and Page.objects.search() read the same index
# (in the database, or on Elasticsearch/OpenSearch with SEARCH_BACKEND=elasticsearch).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}

# REST API: one version prefix, one error format, throttled.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "cms.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "cms.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "cms.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # Per client address (cms.base.clientip): generous for reading, since Thai carriers put
    # many phones behind one address; strict for the operations a view names by its
    # throttle_scope (filing, PIN checks, follows). See the README, "API limits".
    "DEFAULT_THROTTLE_CLASSES": [
        "cms.api.throttling.AnonRateThrottle",
        "cms.api.throttling.UserRateThrottle",
        "cms.api.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="1200/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
        "case_filing": env.str("API_THROTTLE_CASE_FILING", default="60/hour"),
        "case_pin": env.str("API_THROTTLE_CASE_PIN", default="30/minute"),
        "follow": env.str("API_THROTTLE_FOLLOW", default="20/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chandra API",
    "DESCRIPTION": "Public API of the Thai Senate's Chandra portal: news, laws, bills, search and complaints.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["cms.api.schema.public_api_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cms.api.schema.document_common_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "BillKindEnum": "cms.legislation.models.bills.BillKind",
        "BillStageEnum": "cms.legislation.models.bills.BillStage",
        "CommitteeKindEnum": "cms.legislation.models.people.CommitteeKind",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Security: a strict Content-Security-Policy for the public site. The Wagtail
# admin sets its own relaxed policy (see cms.base.middleware).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # The live broadcast's player (cms.live.models.LiveSettings) must come from one of these.
    "frame-src": [CSP.SELF, "https://www.youtube.com", "https://www.facebook.com", *env.list("CSP_FRAME_SRC", default="")],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail lifts this for its own preview frames.
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "wagtailadmin_login"
CSRF_FAILURE_VIEW = "cms.base.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; the audit log keeps them anyway.
        "wagtail": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
