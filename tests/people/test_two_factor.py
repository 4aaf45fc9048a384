"""Two-factor sign-in for admin-capable roles, through the real steps (Django's plain Client)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.people.models import AuditEntry
from lms.people.roles import Role
from tests.factories import UserFactory, authenticator_code, confirmed_authenticator

PASSWORD = "correct horse battery staple"
SETUP, VERIFY = "/accounts/two-factor/setup/", "/accounts/two-factor/"


def signed_in_with_password(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def person(*roles, **extra):
    return UserFactory(roles=list(roles), password=PASSWORD, **extra)


ADMIN_ROLES = [Role.TRAINER, Role.LEAD_TRAINER, Role.HR, Role.ADMINISTRATOR]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ADMIN_ROLES)
@pytest.mark.parametrize("path", ["/admin/", "/", "/hr/", "/learn/", "/audit/"])
def test_admin_roles_reach_nothing_until_they_set_up_two_factor(role, path):
    client = signed_in_with_password(person(role))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next={path.replace('/', '%2F')}"


@pytest.mark.django_db
def test_a_staff_account_without_a_role_needs_it_too():
    client = signed_in_with_password(person(is_staff=True))
    assert client.get("/django-admin/")["Location"].startswith(SETUP)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PEER, Role.SUPERVISOR])
def test_peers_and_supervisors_are_not_asked(role):
    client = signed_in_with_password(person(role))
    assert client.get("/").status_code == 200
    assert client.get(SETUP).status_code == 200  # they may still open it, nothing forces it


@pytest.mark.django_db
def test_setting_up_shows_a_qr_code_and_key_then_recovery_codes_once():
    trainer = person(Role.TRAINER)
    client = signed_in_with_password(trainer)
    page = client.get(f"{SETUP}?next=/admin/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "setup-key" in html
    device = TOTPDevice.objects.get(user=trainer, confirmed=False)
    # Reloading keeps the same secret (the person may already have scanned it).
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=trainer).count() == 1

    response = client.post(SETUP, {"code": authenticator_code(device), "next": "/admin/"})

    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=trainer).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="two_factor.enable", subject=trainer).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["000000", "12345", "abcdef", "", "9" * 40])
def test_a_wrong_set_up_code_is_a_400_and_turns_nothing_on(code):
    trainer = person(Role.TRAINER)
    client = signed_in_with_password(trainer)
    client.get(SETUP)
    response = client.post(SETUP, {"code": code})
    assert response.status_code == 400
    assert "field--error" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=trainer, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=trainer).exists()
    assert client.get("/admin/")["Location"].startswith(SETUP)


@pytest.mark.django_db
def test_signing_in_again_asks_for_a_code_and_rotates_the_session():
    hr = person(Role.HR)
    device = confirmed_authenticator(hr)
    client = signed_in_with_password(hr)
    assert client.get("/hr/")["Location"] == f"{VERIFY}?next=%2Fhr%2F"
    before = client.cookies["sessionid"].value

    response = client.post(VERIFY, {"code": authenticator_code(device), "next": "/hr/"})

    assert response.status_code == 302 and response["Location"] == "/hr/"
    assert client.cookies["sessionid"].value != before
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/hr/").status_code == 200


@pytest.mark.django_db
def test_a_code_works_once():
    hr = person(Role.HR)
    device = confirmed_authenticator(hr)
    code = authenticator_code(device)
    first, second = signed_in_with_password(hr), signed_in_with_password(hr)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    replay = second.post(VERIFY, {"code": code})
    assert replay.status_code == 400
    assert "That code didn&#x27;t work" in replay.content.decode()


@pytest.mark.django_db
def test_wrong_codes_are_throttled():
    hr = person(Role.HR)
    device = confirmed_authenticator(hr)
    client = signed_in_with_password(hr)
    client.post(VERIFY, {"code": "000000"})
    # Even the right code is refused while the wait after a wrong one lasts.
    response = client.post(VERIFY, {"code": authenticator_code(device)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/hr/").status_code == 302


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once_and_says_how_many_are_left():
    trainer = person(Role.TRAINER)
    client = signed_in_with_password(trainer)
    client.get(SETUP)
    page = client.post(SETUP, {"code": authenticator_code(TOTPDevice.objects.get(user=trainer))})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())
    client.post("/accounts/logout/")

    again = signed_in_with_password(trainer)
    response = again.post(VERIFY, {"code": f"  {codes[0].upper()} "}, follow=True)
    assert response.status_code == 200
    assert "9 left" in response.content.decode()
    assert again.get("/admin/").status_code == 200

    reuse = signed_in_with_password(trainer)
    assert reuse.post(VERIFY, {"code": codes[0]}).status_code == 400


@pytest.mark.django_db
def test_new_recovery_codes_cancel_the_old_ones(client):
    trainer = person(Role.TRAINER)
    client.force_login(trainer)
    old = StaticToken.objects.filter(device__user=trainer).count()
    assert old == 0
    page = client.get(reverse("two_factor_recovery_codes"))
    assert page.status_code == 200
    first = client.post(reverse("two_factor_recovery_codes"))
    second = client.post(reverse("two_factor_recovery_codes"))
    first_codes = re.findall(r"<li><code>(\w+)</code></li>", first.content.decode())
    second_codes = re.findall(r"<li><code>(\w+)</code></li>", second.content.decode())
    assert len(second_codes) == 10
    remaining = set(
        StaticToken.objects.filter(device__user=trainer).values_list("token", flat=True)
    )
    assert remaining == set(second_codes) and not remaining & set(first_codes)


@pytest.mark.django_db
def test_recovery_codes_page_needs_a_verified_session():
    trainer = person(Role.TRAINER)
    confirmed_authenticator(trainer)
    client = signed_in_with_password(trainer)
    assert client.get(reverse("two_factor_recovery_codes")).status_code == 302  # to verify
    peer = signed_in_with_password(person(Role.PEER))
    assert peer.get(reverse("two_factor_recovery_codes")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_next_never_leaves_the_site(target):
    hr = person(Role.HR)
    device = confirmed_authenticator(hr)
    client = signed_in_with_password(hr)
    response = client.post(VERIFY, {"code": authenticator_code(device), "next": target})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_wagtail_admin_sign_in_leads_to_the_code_too():
    lead = person(Role.LEAD_TRAINER, Role.TRAINER)
    confirmed_authenticator(lead)
    client = Client()
    response = client.post(
        "/admin/login/", {"username": lead.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_unverified_sessions_may_still_sign_out():
    client = signed_in_with_password(person(Role.HR))
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_administrator_resets_a_lost_phone():
    hr = person(Role.HR)
    confirmed_authenticator(hr)
    call_command("two_factor_reset", hr.email.upper())
    assert not TOTPDevice.objects.filter(user=hr).exists()
    assert AuditEntry.objects.filter(action="two_factor.reset", subject=hr).exists()
    client = signed_in_with_password(hr)
    assert client.get("/admin/")["Location"].startswith(SETUP)


@pytest.mark.django_db
@pytest.mark.parametrize("path", [SETUP, VERIFY, "/accounts/two-factor/recovery-codes/"])
def test_anonymous_visitors_are_sent_to_sign_in(path):
    for response in (Client().get(path), Client().post(path, {"code": "123456"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not TOTPDevice.objects.exists()


@pytest.mark.django_db
def test_a_supervisor_cannot_open_someone_elses_recovery_codes_or_make_new_ones():
    trainer = person(Role.TRAINER)
    confirmed_authenticator(trainer)
    supervisor = signed_in_with_password(person(Role.SUPERVISOR))
    page = supervisor.post("/accounts/two-factor/recovery-codes/")
    assert page.status_code == 403
    assert not StaticToken.objects.exists()
