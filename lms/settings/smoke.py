"""The demo's configuration under test (tests/smoke, run by `make test` in a pytest run of its
own): SQLite and in-process Celery tasks, as `make run` has them, with the test suite's in-memory
email and throwaway media.

In-process (eager) tasks are the point here, not a shortcut: the demo has no broker, so this is
how it issues certificate PDFs. The PostgreSQL suite never runs tasks eagerly.
"""

import tempfile

from django.conf import global_settings

from .test import *  # noqa: F403
from .test import BASE_DIR

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        # A file (not memory), so that the demo server the browser checks start can open the
        # same seeded database.
        "TEST": {"NAME": f"{tempfile.mkdtemp(prefix='lms-smoke-')}/demo.sqlite3"},
    }
}
# The demo's own password hashing: the demo server the browser checks start (dev settings)
# must be able to check the passwords seed_demo stored here.
PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
