"""W3C Bitstring Status Lists (issue 16 item 4): real signatures checked with joserfc (not
PyJWT, which signs them), the bitstring decoded here by hand (base64url, gzip, bit order as
the spec draws it), and the lists served as stored, with validator-friendly cache headers."""

import base64
import gzip
import importlib
import json
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from joserfc import jwt as joserfc_jwt
from joserfc.jwk import KeySet

from certificates import openbadges
from certificates.models import STATUS_LIST_MIN_ENTRIES, Credential, StatusList
from certificates.services.issuance import credential_revoke
from certificates.services.status_lists import status_list_publish
from certificates.services.suspension import credential_suspend, credential_suspension_lift
from certificates.services.verification import verification_payload
from tests.factories import CredentialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_badge_key():
    openbadges.badge_signing_configuration.cache_clear()
    yield
    openbadges.badge_signing_configuration.cache_clear()


def key_set(client) -> KeySet:
    return KeySet.import_key_set(
        json.loads(client.get(reverse("certificates:openbadges_jwks")).content)
    )


def fetch_list(client, number: int) -> dict:
    """The list as a verifier gets it: signature checked independently, claims returned."""
    response = client.get(reverse("certificates:status_list", args=[number]))
    assert response.status_code == 200
    return joserfc_jwt.decode(
        response.content.decode(), key_set(client), algorithms=["RS256", "ES256"]
    ).claims


def decode_bits(encoded: str) -> bytes:
    """By hand: multibase `u` = base64url without padding, then GZIP (RFC 1952)."""
    assert encoded.startswith("u")
    body = encoded[1:]
    assert "=" not in body
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    assert raw[:2] == b"\x1f\x8b"  # the GZIP magic number
    return gzip.decompress(raw)


