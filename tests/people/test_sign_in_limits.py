"""The per-address limit on sign-in attempts, on top of axes' per-account lockout."""

import pytest
from django.test import override_settings

from lms.people.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
@override_settings(SIGN_IN_RATE_LIMIT=3)
@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/", "/accounts/two-factor/"])
def test_one_address_trying_many_accounts_is_paused(client, path):
    for number in range(3):
        response = client.post(path, {"username": f"guess{number}@example.org", "password": "x"})
        assert response.status_code != 429
    response = client.post(path, {"username": "guess9@example.org", "password": "x"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


@pytest.mark.django_db
@override_settings(SIGN_IN_RATE_LIMIT=3)
def test_the_pause_blocks_even_the_right_password_and_other_addresses_go_on(client):
    UserFactory(email="peer@example.org", password="right password 2026")
    for _ in range(3):
        client.post("/accounts/login/", {"username": "someone@example.org", "password": "x"})
    right = {"username": "peer@example.org", "password": "right password 2026"}
    assert client.post("/accounts/login/", right).status_code == 429
    assert "_auth_user_id" not in client.session
    elsewhere = client.post("/accounts/login/", right, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302
    assert User.objects.filter(email="peer@example.org").exists()


@pytest.mark.django_db
@override_settings(SIGN_IN_RATE_LIMIT=1)
def test_looking_at_the_sign_in_page_is_never_limited(client):
    for _ in range(5):
        assert client.get("/accounts/login/").status_code == 200
