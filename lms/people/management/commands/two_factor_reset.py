"""Reset someone's two-factor sign-in (a lost phone and lost recovery codes)."""

from django.core.management.base import BaseCommand, CommandError

from lms.people.models import User
from lms.people.services import two_factor_reset


class Command(BaseCommand):
    help = "Remove a person's authenticator and recovery codes; they set up again at sign-in."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.by_email(email).first()
        if user is None:
            raise CommandError(f"No account has the email {email!r}.")
        two_factor_reset(user=user, acting_user=None)
        self.stdout.write(f"Two-factor sign-in reset for {user.email}.")