def bit(bits: bytes, index: int) -> int:
    """Index 0 is the left-most bit: the most significant bit of the first byte."""
    return (bits[index // 8] >> (7 - index % 8)) & 1


def set_indexes(bits: bytes) -> set[int]:
    return {index for index in range(len(bits) * 8) if bit(bits, index)}


def test_each_list_is_a_signed_bitstring_status_list_of_at_least_131072_entries(client):
    issuer = openbadges.issuer_id()
    for number, purpose in ((1, "revocation"), (2, "suspension")):
        claims = fetch_list(client, number)
        assert claims["id"].endswith(f"/certificates/status/{number}")
        assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        assert claims["iss"] == claims["issuer"] == issuer
        subject = claims["credentialSubject"]
        assert subject["type"] == "BitstringStatusList"
        assert subject["statusPurpose"] == purpose
        bits = decode_bits(subject["encodedList"])
        assert len(bits) * 8 >= STATUS_LIST_MIN_ENTRIES == 131_072
        assert set_indexes(bits) == set()
        # The ttl (ms) agrees with the HTTP cache lifetime.
        response = client.get(reverse("certificates:status_list", args=[number]))
        assert f"max-age={subject['ttl'] // 1000}" in response["Cache-Control"]
    assert client.get(reverse("certificates:status_list", args=[3])).status_code == 404


def test_a_badge_points_at_its_index_and_still_validates_against_1edtechs_schema(db):
    credential = CredentialFactory()
    document = openbadges.achievement_credential(credential)
    entry = document["credentialStatus"]
    assert entry == {
        "id": f"{openbadges._absolute('/certificates/status/1')}#{credential.status_list_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(credential.status_list_index),
        "statusListCredential": openbadges._absolute("/certificates/status/1"),
    }
    assert openbadges.schema_errors(document) == []
    # 1EdTech's schema takes one credentialStatus object, not the VC data model's array
    # (decision 0011): an array is refused, which is why the badge carries one entry.
    assert openbadges.schema_errors({**document, "credentialStatus": [entry, entry]}) != []


def test_revoking_sets_the_bit_in_the_same_transaction(client, administrator):
    credential, bystander = CredentialFactory(), CredentialFactory()
    status_list_publish(purpose=StatusList.Purpose.REVOCATION)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        credential_revoke(credential=credential, acting_user=administrator, reason="Test")
        # Before the commit, the stored list already has the bit: one transaction.
        claims = fetch_list(client, 1)
        assert set_indexes(decode_bits(claims["credentialSubject"]["encodedList"])) == {
            credential.status_list_index
        }
        raise Undo
    # Rolled back together: neither the revocation nor the bit happened.
    credential.refresh_from_db()
    assert credential.status == "active"
    assert (
        set_indexes(decode_bits(fetch_list(client, 1)["credentialSubject"]["encodedList"])) == set()
    )

    credential_revoke(credential=credential, acting_user=administrator, reason="Test")
    bits = decode_bits(fetch_list(client, 1)["credentialSubject"]["encodedList"])
    assert bit(bits, credential.status_list_index) == 1
    assert bit(bits, bystander.status_list_index) == 0
    assert set_indexes(bits) == {credential.status_list_index}


def test_a_suspended_credential_is_suspended_everywhere_then_valid_again(client, administrator):
    credential = CredentialFactory(expires_on=timezone.localdate() + timedelta(days=400))
    today = timezone.localdate()

    credential_suspend(credential=credential, acting_user=administrator, reason="Under review")
    credential.refresh_from_db()
    bits = decode_bits(fetch_list(client, 2)["credentialSubject"]["encodedList"])
    assert set_indexes(bits) == {credential.status_list_index}
    assert (
        set_indexes(decode_bits(fetch_list(client, 1)["credentialSubject"]["encodedList"])) == set()
    )
    # One word on every surface: the model, the public JSON and page.
    assert credential.status_on(today) == "suspended"
    payload = verification_payload(credential)
    assert (payload["status"], payload["status_word"]) == ("suspended", "Suspended")
    assert payload["suspended_on"] == today.isoformat()
    code_json = client.get(reverse("certificates:verify_code_json", args=[credential.display_code]))
    assert code_json.json()["status"] == "suspended"
    assert (
        "Suspended"
        in client.get(
            reverse("certificates:verify_code", args=[credential.display_code])
        ).content.decode()
    )

    credential_suspension_lift(credential=credential, acting_user=administrator)
    credential.refresh_from_db()
    assert (
        set_indexes(decode_bits(fetch_list(client, 2)["credentialSubject"]["encodedList"])) == set()
    )
    assert credential.status_on(today) == "active"
    assert verification_payload(credential)["status"] == "valid"


def test_indexes_are_unique_random_and_spread_over_the_list(db):
    credentials = CredentialFactory.create_batch(150)
    indexes = [credential.status_list_index for credential in credentials]
    assert len(set(indexes)) == len(indexes)
    assert all(0 <= index < STATUS_LIST_MIN_ENTRIES for index in indexes)
    # Not in issue order, and spread over the whole list (a sequence would sit at the start).
    assert indexes != sorted(indexes)
    assert max(indexes) > STATUS_LIST_MIN_ENTRIES // 2
    assert min(indexes) < STATUS_LIST_MIN_ENTRIES // 2
    # Bulk creation (the benchmarks, the scale seed) draws distinct free indexes too.
    more = Credential.objects.bulk_create(
        [
            CredentialFactory.build(
                holder=c.holder, credential_type=c.credential_type, status="expired"
            )
            for c in credentials[:50]
        ]
    )
    every = list(Credential.objects.values_list("status_list_index", flat=True))
    assert len(every) == len(set(every)) == 200
    assert all(credential.status_list_index is not None for credential in more)


def test_the_migration_backfills_distinct_random_indexes(db):
    CredentialFactory.create_batch(40)
    # Move the indexes out of the way, as if the column were new, then run the backfill.
    for offset, credential in enumerate(Credential.objects.all()):
        Credential.objects.filter(pk=credential.pk).update(status_list_index=10_000_000 + offset)
    migration = importlib.import_module("certificates.migrations.0006_status_list")
    migration.backfill_status_list_indexes(django_apps, None)
    indexes = list(Credential.objects.order_by("pk").values_list("status_list_index", flat=True))
    assert len(set(indexes)) == 40
    assert all(0 <= index < STATUS_LIST_MIN_ENTRIES for index in indexes)
    assert indexes != sorted(indexes)


def test_the_list_grows_when_indexes_outgrow_it_and_existing_bits_stay(client, administrator):
    revoked = CredentialFactory()
    credential_revoke(credential=revoked, acting_user=administrator, reason="Test")
    far = CredentialFactory()
    Credential.objects.filter(pk=far.pk).update(status_list_index=STATUS_LIST_MIN_ENTRIES + 5)
    status_list_publish(purpose=StatusList.Purpose.REVOCATION)
    bits = decode_bits(fetch_list(client, 1)["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == 2 * STATUS_LIST_MIN_ENTRIES
    assert set_indexes(bits) == {revoked.status_list_index}


# Serving ----------------------------------------------------------------------------------


def test_cache_headers_and_304_on_if_none_match(client, administrator):
    url = reverse("certificates:status_list", args=[1])
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/jwt"
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert first["Access-Control-Allow-Origin"] == "*"

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.head(url).status_code == 200

    credential_revoke(credential=CredentialFactory(), acting_user=administrator, reason="Test")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_serving_reads_the_stored_list_and_never_rebuilds(client, django_assert_max_num_queries):
    CredentialFactory.create_batch(5)
    url = reverse("certificates:status_list", args=[1])
    client.get(url)
    version = StatusList.objects.get(number=1).version
    with django_assert_max_num_queries(1):  # one primary-key read of the stored list
        assert client.get(url).status_code == 200
    for _ in range(50):
        client.get(url)
    assert StatusList.objects.get(number=1).version == version


def test_the_command_republishes_both_lists(administrator):
    from io import StringIO

    from django.core.management import call_command

    credential_revoke(credential=CredentialFactory(), acting_user=administrator, reason="Test")
    out = StringIO()
    call_command("status_lists_publish", stdout=out)
    assert "Status list 1 (revocation)" in out.getvalue() and "1 set" in out.getvalue()
    assert "Status list 2 (suspension)" in out.getvalue()
    assert StatusList.objects.get(number=1).version >= 2
