"""Certificate screens: public verification, who may open what, and the CE form's errors."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from certificates.expiry import add_months
from certificates.models import CERecord, Credential, format_code
from certificates.views import verification as views
from lms.core import ratelimit
from lms.people.models import AuditEntry, SupervisorAssignment
from lms.supervision.services import supervisor_assignment_end
from tests.certificates.helpers import PDF_BYTES, PNG_BYTES, ce_record, upload
from tests.factories import CredentialFactory, CredentialTypeFactory, UserFactory

pytestmark = pytest.mark.django_db

# Contains 0 and 1, whose look-alikes (O, I, L) a reader may type instead.
CODE = "01KM7Q9X2BHDW4TN"
PUBLIC_KEYS = {
    "holder_name",
    "credential",
    "issued_on",
    "expires_on",
    "status",
    "status_word",
    "revoked_on",
    "suspended_on",
}


def today():
    return timezone.localdate()


def verify_json(client, code, **extra):
    return client.get(f"/verify/{quote(code, safe='')}.json", **extra)


def verify_html(client, code, **extra):
    return client.get(f"/verify/{quote(code, safe='')}/", **extra)


@pytest.fixture
def credential(holder, two_year_type):
    return CredentialFactory(
        holder=holder,
        credential_type=two_year_type,
        code=CODE,
        issued_on=today() - timedelta(days=30),
        expires_on=today() + timedelta(days=700),
    )


# Verification: what the public sees ---------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "status", "word", "revoked_on"),
    [
        ({}, "valid", "Active", None),
        ({"status": "renewal_due", "expires_on_days": 20}, "valid", "Renewal due", None),
        # By date, before the nightly job has flagged it.
        ({"expires_on_days": 60}, "valid", "Renewal due", None),
        ({"expires_on_days": 0}, "valid", "Renewal due", None),
        # The type's 14 days of grace: still valid, in the same words as the holder's page.
        ({"expires_on_days": -1}, "valid", "In grace period", None),
        ({"expires_on_days": -14}, "valid", "In grace period", None),
        ({"expires_on_days": -15}, "expired", "Expired", None),
        ({"status": "expired", "expires_on_days": -30}, "expired", "Expired", None),
        (
            # 03:00 UTC on 1 March is still 28 February in Montana.
            {"status": "revoked", "revoked_at": datetime(2026, 3, 1, 3, 0, tzinfo=UTC)},
            "revoked",
            "Revoked",
            "2026-02-28",
        ),
        ({"status": "superseded"}, "superseded", "Superseded", None),
    ],
    ids=[
        "valid",
        "renewal due",
        "renewal due by date",
        "last day",
        "first day of grace",
        "last day of grace",
        "expired by date",
        "expired",
        "revoked",
        "superseded",
    ],
)
def test_verification_shows_exactly_the_public_fields(
    client, credential, fields, status, word, revoked_on
):
    days = fields.pop("expires_on_days", None)
    if days is not None:
        fields["expires_on"] = today() + timedelta(days=days)
    Credential.objects.filter(pk=credential.pk).update(**fields)
    credential.refresh_from_db()

    response = verify_json(client, credential.display_code)

    assert response.status_code == 200
    assert response.json() == {
        "holder_name": "Winona Redbird-Castillo",
        "credential": "CPR and First Aid (test)",
        "issued_on": credential.issued_on.isoformat(),
        "expires_on": credential.expires_on.isoformat(),
        "status": status,
        "status_word": word,
        "revoked_on": revoked_on,
        "suspended_on": None,
    }
    assert set(response.json()) == PUBLIC_KEYS
    page = verify_html(client, credential.display_code)
    assert page.status_code == 200
    assert word in page.content.decode()
    if credential.status not in ("revoked", "superseded"):
        # The holder's own page says the same word on the same day.
        client.force_login(credential.holder)
        own = client.get(f"/certificates/{credential.pk}/").content.decode()
        assert word in own
        client.logout()
    assert b"Winona Redbird-Castillo" in page.content
    assert credential.display_code.encode() in page.content
    for answer in (response, page):
        assert credential.holder.email.encode() not in answer.content
        assert b"Issued in error" not in answer.content
        assert "no-cache" in answer["Cache-Control"]


def test_the_result_page_says_the_status_in_words(client, credential):
    assert "✓ Active" in verify_html(client, CODE).content.decode()
    Credential.objects.filter(pk=credential.pk).update(expires_on=today() - timedelta(days=15))
    assert "✕ Expired" in verify_html(client, CODE).content.decode()
    Credential.objects.filter(pk=credential.pk).update(
        status="revoked", revoked_at=timezone.now(), revoked_reason="Issued in error"
    )
    content = verify_html(client, CODE).content.decode()
    assert "✕ Revoked" in content
    assert "Issued in error" not in content


def test_a_credential_that_never_expires_says_so(client, holder, hub_type):
    lifelong = CredentialFactory(holder=holder, credential_type=hub_type)
    assert verify_json(client, lifelong.code).json()["expires_on"] is None
    assert b"Does not expire" in verify_html(client, lifelong.code).content


@pytest.mark.parametrize(
    "typed",
    [
        "01KM-7Q9X-2BHD-W4TN",
        "01KM7Q9X2BHDW4TN",
        "01km-7q9x-2bhd-w4tn",
        "01km7q9x2bhdw4tn",
        "01KM 7Q9X 2BHD W4TN",
        "OIKM-7Q9X-2BHD-W4TN",
        "oLKM7Q9X2BHDW4TN",
        "0lkm-7q9x-2bhd-w4tn",
        "Oikm7q9x2bhdw4tn",
    ],
)
def test_codes_are_accepted_in_any_case_with_or_without_dashes_and_look_alikes(
    client, credential, typed
):
    assert verify_json(client, typed).json()["holder_name"] == "Winona Redbird-Castillo"
    page = verify_html(client, typed)
    assert page.status_code == 200
    assert b"01KM-7Q9X-2BHD-W4TN" in page.content


def main_of(content: bytes) -> bytes:
    return content[content.index(b"<main") : content.index(b"</main>")]


@pytest.fixture
def not_found_page(client):
    response = verify_html(client, "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    assert response.status_code == 404
    return response.content


@pytest.mark.parametrize(
    "code",
    [
        "ZZZZ-ZZZZ-ZZZZ-ZZZZ",
        "ABC",
        "01KM-7Q9X-2BHD-W4T",
        "01KM7Q9X2BHDW4TNX",
        "UUUU-UUUU-UUUU-UUUU",
        "01KM7Q9X2BHDW4T!",
        "0\u0131KM7Q9X2BHDW4TN",  # a dotless i upper-cases to I, which reads as 1
        "\uff10\uff11KM7Q9X2BHDW4TN",  # full-width 0 and 1
        "ÄÖÜ-ÄÖÜ-ÄÖÜ-ÄÖÜ",
        "01KM7Q9X2BHDW4TN\x00",
        "' OR '1'='1",
        "01KM7Q9X2BHDW4TN' OR '1'='1' --",
        "1;DROP TABLE certificates_credential;--",
        "%' --",
        "A" * 10_000,
        CODE * 625,
    ],
    ids=lambda code: repr(code[:24]),
)
def test_unknown_and_malformed_codes_are_not_found_and_look_alike(
    client, credential, not_found_page, code
):
    response = verify_json(client, code)
    assert response.status_code == 404
    assert response.json() == {"status": "not_found"}
    page = verify_html(client, code)
    assert page.status_code == 404
    assert page.content == not_found_page
    assert Credential.objects.get(pk=credential.pk).status == "active"


def test_the_code_form_sends_the_visitor_to_the_canonical_result(client, credential):
    response = client.get(reverse("certificates:verify"), {"code": " oikm 7q9x 2bhd w4tn "})
    assert response.status_code == 302
    assert response.url == "/verify/01KM-7Q9X-2BHD-W4TN/"
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("code", ["abc/def", "../../admin", "01KM/7Q9X/2BHD/W4TN", "nope"])
def test_the_code_form_answers_not_found_for_codes_that_cannot_be_right(
    client, not_found_page, code
):
    response = client.get(reverse("certificates:verify"), {"code": code}, follow=True)
    assert response.status_code == 404
    # The same page; only the navigation marks /verify/ as the current page.
    assert main_of(response.content) == main_of(not_found_page)


def test_the_code_form_without_a_code_explains(client):
    assert client.get(reverse("certificates:verify")).status_code == 200
    response = client.get(reverse("certificates:verify"), {"code": "   "})
    assert response.status_code == 400
    assert b"This field is required" in response.content


# Verification: rate limit -------------------------------------------------------------


@pytest.fixture
def frozen_rate_window(monkeypatch):
    """Keep every request in one rate-limit window, wherever the minute boundary falls."""
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_900_000_000.0))


@pytest.mark.usefixtures("frozen_rate_window")
def test_verification_answers_429_after_the_limit(client, credential):
    for number in range(views.VERIFY_LIMIT):
        response = verify_json(client, CODE if number % 2 else "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
        assert response.status_code in (200, 404), number

    limited = verify_json(client, CODE)
    assert limited.status_code == 429
    assert limited.json() == {"status": "rate_limited"}
    assert b"Winona" not in limited.content
    assert verify_html(client, CODE).status_code == 429
    assert client.get(reverse("certificates:verify")).status_code == 429
    # Another visitor is not held up by the first.
    assert verify_json(client, CODE, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_rate_limit_is_read_from_settings():
    assert getattr(settings, "VERIFY_RATE_LIMIT", 30) == views.VERIFY_LIMIT


# Verification: checking a PDF file ----------------------------------------------------


def check_pdf(client, name, content):
    return client.post(reverse("certificates:verify"), {"pdf": upload(name, content)})


def test_the_genuine_pdf_is_recognised(client, rendered):
    credential, content = rendered
    response = check_pdf(client, "certificate.pdf", content)
    assert response.status_code == 200
    assert b"unaltered certificate" in response.content
    assert "✓ Active" in response.content.decode()
    assert credential.display_code.encode() in response.content
    assert b"Winona Redbird-Castillo" in response.content


@pytest.mark.parametrize(
    "tamper",
    [
        lambda content: content + b"\n% an edited copy\n",
        lambda content: content[:500] + bytes([content[500] ^ 1]) + content[501:],
        lambda content: content[:-1],
    ],
    ids=["appended", "one byte changed", "last byte cut"],
)
def test_a_modified_copy_is_not_recognised(client, rendered, tamper):
    _, content = rendered
    modified = tamper(content)
    assert modified != content
    response = check_pdf(client, "certificate.pdf", modified)
    assert response.status_code == 200
    assert b"Not recognised." in response.content
    assert b"Genuine." not in response.content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("certificate.pdf", PNG_BYTES, b"That file is not a PDF."),
        ("certificate.pdf", b"just some text", b"That file is not a PDF."),
        ("certificate.pdf", b"", b"The submitted file is empty."),
    ],
    ids=["png", "text", "empty"],
)
def test_a_file_that_is_not_a_pdf_is_refused(client, name, content, message):
    response = check_pdf(client, name, content)
    assert response.status_code == 400
    assert message in response.content


def test_checking_without_a_file_is_refused(client):
    assert client.post(reverse("certificates:verify"), {}).status_code == 400


# Who may open what --------------------------------------------------------------------

ROLES = [
    "anonymous",
    "holder",
    "other_peer",
    "trainer",
    "supervisor",
    "other_supervisor",
    "hr",
    "administrator",
]


@pytest.fixture
def world(holder, supervisor, assign_supervisor):
    """The holder's renewal-due credential (CE met, PDF stored) and a pending CE record."""
    assign_supervisor(supervisor, holder)
    credential_type = CredentialTypeFactory(
        name="Yearly with CE (test)",
        validity_rule="months",
        validity_months=12,
        ce_hours_required=Decimal("2"),
    )
    credential = CredentialFactory(
        holder=holder,
        credential_type=credential_type,
        status="renewal_due",
        issued_on=today() - timedelta(days=340),
        expires_on=today() + timedelta(days=25),
    )
    credential.pdf.save(f"{credential.code[:2]}/{credential.code}-t.pdf", ContentFile(PDF_BYTES))
    ce_record(holder, hours=2, completed_on=today() - timedelta(days=100))
    record = ce_record(holder, hours=1, completed_on=today() - timedelta(days=5), status="pending")
    record.evidence.save(f"{holder.pk}/evidence.pdf", ContentFile(PDF_BYTES))
    return SimpleNamespace(credential=credential, record=record)


