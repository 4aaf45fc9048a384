"""Password reset: limited per account (however the address is spelled, from any client) and
per client address, with the same answer whether a limit applied or the account exists."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def reset(client, email, address="203.0.113.5"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_forty_requests_for_one_person_send_three_emails(client, settings):
    person = UserFactory(email="robin@example.org")
    answers = {
        (r.status_code, r["Location"]) for r in (reset(client, person.email) for _ in range(40))
    }
    assert answers == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT == 3
    assert {tuple(message.to) for message in mail.outbox} == {("robin@example.org",)}


def test_the_account_limit_holds_across_spellings_and_client_addresses(client):
    UserFactory(email="robin@example.org")
    spellings = ["robin@example.org", "ROBIN@example.org", "ｒｏｂｉｎ@example.org"]  # noqa: RUF001
    for number in range(12):
        reset(client, spellings[number % 3], address=f"198.51.100.{number}")
    assert len(mail.outbox) == 3


def test_one_client_address_is_limited_across_accounts(client, settings):
    people = [UserFactory() for _ in range(15)]
    for person in people:
        reset(client, person.email)
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS == 10
    # Another client is not held back by that one.
    reset(client, people[-1].email, address="192.0.2.77")
    assert len(mail.outbox) == 11


def test_limited_unknown_and_known_addresses_get_the_same_answer(client):
    UserFactory(email="robin@example.org")
    first = reset(client, "robin@example.org")
    for _ in range(5):
        limited = reset(client, "robin@example.org")
    unknown = reset(client, "nobody@example.org")
    assert (first.status_code, first["Location"]) == (limited.status_code, limited["Location"])
    assert (unknown.status_code, unknown["Location"]) == (first.status_code, first["Location"])
    done = client.get(first["Location"])
    assert done.status_code == 200


def test_an_invalid_address_is_a_400_that_sends_nothing(client):
    response = reset(client, "not an address")
    assert response.status_code == 400
    assert mail.outbox == []
