"""Test suite: PostgreSQL and Redis, as in production; fast hashing and in-memory email."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - the test suite only
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/lms"),
}
# One test database per pytest process, so two runs on one machine (a developer and CI,
# or parallel helpers) never drop each other's database.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A real broker: tests that exercise Celery run a real worker against it, or call the
# task function directly; never eager mode.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
CELERY_TASK_ALWAYS_EAGER = False
# Certificates and evidence written by tests go to a throwaway directory, not the checkout.
PRIVATE_MEDIA_ROOT = env.path(
    "DJANGO_PRIVATE_MEDIA_ROOT", default=tempfile.mkdtemp(prefix="lms-test-private-")
)
MEDIA_ROOT = tempfile.mkdtemp(prefix="lms-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each test process signs with its own throw-away demo CA, made in its private media folder.
CERTIFICATE_DEMO_SIGNING_DIR = os.path.join(str(PRIVATE_MEDIA_ROOT), "signing-demo")
