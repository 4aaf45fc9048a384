"""The test client the suite signs people in with."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from lms.people.permissions import two_factor_required
from tests.factories import confirmed_authenticator


class SignedInClient(Client):
    """Django's test client, where signing in someone who needs two-factor also completes it,
    as if they had typed their code. tests/lms/test_two_factor.py tests the real steps with
    Django's plain Client."""

    def _login(self, user, backend=None):
        super()._login(user, backend)
        if two_factor_required(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = confirmed_authenticator(user).persistent_id
            session.save()
