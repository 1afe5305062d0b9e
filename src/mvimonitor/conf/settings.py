"""The one settings module. Every value that differs per installation is read from the
environment through `config()` (see docs/configuration.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from mvimonitor.conf.env import config

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent

ENVIRONMENT = config(
    "MVI_ENVIRONMENT",
    "development",
    help_text="`development` or `production`. Production refuses unsafe defaults.",
)
PRODUCTION = ENVIRONMENT == "production"
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("MVI_ENVIRONMENT must be 'development' or 'production'.")

DEBUG = config("MVI_DEBUG", not PRODUCTION, help_text="Show Django's debug pages.")
SECRET_KEY = config(
    "MVI_SECRET_KEY",
    "" if PRODUCTION else "development-only-secret-key-do-not-use-in-production",
    help_text="Django's secret key. Required in production.",
)
ALLOWED_HOSTS = config(
    "MVI_ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    help_text="Comma-separated host names the app answers to. Required in production.",
)
if PRODUCTION:
    if not SECRET_KEY or len(SECRET_KEY) < 40:
        raise ImproperlyConfigured("Set MVI_SECRET_KEY (40+ characters) in production.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set MVI_ALLOWED_HOSTS in production.")
    if DEBUG:
        raise ImproperlyConfigured("MVI_DEBUG must be off in production.")

DATA_DIR = Path(
    config("MVI_DATA_DIR", str(BASE_DIR / "var"), help_text="Folder for SQLite and uploads.")
)
DATABASES = {
    "default": dj_database_url.parse(
        config(
            "DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'mvimonitor.sqlite3'}",
            help_text="Database URL; SQLite under MVI_DATA_DIR by default, "
            "e.g. postgres://user@127.0.0.1:5432/mvimonitor for PostgreSQL.",
        ),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves web requests and background imports at once: WAL lets
    # readers go on while one writer writes, IMMEDIATE takes the write lock at the start
    # of a transaction (no deadlock on upgrade), and writers wait instead of failing:
    # background work (an import's own transaction, the commands) up to `timeout`, a web
    # request up to SQLITE_REQUEST_WAIT_SECONDS (below).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests too use a file, not shared-cache memory: in memory, a read during another
    # connection's write fails at once ("table is locked") instead of waiting, which
    # the background import and the browser tests' live server would run into.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-mvimonitor.sqlite3")}
#: How long a web request waits for SQLite's write lock (held by an import that saves, for
#: example) before it gets the "busy" page, which keeps what was typed (web.busy, ADR 0020):
#: an answer well within 10 seconds, and longer than a large import should hold the lock.
SQLITE_REQUEST_WAIT_SECONDS = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "mvimonitor.audit",
    "mvimonitor.accounts",
    "mvimonitor.organisations",
    "mvimonitor.plans",
    "mvimonitor.exchange",
    "mvimonitor.procurement",
    "mvimonitor.monitoring",
    "mvimonitor.targets",
    "mvimonitor.rounds",
    "mvimonitor.reminders",
    "mvimonitor.review",
    "mvimonitor.calendar_feed",
    "mvimonitor.demo",
    # Not a domain app: the installation's system checks (conf/checks.py).
    "mvimonitor.conf",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a request's wait for the database is bounded, the session's
    # save included, and a lock error gets the busy page instead of a 500 (ADR 0020);
    # Django's session middleware, with the same answer when the session's save meets it.
    "mvimonitor.web.busy.DatabaseBusyMiddleware",
    "mvimonitor.web.busy.BusyAwareSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mvimonitor.accounts.sessions.SessionIdleMiddleware",
    # After authentication: a user's own language setting counts too.
    "mvimonitor.utils.middleware.DutchFirstLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mvimonitor.audit.middleware.AuditActorMiddleware",
    # Last: answers a login refused by the lockout with 429 (accounts.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mvimonitor.conf.urls"
WSGI_APPLICATION = "mvimonitor.conf.wsgi.application"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
# One backend (so that login() needs none named): it refuses a login that the lockout
# holds before any password is checked, then checks the password as Django's does.
AUTHENTICATION_BACKENDS = ["mvimonitor.accounts.backends.LockoutBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "organisations:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login lockout (issue 12, ADR 0019): django-axes with the project's rules in
# accounts.lockout; only the settings below matter to them.
LOGIN_LOCK_ADDRESS_FAILURES = config(
    "MVI_LOGIN_LOCK_ADDRESS_FAILURES",
    5,
    help_text="Wrong passwords for one account from one address, within "
    "MVI_LOGIN_LOCK_MINUTES, that lock that account from that address.",
)
LOGIN_LOCK_MINUTES = config(
    "MVI_LOGIN_LOCK_MINUTES",
    15,
    help_text="Minutes in which those wrong passwords count, and that the lock lasts.",
)
LOGIN_LOCK_ACCOUNT_FAILURES = config(
    "MVI_LOGIN_LOCK_ACCOUNT_FAILURES",
    20,
    help_text="Wrong passwords for one account from any addresses that lock it until a "
    "password reset or an unlock.",
)
if min(LOGIN_LOCK_ADDRESS_FAILURES, LOGIN_LOCK_MINUTES, LOGIN_LOCK_ACCOUNT_FAILURES) < 1:
    raise ImproperlyConfigured("The MVI_LOGIN_LOCK_* settings must be 1 or more.")
PROXY_COUNT = config(
    "MVI_PROXY_COUNT",
    0,
    help_text="Reverse proxies in front of the application that add the client's address "
    "to X-Forwarded-For; 0 takes the address of the connection.",
)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("MVI_PROXY_COUNT must be 0 or more.")
AXES_HANDLER = "mvimonitor.accounts.lockout.LockoutHandler"
AXES_USERNAME_CALLABLE = "mvimonitor.accounts.lockout.login_name"
AXES_CLIENT_IP_CALLABLE = "mvimonitor.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "mvimonitor.accounts.lockout.lockout_response"
# What the locks are counted by (documentation for axes' own start-up check and log).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
# An attempt refused by a lock checks no password: it neither counts nor lengthens it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Operators see and lift the locks in accounts' admin; axes' own tables of attempts and
# logins are not used (nor is every successful login logged).
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
INVITATION_VALID_DAYS = config(
    "MVI_INVITATION_VALID_DAYS", 14, help_text="Days an invitation link stays valid."
)
# The monitor round (issue 4): when reminders go out and when an action counts as stale.
REMINDER_OFFSETS_DAYS = [
    int(day)
    for day in config(
        "MVI_REMINDER_DAYS",
        ["-14", "-3", "1"],
        help_text="Days relative to a round's deadline on which reminders go out.",
    )
]
# Links in e-mails sent outside a request (reminders from cron) need the site's address.
BASE_URL = config(
    "MVI_BASE_URL",
    "",
    help_text="Scheme and host of the site for links in e-mails, e.g. https://mvi.example.nl.",
) or (f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION and ALLOWED_HOSTS else "http://127.0.0.1:8000")
STALE_AFTER_DAYS = config(
    "MVI_STALE_AFTER_DAYS",
    90,
    help_text="Days without an update or confirmation after which an action that should "
    "have moved is marked not updated (niet bijgewerkt).",
)
ROUND_POLL_SECONDS = config(
    "MVI_ROUND_POLL_SECONDS",
    10,
    help_text="Seconds between refreshes of a round's progress on the coordinator's page.",
)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
# The project's own messages, then Dutch for some of Django's own that its catalogue lacks
# (locale_django/nl/LC_MESSAGES/django.po says which and why).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_django"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Off: with it, every number in a template is grouped, ids in links and form values too
# ("?period=1.377"). Amounts are formatted on purpose where they are shown.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

EMAIL_BACKEND = config(
    "MVI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
    help_text="Django e-mail backend: the console in development, SMTP in production.",
)
#: Backends that keep e-mail on this machine: in production invitation and
#: password-reset links would end up in a log or nowhere.
LOCAL_EMAIL_BACKENDS = {
    f"django.core.mail.backends.{name}.EmailBackend"
    for name in ("console", "filebased", "locmem", "dummy")
}
if PRODUCTION and EMAIL_BACKEND in LOCAL_EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        "MVI_EMAIL_BACKEND must send e-mail in production (for example "
        "django.core.mail.backends.smtp.EmailBackend), not keep it on this machine: "
        "invitation and password-reset links would end up in a log."
    )
EMAIL_HOST = config("MVI_EMAIL_HOST", "localhost", help_text="SMTP host.")
EMAIL_PORT = config("MVI_EMAIL_PORT", 25, help_text="SMTP port.")
EMAIL_HOST_USER = config("MVI_EMAIL_HOST_USER", "", help_text="SMTP user name.")
EMAIL_HOST_PASSWORD = config("MVI_EMAIL_HOST_PASSWORD", "", help_text="SMTP password.")
EMAIL_USE_TLS = config("MVI_EMAIL_USE_TLS", False, help_text="Use STARTTLS for SMTP.")
DEFAULT_FROM_EMAIL = config(
    "MVI_DEFAULT_FROM_EMAIL", "MVI Monitor <noreply@localhost>", help_text="Sender of e-mails."
)

# Uploads: spreadsheets are read in memory; this is the documented upper bound.
IMPORT_MAX_BYTES = config(
    "MVI_IMPORT_MAX_BYTES", 5 * 1024 * 1024, help_text="Largest spreadsheet accepted for import."
)
IMPORT_MAX_ROWS = config(
    "MVI_IMPORT_MAX_ROWS", 10_000, help_text="Most data rows accepted in one import."
)
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024

# No inline scripts or styles: htmx is told not to inject its indicator style (base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
# A login ends when the browser closes, and after a working day without use
# (accounts.sessions moves the end on while the session is used).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_HOURS = config(
    "MVI_SESSION_IDLE_HOURS",
    8,
    help_text="A login ends after this many hours without use (and when the browser closes).",
)
if SESSION_IDLE_HOURS < 1:
    raise ImproperlyConfigured("MVI_SESSION_IDLE_HOURS must be 1 or more.")
SESSION_COOKIE_AGE = SESSION_IDLE_HOURS * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_HSTS_SECONDS = config(
        "MVI_HSTS_SECONDS", 31_536_000, help_text="HSTS max-age in production."
    )
    SECURE_SSL_REDIRECT = config(
        "MVI_SSL_REDIRECT", True, help_text="Redirect plain HTTP to HTTPS in production."
    )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Both commit every subdomain of the installation's domain to HTTPS (the preload list
    # for a long time): the domain's owner decides that, not this application. While they
    # are off, Django's deploy warnings about them (W005, W021) are that decision, silenced.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = config(
        "MVI_HSTS_INCLUDE_SUBDOMAINS",
        False,
        help_text="HSTS for every subdomain too; only when all of them are served over HTTPS.",
    )
    SECURE_HSTS_PRELOAD = config(
        "MVI_HSTS_PRELOAD",
        False,
        help_text="Allow the domain onto the browsers' HSTS preload list.",
    )
    SILENCED_SYSTEM_CHECKS = [
        check
        for check, chosen in (
            ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
            ("security.W021", SECURE_HSTS_PRELOAD),
        )
        if not chosen
    ]

# The error pages (web.errors, ADR 0032): a form refused for its security token too.
CSRF_FAILURE_VIEW = "mvimonitor.web.errors.csrf_failure"
# The accessibility statement (web.views, ADR 0032): its contact and its evidence.
CONTACT_EMAIL = config(
    "MVI_CONTACT_EMAIL",
    "",
    help_text="Where users report accessibility problems (the accessibility statement).",
)
AXE_RESULTS = Path(
    config(
        "MVI_AXE_RESULTS",
        str(PACKAGE_DIR / "web" / "data" / "axe_results.json"),
        help_text="The axe results the accessibility statement shows "
        "(written by `make accessibility-report`).",
    )
)

DEMO_MODE = config(
    "MVI_DEMO", False, help_text="Demo installation: `make run` sets it to print demo logins."
)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {"TITLE": "MVI Monitor API", "VERSION": "0.1.0"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": config("MVI_LOG_LEVEL", "INFO", help_text="Log level."),
    },
    # WeasyPrint and fontTools narrate every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # axes narrates every login at INFO; accounts.lockout logs each lock itself.
        "axes": {"level": "WARNING"},
    },
}
