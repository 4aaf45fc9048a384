"""`manage.py retention_report [--today YYYY-MM-DD]`: what the retention job would do, changing
nothing. The daily job (`retention_apply_task`) does it."""

from datetime import date

from django.core.management.base import BaseCommand

from ...services import retention_plan


class Command(BaseCommand):
    help = "Show what the retention policy would delete or keep today (a dry run)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Judge as of this day.")

    def handle(self, *args, today=None, **options):
        plan = retention_plan(today=today)
        self.stdout.write("Retention report (dry run: nothing is changed)")
        for item in plan:
            policy = item.policy
            period = policy.period
            self.stdout.write(f"\n{policy.data_class}")
            self.stdout.write(f"  period:  {period}")
            if item.cutoff:
                self.stdout.write(f"  past it: counted from before {item.cutoff.isoformat()}")
            self.stdout.write(f"  would:   {item.what_happens}")
            if item.oldest:
                self.stdout.write(f"  oldest:  {item.oldest.isoformat()}")
            self.stdout.write(f"  source:  {policy.source}")
