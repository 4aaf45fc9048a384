from django.core.management.base import BaseCommand, CommandError

from certificates.services.integrity import credentials_integrity_check


class Command(BaseCommand):
    help = (
        "Check every credential (after a restore): its code verifies, and its stored PDF "
        "exists and matches its SHA-256. Read-only; exits non-zero on any problem."
    )

    def handle(self, *args, verbosity=1, **options):
        report = credentials_integrity_check()
        self.stdout.write(f"credentials checked: {report.checked}")
        self.stdout.write(f"verified by code: {report.verified_by_code}")
        self.stdout.write(f"PDF present, SHA-256 matching: {report.pdf_matching}")
        self.stdout.write(f"no PDF yet (not a failure): {len(report.without_pdf)}")
        if verbosity >= 2:
            for code in report.without_pdf:
                self.stdout.write(f"  no PDF yet: {code}")
        for problem in report.problems:
            self.stderr.write(f"PROBLEM {problem}")
        if report.problems:
            raise CommandError(f"{len(report.problems)} credential(s) failed the check.")
        self.stdout.write(self.style.SUCCESS("All credentials verified."))
