"""Settings shared by every environment.

Everything that differs between one laptop and a deployment at scale is read from the
environment here, in one place (see the configuration table in README.md).
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from wagtail.embeds import oembed_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -------------------------------------------------------------------------

INSTALLED_APPS = [
    # Daphne first: its runserver serves websockets too.
    "daphne",
    "people",
    "knowledge",
    "courses",
    "forums",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "django_countries",
    "channels",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so its header also goes on answers made by middleware below (the page cache).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddlewareKeeping404",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "config.middleware.OneSignInForm",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: answers anonymous readers from the page cache before Wagtail routes the request.
    "knowledge.cache.PageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
# The web processes' cycle-collector thresholds (config/runtime.py); empty keeps Python's own.
GC_THRESHOLDS = env.list("DJANGO_GC_THRESHOLDS", cast=int, default=[50_000, 50, 100])

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
                "wagtail.contrib.settings.context_processors.settings",
                "people.context_processors.site_navigation",
                "forums.context_processors.forum_unread",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'landscape.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout waits for a busy writer
    # instead of failing the request.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # A pool per process, not persistent connections: Daphne runs each request's synchronous
    # code in a thread of its own, so a connection kept for "the next request on this thread"
    # is never reused and stays open until the garbage collector finds it (bench/load.py ran
    # PostgreSQL out of connections that way once config/runtime.py made collections rarer).
    # The pool lends a connection per request or database_sync_to_async call and takes it back.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The pool checks a connection before lending it (one round trip): after a database
    # restart, requests get fresh connections instead of broken ones.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=20),
        # Waiting longer than this for a free connection fails the request.
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ln",
        }
    }
    # Redis pub/sub by default: a group message is published once and each web process
    # hands it to its own sockets, where the list-based layer (CHANNEL_LAYER=core) pushes one
    # copy per socket and each process pops them one by one. Both are at-most-once; the
    # forums fill any gap from the database (docs/realtime.md, bench/forums.py for numbers).
    CHANNEL_LAYER = env.str("CHANNEL_LAYER", default="pubsub")
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer"
            if CHANNEL_LAYER == "core"
            else "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="ln-channels"),
            },
        }
    }
    # Sessions are read from Redis and written through to the database, so a Redis restart
    # logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Chooses the search backend (see search/); empty means the embedded database backend.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
# The alias searches go through; `manage.py search_index rebuild` builds <alias>-<timestamp>
# beside it and swaps the alias when the new index is complete.
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="landscape")

# --- Forums -------------------------------------------------------------------------------

# Posting limits (moving windows, the `limits` library's notation), tighter for accounts
# younger than new_account_days; links are counted per message.
FORUM_LIMITS = {
    "new_account_days": env.int("FORUM_NEW_ACCOUNT_DAYS", default=7),
    "posts": ["10/minute", "300/day"],
    "new_account_posts": ["3/minute", "20/day"],
    "links": 20,
    "new_account_links": 2,
    "key_prefix": "ln-forum",
}
FORUM_MAX_ATTACHMENT_BYTES = env.int("FORUM_MAX_ATTACHMENT_BYTES", default=5 * 1024 * 1024)

# --- Email --------------------------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Landscape Network <noreply@landscape.network>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Authentication (django-allauth) ------------------------------------------------------

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
LOGIN_REDIRECT_URL = "people:me"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Handles that would let someone pass for the platform itself.
ACCOUNT_USERNAME_BLACKLIST = [
    "admin",
    "administrator",
    "moderator",
    "editor",
    "staff",
    "support",
    "help",
    "root",
    "system",
    "landscape",
    "landscape-network",
    "me",
    "new",
    "edit",
]
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "people.forms.SignupForm"}
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Read at each request (test.py turns them off; config/tests/test_security.py turns them on).
# After 5 failed sign-ins to one account in 5 minutes the form refuses that account, whatever
# the password, while other accounts still sign in.
ACCOUNT_RATE_LIMITS = {
    # allauth counts an attempt before checking the password: the per-address part must let
    # a classroom behind one address sign in together (bench/load.py found 10/m refusing
    # correct passwords); the per-account part stops guessing.
    "login_failed": "60/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# Behind the production proxy every request comes from the proxy's address: allauth's limits
# per IP must read the client's from X-Forwarded-For instead (the same count as the API's).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_NUM_PROXIES", default=0)
# One sign-in form for everyone, editors included (config.middleware.OneSignInForm), and one
# password reset: allauth's, which is rate limited. Private pages send readers there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Internationalisation -----------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "ln_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Cookies, sessions and the Content Security Policy -----------------------------------

# Django's defaults, written out because the security tests and README rely on them; the
# Secure flags are set in production.py (development runs over plain HTTP).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Every page we serve runs only our own static scripts and styles: no inline <script>,
# <style> or style="" anywhere in the templates, so an injected one does not run.
# Video lessons embed YouTube or Vimeo players (the only embed providers, see
# WAGTAILEMBEDS_FINDERS); the forums' live updates and the notification badge use websockets
# on the site's own host, which 'self' covers in CSP Level 3 browsers; production.py adds the
# wss:// hosts explicitly for the older ones.
CSP_EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin (and the page previews it frames) is built on inline scripts and
    # styles; it is for signed-in editors only, keeps X-Frame-Options and its own CSRF
    # checks, and gets no policy from us rather than a policy with 'unsafe-inline' that
    # would have to be kept apart from the public one.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": CSP_EMBED_FRAME_SOURCES,
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Static and media ---------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded photos and logos are resized by the app; refuse anything larger than this.
MAX_IMAGE_UPLOAD_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_IMAGE_UPLOAD_BYTES
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Wagtail ------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Landscape Network"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Documents always go through Wagtail's view, which applies collection privacy and sends them
# safely: only PDF and plain text inline, everything else as an attachment, with
# "Content-Security-Policy: default-src 'none'" and nosniff (so an uploaded HTML file can
# never run as a page of this site). Never "redirect"/"direct" to the storage's own address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# Lesson videos are embedded from these two only; the CSP's frame-src lists their players.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
TAGGIT_CASE_INSENSITIVE = True

SITE_NAME = _("Landscape Network")

# --- Wagtail API v2 (Django REST framework) -----------------------------------------------

REST_FRAMEWORK = {
    # config/api.py sets its own; these cover any other DRF view (no Basic auth, JSON only).
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="120/minute")},
    # Unset, DRF keys clients on the whole X-Forwarded-For header, which clients can forge.
    # Set DJANGO_NUM_PROXIES=1 behind the production proxy.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
    "COERCE_DECIMAL_TO_STRING": False,
}
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# Anonymous page cache (knowledge/cache.py): seconds a rendered page is kept; 0 turns it off.
KNOWLEDGE_PAGE_CACHE_SECONDS = env.int("KNOWLEDGE_PAGE_CACHE_SECONDS", default=300)

# --- Learning records (courses) ------------------------------------------------------------

# Activity IRIs of xAPI statements start with this address (default: WAGTAILADMIN_BASE_URL).
# Keep it stable: a Learning Record Store knows each lesson by its IRI.
XAPI_ACTIVITY_ROOT = env.str("XAPI_ACTIVITY_ROOT", default="")
# An external Learning Record Store receives every statement in the background when set
# (courses/lrs.py; `manage.py xapi_forward` retries what failed).
XAPI_LRS_URL = env.str("XAPI_LRS_URL", default="")
XAPI_LRS_USERNAME = env.str("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env.str("XAPI_LRS_PASSWORD", default="")

# --- Logging ------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background tasks run inline by default and log every step at INFO.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
