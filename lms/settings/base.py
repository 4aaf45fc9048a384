"""Settings shared by every environment; each value comes from the environment.

The environment-specific modules (dev, test, production) import this one and override
only what differs. Nothing secret lives here.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
# Absolute base of links that leave the request cycle: PDFs, QR codes, emails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "lms.people",
    "certificates",
    "courses",
    "lms.supervision",
    "lms.hiring",
    "lms.analytics",
    "lms.audits",
    "lms.demo",
    "lms.retention",
    "lms.people.apps.PeopleUsersAppConfig",  # wagtail.users with our own user forms
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response (redirects and error pages too) carries the policy.
    "lms.security.ContentSecurityPolicyMiddleware",
    # Before anything reads the body: too large a Content-Length is refused unread (413).
    "lms.security.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Outside everything that answers a signed-in person: private, no-store on the way out.
    "lms.security.PrivatePagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified() for two-factor, then the rule that admin roles need it.
    "django_otp.middleware.OTPMiddleware",
    "lms.people.two_factor.TwoFactorRequiredMiddleware",
    "lms.security.SignInRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After Wagtail's dashboard approves a page, the lead trainer sees a message saying so.
    "courses.middleware.ApprovalMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "courses.middleware.CachedSiteMiddleware",
    # A view that loses the database answers 503 with templates/503.html, not a traceback.
    "lms.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.navigation",
            ],
            # Display filters every page uses (`hours`, audit labels), without a {% load %}.
            "builtins": ["lms.people.templatetags.hub"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
}

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses sign-in attempts for a locked-out email and address (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
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
# Sign-in lockout (front end and Wagtail admin share Django's authentication): after 5
# failures for one email from one address, that pair waits an hour. Locking the pair, not
# the email alone, stops an attacker from locking a peer out of their own account.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Both sign-in forms post the email as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "lms.people.ratelimit.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy, how many proxies sit in front (so the client's own address is
# read from X-Forwarded-For); unset when Django faces clients directly.
if env("AXES_IPWARE_PROXY_COUNT", default=""):
    AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT")
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# Two-factor (TOTP) for everyone who can reach the Wagtail admin: lms/people/two_factor.py.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Peer Training Hub")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code (django-otp)
OTP_STATIC_THROTTLE_FACTOR = 1
TWO_FACTOR_RECOVERY_CODES = 10

# Content-Security-Policy (django-csp). The site's own pages run no inline script or style;
# the Wagtail admin, which still has some inline script and style, gets the admin policy
# from lms.security.ContentSecurityPolicyMiddleware.
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
WAGTAIL_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# guardian: no AnonymousUser row; anonymous visitors never hold object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

LANGUAGE_CODE = "en-us"
# One long date format everywhere ("December 2, 2026"): lms/formats/en/formats.py.
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "America/Denver"  # Montana
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Certificates and CE evidence: never under MEDIA_ROOT, served only by permission-checked views.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Peer Training Hub <hub@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without a broker the demo runs tasks in-process (eager); production and the
# test suite always name a real broker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# Every task is written to be safe to run twice, so a task is acknowledged only after it
# ran, and a worker that dies mid-task hands it back to the queue.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One visibility timeout for the broker and the result backend: longer than the longest
# task (time limit above) so that a running task is never handed out a second time.
# It is also how long a task held by a worker that died (SIGKILL, lost machine) waits
# before another worker takes it: the fault tests set a few seconds.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # kombu gives redis-py no socket timeouts, so a Redis that stops answering (frozen,
    # half-open connection) would hold a web request that queues a task forever.
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
}
# With Redis down, a request that queues a task gives up after one quick retry (about 4 s
# at worst) instead of hanging; certificate PDFs missed that way are queued again by
# credentials_without_pdf_sweep_task (tests/faults/test_redis_down.py).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "renewals-flag-due": {
        "task": "certificates.tasks.renewals_flag_due_task",
        "schedule": crontab(hour=5, minute=30),
    },
    # Ending an assignment removes access at once; this removes it for end dates set ahead,
    # just after midnight of that day (and catches up after any missed run).
    "supervisor-assignments-expire": {
        "task": "lms.tasks.supervisor_assignments_expire_task",
        "schedule": crontab(hour=0, minute=5),
    },
    # Retention (lms/retention/policies.py): what is past its period goes, audited. Early,
    # before the day's work; `manage.py retention_report` shows first what it would do.
    "retention-apply": {
        "task": "lms.retention.jobs.retention_apply_task",
        "schedule": crontab(hour=3, minute=15),
    },
    "credentials-without-pdf-sweep": {
        "task": "certificates.tasks.credentials_without_pdf_sweep_task",
        "schedule": crontab(minute="*/15"),
    },
}

# Wagtail's own background work (search index, reference index) through django-tasks.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "Peer Training Hub"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "txt", "csv", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILUSERS_PASSWORD_REQUIRED = True
# The admin would ask releases.wagtail.org for news: a third-party request (and a CSP
# connect-src exception) for nothing people here need.
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies: the largest upload we accept is 10 MB (evidence, certificate PDFs to verify,
# Wagtail images and documents); a larger Content-Length is refused before the body is read
# (lms.security.RequestBodyLimitMiddleware), and each file stops being read past
# UPLOAD_FILE_MAX_BYTES (lms.core.uploads.CappedUploadHandler). The margins leave room for the
# other form fields, so a file just over 10 MB still gets the form's own message.
UPLOAD_FILE_MAX_BYTES = 10 * 1024 * 1024 + 64 * 1024
REQUEST_BODY_MAX_BYTES = 10 * 1024 * 1024 + 256 * 1024
REQUEST_BODY_MAX_BYTES_BY_PATH = {"/verify/": 10 * 1024 * 1024 + 64 * 1024}
FILE_UPLOAD_HANDLERS = [
    "lms.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# No Gravatar in the admin: it would tell a third party who uses the admin (an MD5 of each
# email in an image URL), and the CSP blocks it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

HUB_NAME = env("HUB_NAME", default="One Health Peer Training Hub")
# Whom a holder contacts about their credential (named in revocation notices).
HUB_CONTACT_EMAIL = env("HUB_CONTACT_EMAIL", default="training@example.org")
# The hub's CE provider number(s), printed on CE rosters (e.g. "NAADAC 123456").
HUB_CE_PROVIDER_NUMBER = env("HUB_CE_PROVIDER_NUMBER", default="")
# Who signs CE certificates for the provider (name and title printed on the signature line).
HUB_CE_SIGNATORY_NAME = env("HUB_CE_SIGNATORY_NAME", default="")
HUB_CE_SIGNATORY_TITLE = env("HUB_CE_SIGNATORY_TITLE", default="CE program coordinator")

# Signed certificate PDFs (certificates/signing.py; README "Signed certificates").
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")  # .p12/.pfx, or a PEM key
CERTIFICATE_SIGNING_CERT = env("CERTIFICATE_SIGNING_CERT", default="")  # PEM, with a PEM key
CERTIFICATE_SIGNING_CHAIN = env.list("CERTIFICATE_SIGNING_CHAIN", default=[])
CERTIFICATE_SIGNING_PASSPHRASE = env("CERTIFICATE_SIGNING_PASSPHRASE", default="")
# Certificates (PEM) of retired signing keys or CAs: still published, so old PDFs verify.
CERTIFICATE_RETIRED_CERTS = env.list("CERTIFICATE_RETIRED_CERTS", default=[])
CERTIFICATE_TSA_URL = env("CERTIFICATE_TSA_URL", default="")
CERTIFICATE_SIGNING_LOCATION = env("CERTIFICATE_SIGNING_LOCATION", default="Montana, USA")
# The demo and tests sign with a throw-away CA made at first use; production never does.
CERTIFICATE_DEMO_SIGNING = env.bool("CERTIFICATE_DEMO_SIGNING", default=True)
CERTIFICATE_DEMO_SIGNING_DIR = env(
    "CERTIFICATE_DEMO_SIGNING_DIR", default=os.path.join(str(PRIVATE_MEDIA_ROOT), "signing-demo")
)
# Open Badges 3.0 credentials, signed as VC-JWT (certificates/openbadges.py; decision 0004):
# a PEM private key, RSA of 2048 bits or more (RS256) or EC P-256 (ES256), and its passphrase.
# The demo and tests make a throw-away RSA key in CERTIFICATE_DEMO_SIGNING_DIR at first use.
OPEN_BADGES_SIGNING_KEY = env("OPEN_BADGES_SIGNING_KEY", default="")
OPEN_BADGES_SIGNING_PASSPHRASE = env("OPEN_BADGES_SIGNING_PASSPHRASE", default="")
# PEM public keys of retired Open Badges keys: still in the published JWKS, so old badges verify.
OPEN_BADGES_RETIRED_KEYS = env.list("OPEN_BADGES_RETIRED_KEYS", default=[])
VERIFY_RATE_LIMIT = env.int("VERIFY_RATE_LIMIT", default=30)
SIGN_IN_RATE_LIMIT = env.int("SIGN_IN_RATE_LIMIT", default=30)  # per client per 10 minutes
# Password-reset emails per hour: per account (or typed address) and per client address.
# Past either, the page answers exactly as before and sends nothing (lms.people.views).
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env.int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", default=3)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
RATELIMIT_TRUST_X_FORWARDED_FOR = env.bool("RATELIMIT_TRUST_X_FORWARDED_FOR", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Chatty at INFO: a line per background task and per PDF rendering step.
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
