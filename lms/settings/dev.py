"""Local demo: SQLite and in-process Celery unless DATABASE_URL or CELERY_BROKER_URL is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Dev-only key, used only while DEBUG is on; production.py refuses to start without one.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# The demo's CE certificates name a (fictional) signatory for the provider.
HUB_CE_SIGNATORY_NAME = env("HUB_CE_SIGNATORY_NAME", default="Jordan Reyes (demo)")
