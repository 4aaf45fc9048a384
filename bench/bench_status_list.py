"""The status lists at 100,000 credentials: size, rebuild time and serving cost (issue 16).

Targets: a list rebuilt (queried, compressed, signed, stored) in under 2 s at 100,000
credentials; served with a validator-friendly cache header, one stored row read per request
and no rebuild; at least 131,072 entries.
"""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# A database of its own: 100,000 credentials of one shape, not the scale seed's.
os.environ.setdefault("BENCH_DB", "lms_bench_status_list")

from bench.common import median_ms, setup_django, table, timed, write_result

setup_django()

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential, CredentialType, StatusList
from certificates.services.issuance import credential_revoke
from certificates.services.status_lists import status_list_publish
from certificates.status_lists import decode_list
from lms.people.models import User

CREDENTIALS = 100_000
HOLDERS = 5_000
REVOKED_SHARE = 0.01
SUSPENDED = 50


def seed() -> None:
    """100,000 credentials over 5,000 holders and 4 types; 1% revoked, 50 suspended."""
    if Credential.objects.count() >= CREDENTIALS:
        return
    rng = random.Random(16)
    types = list(CredentialType.objects.order_by("pk")[:4])
    existing = User.objects.count()
    User.objects.bulk_create(
        [
            User(
                email=f"bench-status-{n}@example.org",
                preferred_name=f"Peer {n}",
                certificate_name=f"Peer {n}",
            )
            for n in range(existing, HOLDERS)
        ],
        batch_size=5000,
    )
    holders = list(User.objects.order_by("pk")[:HOLDERS])
    today = timezone.localdate()
    rows = []
    for n in range(CREDENTIALS - Credential.objects.count()):
        holder, credential_type = holders[n % HOLDERS], types[(n // HOLDERS) % len(types)]
        # One current credential per holder and type (the database allows no more); the rest
        # are the expired history a hub accumulates.
        current = n < HOLDERS * len(types)
        revoked = not current and rng.random() < REVOKED_SHARE * 1.3
        rows.append(
            Credential(
                holder=holder,
                credential_type=credential_type,
                status="revoked" if revoked else "active" if current else "expired",
                revoked_at=timezone.now() if revoked else None,
                source="manual",
                issued_on=today - timedelta(days=rng.randint(30, 3000)),
                holder_name=holder.certificate_name,
                title=credential_type.name,
                provider="Bench",
            )
        )
    start = time.perf_counter()
    Credential.objects.bulk_create(rows, batch_size=5000)  # draws 100,000 random indexes
    print(f"seeded {len(rows)} credentials in {time.perf_counter() - start:.1f} s")
    suspended = list(Credential.objects.filter(status="active").order_by("?")[:SUSPENDED])
    Credential.objects.filter(pk__in=[c.pk for c in suspended]).update(
        suspended_at=timezone.now(), suspended_reason="Bench"
    )


def main() -> None:
    seed()
    total = Credential.objects.count()
    revoked = Credential.objects.filter(status="revoked").count()
    suspended = Credential.objects.filter(suspended_at__isnull=False).count()
    rows = []
    for purpose in (StatusList.Purpose.REVOCATION, StatusList.Purpose.SUSPENSION):
        status_list_publish(purpose=purpose)  # warm: key, templates, connection
        samples = timed(lambda p=purpose: status_list_publish(purpose=p), repeat=7)
        stored = StatusList.objects.get(purpose=purpose)
        encoded = stored.token.split(".")[1]
        bits = decode_list(_encoded_list(stored.token))
        rows.append(
            [
                purpose,
                f"{stored.entries:,}",
                f"{stored.set_bits:,}",
                f"{len(bits):,}",
                f"{len(stored.token):,}",
                f"{len(encoded):,}",
                f"{median_ms(samples):.0f}",
                f"{max(samples) * 1000:.0f}",
                "< 2,000 ms, ≥ 131,072 entries",
            ]
        )
    rebuild = table(
        f"Rebuild at {total:,} credentials ({revoked:,} revoked, {suspended} suspended; "
        "median of 7: query the set bits, build the bitstring, GZIP, sign RS256, store)",
        [
            "list",
            "entries",
            "bits set",
            "bitstring bytes",
            "signed JWT bytes",
            "payload bytes",
            "median ms",
            "max ms",
            "target",
        ],
        rows,
    )

    # The worst case: every credential revoked (rolled back afterwards).
    with transaction.atomic():
        Credential.objects.update(status="revoked", revoked_at=timezone.now())
        worst = timed(lambda: status_list_publish(purpose=StatusList.Purpose.REVOCATION), repeat=3)
        worst_size = len(StatusList.objects.get(number=1).token)
        transaction.set_rollback(True)
    status_list_publish(purpose=StatusList.Purpose.REVOCATION)
    rebuild += (
        f"\nWorst case, all {total:,} credentials revoked: rebuild median "
        f"{median_ms(worst):.0f} ms, signed list {worst_size:,} bytes.\n"
    )

    # Revoking one credential end to end: the service, with the list republished inside it.
    victim = Credential.objects.filter(status="expired").order_by("?").first()
    start = time.perf_counter()
    credential_revoke(credential=victim, acting_user=None, reason="Bench")
    revoke_ms = (time.perf_counter() - start) * 1000

    client = Client()
    url = reverse("certificates:status_list", args=[1])
    first = client.get(url)
    etag = first["ETag"]
    counts = {}
    for label, headers in (("full", {}), ("304", {"HTTP_IF_NONE_MATCH": etag})):
        with CaptureQueriesContext(connection) as queries:
            client.get(url, **headers)
        counts[label] = len(queries.captured_queries)
    version = StatusList.objects.get(number=1).version
    # Interleaved, so background load on the machine hits both alike.
    full, not_modified = [], []
    for _ in range(1000):
        full += timed(lambda: client.get(url), repeat=1)
        not_modified += timed(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag), repeat=1)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert StatusList.objects.get(number=1).version == version, "a GET rebuilt the list"
    serving = table(
        "Serving /certificates/status/1 (Django test client, in process; 1,000 requests each)",
        ["request", "median ms", "queries per request", "headers"],
        [
            [
                "GET (200, full list)",
                f"{median_ms(full):.2f}",
                counts["full"],
                f"Cache-Control: {first['Cache-Control']}; ETag; Last-Modified",
            ],
            [
                "GET with If-None-Match (304, no body)",
                f"{median_ms(not_modified):.2f}",
                counts["304"],
                "",
            ],
        ],
    )
    text = (
        "## Status list benchmark\n\n"
        + rebuild
        + "\n"
        + f"Revoking one credential (service, list republished in its transaction): "
        f"{revoke_ms:.0f} ms.\n\n"
        + serving
        + "\nNo request rebuilt the list (its version is unchanged after 2,000 GETs). Between "
        "changes, a shared cache or CDN serves it for max-age seconds and revalidates with a "
        "304.\n"
    )
    print(text)
    print(f"written to {write_result('status-list', text)}")


def _encoded_list(token: str) -> str:
    import base64
    import json

    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims["credentialSubject"]["encodedList"]


if __name__ == "__main__":
    main()
