"""Rebuild and re-sign both status lists now (after a key rotation, or to check them)."""

from django.core.management.base import BaseCommand

from certificates.services.status_lists import status_lists_publish_all


class Command(BaseCommand):
    help = "Rebuild, re-sign and store the revocation and suspension status lists."

    def handle(self, *args, **options):
        for status_list in status_lists_publish_all():
            self.stdout.write(
                f"Status list {status_list.number} ({status_list.purpose}): version "
                f"{status_list.version}, {status_list.entries:,} entries, "
                f"{status_list.set_bits:,} set, {len(status_list.token):,} bytes signed."
            )
