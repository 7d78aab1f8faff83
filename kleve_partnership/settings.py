"""Settings of Kleve Partnership, read from the environment with strict parsing and defaults that run."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import bootstrap_wrapper
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but a clear yes or no is a configuration error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# With debug off and no key, SECRET_KEY stays empty: commands that sign nothing (migrations, checks) still
# run, Django refuses whatever would sign with an empty key, and the servers refuse to start
# (`require_secret_key` in wsgi.py and asgi.py).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20


def require_secret_key() -> None:
    """Refuse to serve without a secret key; called by the WSGI and ASGI entry points."""
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")


ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")


def env_site_url(name: str, default: str) -> str:
    """Read a site's base address: http or https, a host, an optional port, nothing after it."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    parts = urlsplit(raw)
    try:
        port_ok = parts.port != 0
    except ValueError:  # not a number, or out of range
        port_ok = False
    rest = parts.path.strip("/") or parts.query or parts.fragment or parts.username
    if parts.scheme not in {"http", "https"} or not parts.hostname or not port_ok or rest:
        raise ImproperlyConfigured(f"{name} must be a base address like https://kleve.example, not {raw!r}")
    return f"{parts.scheme}://{parts.netloc}"


# The one base address of every absolute link (emails, calendars, QR codes, letters, the public pages' own
# addresses), built by `core.links`. Required when debug is off (the deploy check `core.E001`); in debug mode
# without it, links follow the host of the request at hand.
SITE_URL = env_site_url("DJANGO_SITE_URL", "http://127.0.0.1:8000")
SITE_URL_FROM_ENVIRONMENT = bool(os.environ.get("DJANGO_SITE_URL", "").strip())

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "phonenumber_field",
    "import_export",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "delegations",
    "visits",
    "press",
    "pages",
    "protocol",
    "funding",
    "followup",
    "letters",
    "privacy",
    "accounts",
    "operations",
    "demo",  # at the top of the house: builds on every app above, and no app imports it
    # After the apps: visits' db_worker (which also looks after stalled notices) overrides the package's.
    "django_tasks_db",
]

MIDDLEWARE = [
    # Kept public and guest answers, served before everything below (core.page_cache): one key look-up.
    "kleve_partnership.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A NUL byte in a URL is refused with 400 before any view: PostgreSQL cannot compare text holding one.
    "kleve_partnership.request_guard.RejectNulBytesMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before WhiteNoise, so static files carry the same framing, content and resource policies as pages.
    "accounts.middleware.CrossOriginResourcePolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A guest or staff link's token is opened once, here; a bad one is answered at once (visits.throttle).
    "visits.middleware.PersonalLinkMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Moves a session's end on at most once a minute (the idle timeout) instead of saving it on every request.
    "accounts.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kleve_partnership.middleware.AdminGermanByDefaultMiddleware",
    # A database that does not answer gets a friendly 503 in the visitor's language (after LocaleMiddleware).
    "kleve_partnership.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out account or address before the password is even checked (django-axes).
    "accounts.backends.LoginRateLimitBackend",
    # Django's ModelBackend, with a user's and their groups' permissions read in one query.
    "accounts.backends.PermissionBackend",
]

ROOT_URLCONF = "kleve_partnership.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "kleve_partnership.wsgi.application"
ASGI_APPLICATION = "kleve_partnership.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# One transaction per request: a view that fails halfway leaves nothing half-written. Mail and tasks go out
# through transaction.on_commit, so they wait for the commit.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to one SQLite file. A transaction that reads first and writes
    # later cannot wait for the other's lock (SQLite refuses the upgrade at once: "database is locked"), so
    # each takes the write lock when it begins and waits for it up to 20 seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One shared Redis cache when REDIS_URL is set (several application servers), else one per process.
_REDIS = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else None
)
CACHES = {
    "default": _REDIS
    or {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}},
    # Kept public and guest answers and their generation (core.page_cache) in the shared Redis.
    "pages": _REDIS or {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
# Without Redis (one machine): the kept answers' generation is a file in this folder, which the web servers
# and the worker must share, and each server process keeps its answers in its memory, at most this many (a
# large guest page is about 500 KB with its compressed copies).
PAGE_CACHE_GENERATION_DIR = (
    None
    if _REDIS
    else Path(os.environ.get("DJANGO_PAGE_CACHE_GENERATION_DIR", BASE_DIR / "var" / "page-generation"))
)
PAGE_CACHE_ENTRIES = env_int("DJANGO_PAGE_CACHE_ENTRIES", 400)
# The longest an answer is kept: the bound on a change made outside Django (psql), and how precisely a guest
# link's last use is known (core.page_cache, visits.views.guest).
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 3600)
# The deployed version (e.g. the git commit): part of every cache key, so new code never serves old pages.
RELEASE_NAME = os.environ.get("DJANGO_RELEASE", "")

