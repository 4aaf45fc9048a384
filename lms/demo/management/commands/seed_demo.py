import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates import demo as certificates_demo
from courses import demo as courses_demo
from lms.hiring import demo as hiring_demo
from lms.people.demo import DEMO_PASSWORD, DEMO_PEOPLE, seed_people
from lms.supervision import demo as supervision_demo


@contextmanager
def _quiet(*logger_names):
    loggers = [logging.getLogger(name) for name in logger_names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Create demo people, courses and records. Idempotent: a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off (never on a real hub: the passwords are public).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with "
                "DEBUG on, or with --force."
            )
        # The top layer: each app seeds its own part, in the order the facts depend on
        # (Sam's supervisor is assigned before Sam's CE tells them about it).
        # Wagtail and Celery log every page saved and task run (about 400 lines): keep the
        # demo's output to what the person running it needs, the sign-ins below.
        with _quiet("wagtail", "celery"), transaction.atomic():
            people = seed_people()
            courses_demo.seed(people)
            supervision_demo.seed(people)
            certificates_demo.seed(people)
            hiring_demo.seed(people)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at /accounts/login/ with:"))
        for email, _preferred, _legal, roles, _superuser in DEMO_PEOPLE:
            role_names = ", ".join(str(role) for role in roles)
            self.stdout.write(f"  {email:<24} {DEMO_PASSWORD}   ({role_names})")