def world_state(world):
    credential = Credential.objects.get(pk=world.credential.pk)
    return (
        credential.status,
        credential.holder_name,
        Credential.objects.count(),
        CERecord.objects.get(pk=world.record.pk).status,
        AuditEntry.objects.count(),
    )


def everyone_but(allowed: dict, default: int) -> dict:
    return {role: allowed.get(role, default) for role in ROLES[1:]}


MATRIX = {
    # view: (method, url, data, expected status for each signed-in role)
    "mine": ("get", lambda w: reverse("certificates:mine"), None, everyone_but({}, 200)),
    "detail": (
        "get",
        lambda w: reverse("certificates:detail", args=[w.credential.pk]),
        None,
        everyone_but({"holder": 200, "supervisor": 200, "administrator": 200}, 403),
    ),
    "pdf": (
        "get",
        lambda w: reverse("certificates:pdf", args=[w.credential.pk]),
        None,
        everyone_but({"holder": 200, "supervisor": 200, "administrator": 200}, 403),
    ),
    "renew": (
        "post",
        lambda w: reverse("certificates:renew", args=[w.credential.pk]),
        {},
        everyone_but({"holder": 302}, 403),
    ),
    "revoke": (
        "post",
        lambda w: reverse("certificates:revoke", args=[w.credential.pk]),
        {"reason": "Issued in error", "confirm": "on"},
        everyone_but({"administrator": 302}, 403),
    ),
    "reissue": (
        "post",
        lambda w: reverse("certificates:reissue", args=[w.credential.pk]),
        {},
        everyone_but({"administrator": 302}, 403),
    ),
    "ce": ("get", lambda w: reverse("certificates:ce"), None, everyone_but({}, 200)),
    "ce_evidence": (
        "get",
        lambda w: reverse("certificates:ce_evidence", args=[w.record.pk]),
        None,
        everyone_but({"holder": 200, "supervisor": 200, "administrator": 200}, 403),
    ),
    # The CE review queue is now the supervisors' review queue (CE and external credentials).
    "review_queue": (
        "get",
        lambda w: reverse("certificates:review_queue"),
        None,
        everyone_but({"supervisor": 200, "other_supervisor": 200, "administrator": 200}, 403),
    ),
    "ce_review": (
        "post",
        lambda w: reverse("certificates:ce_review", args=[w.record.pk]),
        {"decision": "approve"},
        everyone_but({"supervisor": 302, "administrator": 302}, 403),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", list(MATRIX))
def test_permission_matrix(client, request, world, view, role):
    method, url, data, expected = MATRIX[view]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    before = world_state(world)

    response = getattr(client, method)(url(world), data)

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(f"{reverse('login')}?next=")
    else:
        assert response.status_code == expected[role]
        if response.status_code == 302:
            assert not response.url.startswith(reverse("login"))
    if response.status_code != 302 or role == "anonymous":
        assert world_state(world) == before


def test_the_holder_downloads_their_pdf_and_evidence(client, holder, world):
    client.force_login(holder)
    pdf = client.get(reverse("certificates:pdf", args=[world.credential.pk]))
    assert b"".join(pdf.streaming_content) == PDF_BYTES
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert world.credential.display_code in pdf["Content-Disposition"]
    evidence = client.get(reverse("certificates:ce_evidence", args=[world.record.pk]))
    assert b"".join(evidence.streaming_content) == PDF_BYTES
    assert evidence["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in evidence["Content-Disposition"]


def test_the_pdf_page_says_it_is_being_prepared_until_rendered(client, holder, hub_type):
    credential = CredentialFactory(holder=holder, credential_type=hub_type)
    client.force_login(holder)
    response = client.get(reverse("certificates:pdf", args=[credential.pk]))
    assert response.status_code == 202


@pytest.mark.parametrize("view", ["detail", "pdf", "renew", "revoke", "reissue"])
def test_an_id_that_does_not_exist_is_not_found(client, administrator, holder, world, view):
    method = "get" if view in ("detail", "pdf") else "post"
    url = reverse(f"certificates:{view}", args=[world.credential.pk + 1000])
    for user in (holder, administrator):
        client.force_login(user)
        response = getattr(client, method)(url, {"reason": "x", "confirm": "on"})
        assert response.status_code in (403, 404)
        if view in ("detail", "pdf", "renew") or user == administrator:
            assert response.status_code == 404


def test_a_peer_cannot_open_another_peers_records_by_id(client, other_peer, world):
    """Walking ids: every credential and evidence id of another peer is refused."""
    own = CredentialFactory(holder=other_peer)
    client.force_login(other_peer)
    assert client.get(reverse("certificates:detail", args=[own.pk])).status_code == 200
    for url in (
        reverse("certificates:detail", args=[world.credential.pk]),
        reverse("certificates:pdf", args=[world.credential.pk]),
        reverse("certificates:ce_evidence", args=[world.record.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert b"Winona" not in response.content
    mine = client.get(reverse("certificates:mine"))
    assert world.credential.display_code.encode() not in mine.content
    ledger = client.get(reverse("certificates:ce"))
    assert world.record.title.encode() not in ledger.content


def test_a_supervisor_loses_access_when_the_assignment_ends(
    client, administrator, holder, supervisor, world
):
    urls = [
        reverse("certificates:detail", args=[world.credential.pk]),
        reverse("certificates:pdf", args=[world.credential.pk]),
        reverse("certificates:ce_evidence", args=[world.record.pk]),
    ]
    client.force_login(supervisor)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]

    supervisor_assignment_end(
        assignment=SupervisorAssignment.objects.get(supervisor=supervisor, peer=holder),
        acting_user=administrator,
    )

    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    review = client.post(
        reverse("certificates:ce_review", args=[world.record.pk]), {"decision": "approve"}
    )
    assert review.status_code == 403
    assert CERecord.objects.get(pk=world.record.pk).status == "pending"


def test_the_holder_renews_only_in_the_renewal_window(client, holder, world):
    # Dates decide, not the stored flag: 91 days before expiry the 90-day window is shut.
    Credential.objects.filter(pk=world.credential.pk).update(
        status="renewal_due", expires_on=today() + timedelta(days=91)
    )
    client.force_login(holder)

    response = client.post(reverse("certificates:renew", args=[world.credential.pk]))

    assert response.status_code == 409
    assert "renewal window opens on" in response.content.decode()
    assert Credential.objects.filter(holder=holder).count() == 1


def test_the_holder_renews_when_due_and_the_ce_is_met(client, holder, world):
    client.force_login(holder)

    response = client.post(reverse("certificates:renew", args=[world.credential.pk]))

    renewed = Credential.objects.get(supersedes=world.credential)
    assert response.url == reverse("certificates:detail", args=[renewed.pk])
    assert renewed.expires_on == add_months(world.credential.expires_on, 12)


def test_renewing_without_the_ce_explains_what_is_missing(client, holder, world):
    CERecord.objects.filter(holder=holder, status="approved").update(status="rejected")
    client.force_login(holder)
    response = client.post(reverse("certificates:renew", args=[world.credential.pk]))
    assert response.status_code == 400
    assert b"The CE requirement for this cycle is not met yet." in response.content
    assert Credential.objects.filter(holder=holder).count() == 1


def test_views_that_change_things_refuse_get(client, holder, administrator, world):
    client.force_login(administrator)
    for view, args in (
        ("renew", [world.credential.pk]),
        ("revoke", [world.credential.pk]),
        ("reissue", [world.credential.pk]),
        ("ce_review", [world.record.pk]),
    ):
        assert client.get(reverse(f"certificates:{view}", args=args)).status_code == 405


def test_revoking_without_a_reason_is_refused(client, administrator, world):
    client.force_login(administrator)
    url = reverse("certificates:revoke", args=[world.credential.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert Credential.objects.get(pk=world.credential.pk).status == "renewal_due"
    assert client.post(url, {"reason": "Issued in error"}).status_code == 400  # not confirmed
    assert client.post(url, {"reason": "Issued in error", "confirm": "on"}).status_code == 302
    again = client.post(url, {"reason": "Twice", "confirm": "on"})
    assert again.status_code == 409
    assert b"already revoked" in again.content


def test_rejecting_ce_without_a_note_is_refused(client, administrator, world):
    client.force_login(administrator)
    url = reverse("certificates:ce_review", args=[world.record.pk])
    response = client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 400
    assert CERecord.objects.get(pk=world.record.pk).status == "pending"
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    assert client.post(url, {"decision": "reject", "note": "Unreadable"}).status_code == 302
    assert client.post(url, {"decision": "approve"}).status_code == 409


# The CE form --------------------------------------------------------------------------


def ce_form(**fields):
    values = {
        "title": "Mental Health First Aid refresher",
        "provider": "Billings Clinic",
        "completed_on": (today() - timedelta(days=3)).isoformat(),
        "hours": "2.5",
        "category": "",
        "evidence": upload("certificate.pdf", PDF_BYTES),
    }
    return values | fields


def test_a_peer_submits_ce_for_review(client, holder, other_peer):
    client.force_login(holder)
    response = client.post(reverse("certificates:ce"), ce_form(holder=other_peer.pk))
    assert response.status_code == 302
    record = CERecord.objects.get(title="Mental Health First Aid refresher")
    assert record.holder == holder  # a posted holder is ignored
    assert (record.status, record.hours) == ("pending", Decimal("2.5"))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hours": "1.1"}, "Hours are counted in quarter hours (e.g. 1.25, 1.5)."),
        ({"hours": "-2"}, "Hours must be more than 0 and at most 200."),
        ({"hours": "NaN"}, "Hours must be more than 0 and at most 200."),
        ({"hours": "two"}, "Hours must be a number, such as 1.5."),
        ({"completed_on": "2999-01-01"}, "The completion date can&#x27;t be in the future."),
        ({"completed_on": "31/12/2025"}, "Enter a valid date."),
        (
            {"evidence": upload("notes.pdf", b"plain text")},
            "The evidence must be a PDF, PNG or JPEG",
        ),
        ({"evidence": upload("cut.pdf", b"%PDF-1.4\n1 0 obj")}, "That PDF looks damaged"),
        ({"evidence": upload("empty.pdf", b"")}, "The submitted file is empty."),
        ({"evidence": ""}, "This field is required."),
    ],
    ids=[
        "1.1 hours",
        "negative",
        "NaN",
        "words",
        "future",
        "date format",
        "text as pdf",
        "truncated",
        "empty",
        "no file",
    ],
)
def test_bad_ce_input_is_a_400_that_explains_and_keeps_what_was_typed(
    client, holder, fields, message
):
    client.force_login(holder)
    response = client.post(reverse("certificates:ce"), ce_form(**fields))
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'value="Mental Health First Aid refresher"' in content
    assert 'value="Billings Clinic"' in content
    if "hours" in fields:
        assert f'value="{fields["hours"]}"' in content
    assert not CERecord.objects.filter(holder=holder).exists()


@pytest.mark.parametrize("role", ["trainer", "supervisor", "hr", "administrator"])
def test_only_peers_submit_ce(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.post(reverse("certificates:ce"), ce_form()).status_code == 403
    assert not CERecord.objects.exists()


def test_format_code_groups_in_fours():
    assert format_code(CODE) == "01KM-7Q9X-2BHD-W4TN"


def test_someone_without_a_role_sees_only_their_own_empty_lists(client):
    nobody = UserFactory()
    client.force_login(nobody)
    assert client.get(reverse("certificates:mine")).status_code == 200
    assert client.get(reverse("certificates:ce")).status_code == 200
    assert client.post(reverse("certificates:ce"), ce_form()).status_code == 403