# Sessions live in the database (or the shared cache in front of it), so any application server can
# answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: German for staff, Ukrainian first for guests, English as the fallback.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("uk", _("Ukrainisch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_LANGUAGES = ("de", "uk", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("de", "en"), "uk": ("en", "de"), "en": ("de",)}

# Static files and media. Bootstrap comes from a Python package, so nothing is fetched from a CDN.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", bootstrap_wrapper.get_bootstrap_dir())]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Photo originals (with their metadata) and renditions: no URL maps here; a view serves renditions of
# published photos only. Several servers share it like media; `STORAGES["private"]` may name another
# backend instead.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Several application servers: media and the private files (photo originals, receipts) on S3-compatible
# storage, each in its own bucket; the private one is never public and hands out no public URLs.
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
if S3_BUCKET:
    _s3 = {
        "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("DJANGO_S3_REGION") or None,
        "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID", ""),
        "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY", ""),
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3 | {"bucket_name": S3_BUCKET, "querystring_auth": False, "default_acl": None},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3
        | {
            "bucket_name": os.environ.get("DJANGO_S3_PRIVATE_BUCKET") or f"{S3_BUCKET}-private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "default_acl": "private",
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest document staff may attach to a visit or programme item (agenda, slides, visa papers, contract).
ATTACHMENT_MAX_BYTES = env_int("DJANGO_ATTACHMENT_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email through Django 6.1's MAILERS: the console in development, SMTP in production.
EMAIL_BACKEND_PATH = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": (
            {
                "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
                "port": env_int("DJANGO_EMAIL_PORT", 25),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
                "use_ssl": env_bool("DJANGO_EMAIL_USE_SSL", False),
                "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 30),
            }
            if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "partnerschaften@kreis-kleve.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django.tasks): the notices of programme releases. They go through a persistent queue
# in the database (django-tasks-db), run by separate worker processes (`manage.py db_worker`; `make run`
# starts one beside the web server); several workers share one PostgreSQL (SKIP LOCKED).
# DJANGO_TASKS_BACKEND may name another backend, e.g. "django.tasks.backends.immediate.ImmediateBackend".
TASKS = {"default": {"BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Delivery of notices (visits.notices): the waits in seconds between tries of a notice that failed for a
# passing reason (five tries over about an hour by default), after which it is given up; how long a notice
# a worker claimed may take before another worker takes it over (a worker that died mid-send); how often a
# worker looks for such notices.
NOTICE_RETRY_DELAYS = [
    int(seconds) for seconds in env_list("DJANGO_NOTICE_RETRY_DELAYS", "120,480,1200,2400")
]
NOTICE_CLAIM_TIMEOUT = env_int("DJANGO_NOTICE_CLAIM_TIMEOUT", 2 * env_int("DJANGO_EMAIL_TIMEOUT", 30) + 60)
NOTICE_SWEEP_SECONDS = env_int("DJANGO_NOTICE_SWEEP_SECONDS", 30)
# A messenger for notices through apprise: an apprise URL in which {recipient} stands for a member's messenger
# address, e.g. "tgram://BOT_TOKEN/{recipient}", "signal://signal-api.internal:8080/+4928...;/{recipient}",
# "ntfy://ntfy.internal/{recipient}" or "json://hooks.internal/messenger/{recipient}". Empty: no messenger.
MESSENGER_URL = os.environ.get("DJANGO_MESSENGER_URL", "")

# Security. Behind a proxy that terminates TLS, X-Forwarded-Proto says whether the request was HTTPS.
# Set DJANGO_PROXY_SSL_HEADER to "" when no proxy strips a client's own X-Forwarded-Proto.
_proxy_ssl_header = os.environ.get("DJANGO_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
# Behind a load balancer that sets X-Forwarded-Host (and strips the client's), build links with that host.
USE_X_FORWARDED_HOST = env_bool("DJANGO_USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# HSTS for a year, subdomains included and ready for the browsers' preload list; a county whose other
# subdomains are not all on HTTPS yet turns includeSubDomains and preload off by environment.
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Our pages, images and files are for our own pages (accounts.middleware); other sites cannot embed them.
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads the token from the cookie; forms carry it
# Lax, not Strict: a link to an admin page in an email must still open with the session.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_SECONDS", 10 * 60 * 60)  # a working day
# An idle timeout: the working day counts from the last request (to within a minute), not from login. Not
# SESSION_SAVE_EVERY_REQUEST, which writes the session on every page: SessionRefreshMiddleware (accounts)
# saves it once a minute has passed. Only sessions with data are saved, so anonymous visitors leave no row.
SESSION_SAVE_EVERY_REQUEST = False
X_FRAME_OPTIONS = "DENY"

# Browser features no page of ours uses, denied to every page and any frame (django-permissions-policy).
# Only names Chromium knows: it warns in every page's console about any other (so no `bluetooth`, which it
# does not take from this header; tests/browser/test_console_clean.py keeps the console clean).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Admin login rate limits (django-axes, accounts.lockout): an account is locked after 5 failed passwords, an
# address after 20, each for 15 minutes after its last failure. `manage.py axes_reset` lifts all lockouts.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("DJANGO_LOGIN_FAILURES_PER_ADDRESS", 20)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_HANDLER = "accounts.lockout.AccountAndAddressHandler"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_DISABLE_ACCESS_LOG = True  # successful logins go to the log, not into a table that keeps addresses
AXES_VERBOSE = False  # no start-up banner on every manage.py command
AXES_ENABLE_ADMIN = False  # lockouts are lifted with `manage.py axes_reset`; the admin shows no addresses
# The client address (core.addresses; login limits and guest links count by it): REMOTE_ADDR, or behind this
# many trusted proxies the address the first of them saw (counted from the right of X-Forwarded-For).
# Trusting the header without a proxy would let an attacker pick a new address for every attempt.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"

# Two-factor login (django-otp): TOTP apps show this name; device keys stay hidden in the admin.
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "Kreis Kleve Partnerschaften")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# /.well-known/security.txt (RFC 9116): where to report a vulnerability.
SECURITY_CONTACT = os.environ.get("DJANGO_SECURITY_CONTACT", "mailto:it-sicherheit@kreis-kleve.example")

# One strict policy for every page, the admin included: nothing unless named, everything named from our own
# origin, no inline code.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default sends its loggers to a console handler of its own in debug mode and on to the
        # root's: every line twice. Here they reach the root's handler only, once, in debug and production.
        "django": {"handlers": [], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"), "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},  # runserver's
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every layout step of every PDF page at INFO; its warnings still come through.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Where the guest page sends people in an emergency, and the time zone guests compare with.
EMERGENCY_NUMBER = "112"
GUEST_HOME_TIME_ZONE = "Europe/Kyiv"

# Guest links (visits.throttle): past this many failed look-ups within the window (seconds), an address's
# failures are answered 429, and a token prefix tried that often is refused to addresses that failed too.
# Valid links always open.
GUEST_TOKEN_FAILURES_ALLOWED = env_int("DJANGO_GUEST_TOKEN_FAILURES_ALLOWED", 20)
GUEST_TOKEN_FAILURE_WINDOW = env_int("DJANGO_GUEST_TOKEN_FAILURE_WINDOW", 15 * 60)

# Data protection: members of visits that ended more than this many days ago are anonymised by
# `manage.py purge_personal_data` (run it daily); the record of processing activities names the same period.
PERSONAL_DATA_RETENTION_DAYS = env_int("DJANGO_PERSONAL_DATA_RETENTION_DAYS", 180)

# The conflict check's idea of a transfer: the driving time from the routing service below if one is set,
# else the straight-line distance at this speed; plus a buffer either way.
CONFLICT_TRANSFER_SPEED_KMH = env_int("DJANGO_CONFLICT_TRANSFER_SPEED_KMH", 50)
CONFLICT_TRANSFER_BUFFER_MINUTES = env_int("DJANGO_CONFLICT_TRANSFER_BUFFER_MINUTES", 10)


def env_service_url(name: str) -> str:
    """Read the base address of an outside service (http or https, a host, maybe a path); empty means none."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} must be a base address like https://nominatim.example, not {raw!r}"
        )
    return raw.rstrip("/")


# Outside services for places (core.geo_services), both off by default so nothing leaves the server unasked:
# a Nominatim-compatible geocoder that finds coordinates from an address when a planner asks, and an
# OSRM-compatible routing service for the driving time between venues (cached per pair of places).
GEOCODER_URL = env_service_url("DJANGO_GEOCODER_URL")
ROUTING_URL = env_service_url("DJANGO_ROUTING_URL")
ROUTING_CACHE_SECONDS = env_int("DJANGO_ROUTING_CACHE_SECONDS", 30 * 24 * 60 * 60)
GEO_SERVICE_TIMEOUT_SECONDS = env_int("DJANGO_GEO_SERVICE_TIMEOUT_SECONDS", 5)

# Rendered PDFs, kept under the hash of their HTML and stylesheets (visits/documents/pdf.py), so printing the
# same document again costs no rendering: in the shared cache with REDIS_URL, else in a small one per process.
DOCUMENT_CACHE_SECONDS = env_int("DJANGO_DOCUMENT_CACHE_SECONDS", 24 * 60 * 60)
CACHES["documents"] = (
    CACHES["default"]
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "documents",
        "OPTIONS": {"MAX_ENTRIES": 100},
    }
)
