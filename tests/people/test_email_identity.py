# ruff: noqa: RUF001 - look-alike letters are what these tests are about
"""One spelling of an email address (NFKC + case-fold, lms.people.emails) at sign-up, sign-in, the
lockout, password reset and every lookup. Look-alike spellings can't dodge the lockout, can't
reach an account through PostgreSQL's UPPER(), and can't be a second account's address."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from lms.people.emails import normalise_email, validate_account_email
from lms.people.models import User
from lms.people.roles import Role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URLS = ["/accounts/login/", "/admin/login/"]
# Spellings PostgreSQL's UPPER() (iexact) folds onto "supervisor": dotless i, long s.
UPPER_FOLDS = ["supervıſor@example.org", "ſupervıſor@example.org", "supervıſor@EXAMPLE.ORG"]
# Spellings that normalise (NFKC + case-fold) to the very address.
SAME_ADDRESS = [
    "SUPERVISOR@example.org",
    " supervisor@example.org ",
    "ſupervisor@example.org",  # long s: NFKC gives s
    "ｓｕｐｅｒｖｉｓｏｒ@example.org",  # full-width
    "supervisor@ｅｘａｍｐｌｅ.ｏｒｇ",
    "SUPERVISOR＠EXAMPLE.ORG",  # full-width @
]


@pytest.fixture
def account(db):
    return UserFactory(email="supervisor@example.org", roles=[Role.SUPERVISOR])


def sign_in(client, url, email, password=TEST_PASSWORD, **extra):
    return client.post(url, {"username": email, "password": password}, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("spelling", UPPER_FOLDS)
def test_an_upper_folding_spelling_never_signs_in(client, account, spelling):
    assert User.objects.by_email(spelling).first() is None
    backend = ModelBackend()
    assert backend.authenticate(None, username=spelling, password=TEST_PASSWORD) is None
    for url in LOGIN_URLS:
        sign_in(client, url, spelling)
        assert not signed_in(client)


@pytest.mark.parametrize("url", LOGIN_URLS)
@pytest.mark.parametrize("spelling", UPPER_FOLDS + SAME_ADDRESS)
def test_once_locked_no_spelling_signs_in(client, account, url, spelling):
    for _ in range(5):
        sign_in(client, url, "supervisor@example.org", password="wrong")
    response = sign_in(client, url, spelling)
    assert not signed_in(client)
    if spelling in SAME_ADDRESS:
        assert response.status_code == 429  # the account's own lockout page


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_spellings_share_one_count_of_five(client, account, url):
    for spelling in SAME_ADDRESS[:5]:
        sign_in(client, url, spelling, password="wrong")
    locked = sign_in(client, url, "supervisor@example.org")
    assert locked.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("spelling", SAME_ADDRESS)
def test_every_spelling_of_the_address_signs_in_to_the_one_account(client, account, spelling):
    response = sign_in(client, "/accounts/login/", spelling)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_the_lockout_is_keyed_on_the_account():
    from django.test import RequestFactory

    from lms.people.ratelimit import axes_username

    account = UserFactory(email="robin@example.org")
    request = RequestFactory().post("/accounts/login/")
    keys = {
        axes_username(request, {"username": spelling})
        for spelling in ["robin@example.org", "ROBIN@example.org", "ｒｏｂｉｎ@example.org"]
    }
    assert keys == {f"account:{account.pk}"}
    assert axes_username(request, {"username": "nobody@example.org"}) == "nobody@example.org"


# Which addresses may exist ----------------------------------------------------------------


def test_normalisation_is_nfkc_and_case_fold():
    assert normalise_email(" ＳＵＰＥＲＶＩＳＯＲ＠Example.ORG ") == "supervisor@example.org"
    assert normalise_email("ſupervisor@example.org") == "supervisor@example.org"
    assert normalise_email("STRASSE@example.org") == normalise_email("straße@example.org")
    assert normalise_email("supervıſor@example.org") == "supervısor@example.org"  # dotless i


@pytest.mark.parametrize(
    "email",
    ["supervıſor@example.org", "robin@bücher.example", "rö@example.org", "a b@example.org"],
)
def test_an_address_not_ascii_once_normalised_cannot_be_an_accounts(email):
    with pytest.raises(ValidationError):
        validate_account_email(email)
    with pytest.raises(ValidationError):
        User.objects.create_user(email=email, password=TEST_PASSWORD)
    user = User(email=email, preferred_name="X", certificate_name="X Example")
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    assert "email" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email=email)  # the database holds to it too


def test_new_accounts_store_the_normalised_address_and_refuse_a_second_spelling(account):
    created = User.objects.create_user(email="ＲＯＢＩＮ@Example.org", password=TEST_PASSWORD)
    assert created.email == "robin@example.org"
    with pytest.raises((ValidationError, IntegrityError)), transaction.atomic():
        User.objects.create_user(email="ſupervisor@example.org", password=TEST_PASSWORD)


def test_the_wagtail_user_form_refuses_a_look_alike_address(client, administrator, account):
    client.force_login(administrator)
    form = {
        "email": "ſupervisor@example.org",
        "preferred_name": "Twin",
        "certificate_name": "Twin Example",
        "password1": "a-long-new-password-77",
        "password2": "a-long-new-password-77",
    }
    response = client.post(reverse("wagtailusers_users:add"), form)
    assert response.status_code in (200, 400)
    assert User.objects.filter(preferred_name="Twin").count() == 0
    response = client.post(reverse("wagtailusers_users:add"), form | {"email": "tẃin@example.org"})
    assert User.objects.filter(preferred_name="Twin").count() == 0
    response = client.post(
        reverse("wagtailusers_users:add"), form | {"email": "ＴＷＩＮ@example.org"}
    )
    assert User.objects.get(preferred_name="Twin").email == "twin@example.org"


# Password reset and other lookups ---------------------------------------------------------


@pytest.mark.parametrize("spelling", UPPER_FOLDS)
def test_password_reset_for_an_upper_folding_spelling_sends_nothing(client, account, spelling):
    response = client.post(reverse("password_reset"), {"email": spelling})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_for_another_spelling_goes_to_the_stored_address(client, account):
    response = client.post(reverse("password_reset"), {"email": "ＳＵＰＥＲＶＩＳＯＲ@example.org"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["supervisor@example.org"]]


def test_enrolling_and_two_factor_reset_find_accounts_by_the_one_spelling(client, trainer, account):
    from tests.factories import make_course

    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    client.force_login(trainer)
    url = reverse("courses:enrol_learner", args=[course.pk])
    assert client.post(url, {"email": "supervıſor@example.org"}).status_code == 400
    assert client.post(url, {"email": "ＳＵＰＥＲＶＩＳＯＲ@example.org"}).status_code == 302

    with pytest.raises(Exception, match="No account"):
        call_command("two_factor_reset", "supervıſor@example.org")
    call_command("two_factor_reset", "ＳＵＰＥＲＶＩＳＯＲ@example.org")


def test_the_migration_normalises_stored_addresses_and_stops_on_a_clash():
    from django.apps import apps

    migration = __import__(
        "lms.people.migrations.0006_email_normalised", fromlist=["normalise_emails"]
    )
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE lms_user DROP CONSTRAINT user_email_normalised_ascii")
    robin = UserFactory()
    User.objects.filter(pk=robin.pk).update(email="ＲＯＢＩＮ@Example.org")
    migration.normalise_emails(apps, None)
    robin.refresh_from_db()
    assert robin.email == "robin@example.org"

    twin = UserFactory()
    User.objects.filter(pk=twin.pk).update(email="ｒｏｂｉｎ@example.org")
    with pytest.raises(RuntimeError, match=f"#{twin.pk}"):
        migration.normalise_emails(apps, None)
