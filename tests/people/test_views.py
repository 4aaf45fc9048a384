import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_welcomes_anonymous_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Peer Training Hub" in response.content
    assert b"Sign in" in response.content


def test_sign_in_with_email_in_any_case(client, peer):
    response = client.post(
        reverse("login"), {"username": peer.email.upper(), "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get("/")
    assert f"Welcome back, {peer.preferred_name}".encode() in home.content


def test_sign_in_with_a_wrong_password_keeps_the_email_and_explains(client, peer):
    response = client.post(reverse("login"), {"username": peer.email, "password": "wrong"})
    assert response.status_code == 200
    assert b"match an account" in response.content
    assert peer.email.encode() in response.content


def test_sign_in_rotates_the_session_key(client, peer):
    client.get(reverse("login"))
    client.cookies["sessionid"] = "attacker-chosen"
    client.post(reverse("login"), {"username": peer.email, "password": TEST_PASSWORD})
    assert client.cookies["sessionid"].value != "attacker-chosen"


def test_sign_out_needs_post(client, peer):
    client.force_login(peer)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_navigation_offers_the_authoring_admin_only_to_admin_roles(client, peer, trainer):
    client.force_login(peer)
    assert b"Authoring admin" not in client.get("/").content
    client.force_login(trainer)
    assert b"Authoring admin" in client.get("/").content


def test_password_reset_sends_a_link(client, peer, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": peer.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_healthz_is_503_when_the_broker_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("peer", 302), ("trainer", 302), ("hr", 302), ("administrator", 200)],
)
def test_django_admin_is_for_superusers_only(client, request, who, status):
    if who != "anonymous":
        user = request.getfixturevalue(who)
        if who != "administrator":
            user.is_staff = True  # even a staff flag does not open it
            user.save()
        client.force_login(user)
    assert client.get("/django-admin/").status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("peer", 302), ("supervisor", 302), ("trainer", 200), ("hr", 200)],
)
def test_wagtail_admin_is_for_admin_roles(client, request, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get("/admin/").status_code == status


def test_wagtail_admin_creates_a_user_with_both_names(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("wagtailusers_users:add")).status_code == 200
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "new.peer@example.org",
            "preferred_name": "Bo",
            "certificate_name": "Robert Example",
            "phone": "",
            "password1": "a-very-long-password-1",
            "password2": "a-very-long-password-1",
        },
    )
    assert response.status_code == 302, response.content
    created = UserFactory._meta.model.objects.get(email="new.peer@example.org")
    assert (created.preferred_name, created.certificate_name) == ("Bo", "Robert Example")


def test_notifications_are_private_and_can_be_marked_read(client, peer, other_peer):
    from lms.people.services import notification_send

    notification_send(recipient=peer, message="Your CPR card expires soon.", url="/certificates/")
    notification_send(recipient=other_peer, message="Someone else's reminder.")
    assert client.get(reverse("notifications")).status_code == 302
    client.force_login(peer)
    page = client.get(reverse("notifications"))
    assert b"Your CPR card expires soon." in page.content
    assert b"Someone else" not in page.content
    assert b"Notifications (1)" in page.content
    client.post(reverse("notifications"))
    assert b"Notifications (1)" not in client.get(reverse("notifications")).content
    assert other_peer.notifications.filter(read_at__isnull=True).count() == 1


def test_help_page_is_public(client):
    response = client.get(reverse("help"))
    assert response.status_code == 200
    assert b"never a diagnosis" in response.content


def test_ping_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping")
    assert response.content == b"pong"


@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
def test_repeated_failed_sign_ins_lock_that_email_from_that_address(client, trainer, login_url):
    for _ in range(5):
        client.post(login_url, {"username": trainer.email, "password": "wrong"})
    locked = client.post(login_url, {"username": trainer.email.upper(), "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert b"paused" in locked.content
    assert "_auth_user_id" not in client.session
    # Another address is not locked out.
    other = client.post(
        login_url,
        {"username": trainer.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other.status_code == 302


def test_the_favicon_is_linked_and_favicon_ico_finds_it(client):
    from django.templatetags.static import static

    icon = static("img/favicon.svg")
    assert f'<link rel="icon" href="{icon}"' in client.get("/help/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == icon
