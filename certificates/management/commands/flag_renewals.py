from datetime import date

from django.core.management.base import BaseCommand, CommandError

from certificates.services.renewals import renewals_flag_due


class Command(BaseCommand):
    help = (
        "Flag credentials due for renewal or expired and create reminders (same as the daily job)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were YYYY-MM-DD.")

    def handle(self, *args, today=None, **options):
        try:
            as_of = date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError("--today takes a date as YYYY-MM-DD.") from error
        counts = renewals_flag_due(today=as_of)
        self.stdout.write(
            f"renewal due: {counts.renewal_due}  expired: {counts.expired}  "
            f"reminders: {counts.reminders}"
        )
