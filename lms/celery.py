"""The Celery application; its configuration is the CELERY_* block of the settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks.py (work the services queue) and jobs.py (the beat schedule's entry points).
app.autodiscover_tasks()
app.autodiscover_tasks(related_name="jobs")
