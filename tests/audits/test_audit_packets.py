"""Audit packets (issue 17 item 4): the zip checked against its manifest and the manifest's
signature, nothing of anyone else inside, only the period's records, who may ask, the failure
path and the audit trail."""

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import jwt
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import CredentialType
from certificates.openbadges import published_jwks
from lms.audits import packets, services
from lms.audits.models import AuditPacket
from lms.audits.packets import audit_packet_build, folder_of
from lms.audits.services import audit_packet_request, audit_sample_request, sample_draw
from lms.audits.tasks import audit_packet_build_task
from lms.core.errors import DomainError, NotAllowed
from lms.people.models import AuditEntry
from lms.people.roles import Role
from tests.audits.helpers import (
    ce_record,
    checked_manifest,
    claim,
    hub_course_credential,
    supervision,
    unpack,
)
from tests.factories import CredentialFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(holder, other_peer, supervisor, assign_supervisor, hub_type, two_year_type, trainer):
    today = timezone.localdate()
    start, end = today - timedelta(days=365 * 2), today
    before = start - timedelta(days=30)
    assign_supervisor(supervisor, holder)
    credential, course = hub_course_credential(
        holder,
        credential_type=hub_type,
        day=today - timedelta(days=100),
        presenter="Dr. Rae Presenter",
        trainer=trainer,
    )
    old_credential = CredentialFactory(
        holder=holder, credential_type=hub_type, issued_on=before, status="superseded"
    )
    in_period = ce_record(holder, day=today - timedelta(days=50), title="Mine", marker="MINE-IN")
    out_of_period = ce_record(holder, day=before, title="Old", marker="MINE-OLD")
    pending = ce_record(
        holder, day=today - timedelta(days=20), title="Pending", status="pending", marker="PEND"
    )
    card = claim(
        holder, credential_type=two_year_type, day=today - timedelta(days=40), marker="CARD"
    )
    supervision(supervisor, holder, day=today - timedelta(days=10), summary="In the period.")
    supervision(supervisor, holder, day=before, summary="Before the period.")
    # Someone else, with records of every kind in the same period.
    other_credential = CredentialFactory(
        holder=other_peer, credential_type=hub_type, issued_on=today - timedelta(days=5)
    )
    other_record = ce_record(
        other_peer, day=today - timedelta(days=7), title="Theirs", marker="OTHER-PERSON"
    )
    claim(other_peer, credential_type=two_year_type, day=today - timedelta(days=7), marker="OTHC")
    other_supervisor = UserFactory(roles=[Role.SUPERVISOR])
    supervision(other_supervisor, other_peer, day=today - timedelta(days=3), summary="Not yours.")
    return {
        "today": today,
        "start": start,
        "end": end,
        "credential": credential,
        "course": course,
        "old_credential": old_credential,
        "in_period": in_period,
        "out_of_period": out_of_period,
        "pending": pending,
        "card": card,
        "other_credential": other_credential,
        "other_record": other_record,
    }


def build_for(person, world, *, by):
    packet = audit_packet_request(
        person=person, period_start=world["start"], period_end=world["end"], acting_user=by
    )
    audit_packet_build_task(packet.pk)  # the task function itself, as a worker runs it
    packet.refresh_from_db()
    return packet


def test_the_packet_checks_against_its_signed_manifest_and_holds_only_the_persons_period(
    world, holder, other_peer
):
    packet = build_for(holder, world, by=holder)
    assert packet.status == "ready" and packet.signed
    assert packet.progress_done == packet.progress_total > 0
    files = unpack(packet)
    manifest = checked_manifest(files)
    folder = folder_of(holder)
    assert folder.endswith(f"-{holder.pk}")
    assert [person["id"] for person in manifest["people"]] == [holder.pk]
    assert manifest["period"] == {
        "start": world["start"].isoformat(),
        "end": world["end"].isoformat(),
    }
    assert manifest["requested_by"]["id"] == holder.pk
    assert manifest["missing"] == []

    # Nothing of anyone else: every path in the person's folder or at the top, no byte of
    # their evidence, no mention of them in the supervision log.
    top = {"manifest.json", "manifest.json.jws", "README.txt"}
    assert all(name.startswith(folder + "/") or name in top for name in files)
    everything = b"".join(files.values())
    for secret in (b"OTHER-PERSON", b"OTHC", b"Not yours.", other_peer.certificate_name.encode()):
        assert secret not in everything
    assert world["other_credential"].code not in " ".join(files)

    names = set(files)
    certificates = [n for n in names if n.startswith(f"{folder}/ce-certificates/")]
    # The hub credential of the period, rendered there and then; not the one before it.
    assert certificates == [
        f"{folder}/ce-certificates/{world['credential'].issued_on}-{world['credential'].code}.pdf"
    ]
    assert files[certificates[0]].startswith(b"%PDF")
    evidence = sorted(n for n in names if n.startswith(f"{folder}/ce-evidence/"))
    assert evidence == sorted(
        [
            f"{folder}/ce-evidence/{world['in_period'].completed_on}-ce-{world['in_period'].pk}.pdf",
            f"{folder}/ce-evidence/{world['card'].issued_on}-credential-{world['card'].pk}.pdf",
        ]
    )  # approved and verified only: not the pending record, not the one before the period
    assert b"MINE-OLD" not in everything and b"PEND" not in everything

    agenda = files[f"{folder}/courses/{world['course'].code}-agenda.html"].decode()
    for detail in (
        "Dr. Rae Presenter, PhD, LAC",
        "approval no. MT-CE-1234",
        "Name three boundaries of peer work",
        "Billings community room",
        "Lesson 1.2",
    ):
        assert detail in agenda

    log = list(csv.reader(io.StringIO(files[f"{folder}/supervision-log.csv"].decode())))
    assert log[0][0] == "date" and len([row for row in log[1:] if row and row[0][:2] == "20"]) == 1
    assert "In the period." in files[f"{folder}/supervision-log.csv"].decode()
    assert b"Before the period." not in everything

    summary = PdfReader(io.BytesIO(files[f"{folder}/summary.pdf"]))
    text = " ".join(page.extract_text() for page in summary.pages)
    assert holder.certificate_name in text
    assert "Continuing education by cycle" in text and "Supervision" in text
    assert "README" not in files["README.txt"].decode()[:0]  # plain text, present
    assert "sha256sum" in files["README.txt"].decode()


def test_a_changed_manifest_fails_its_signature(world, holder):
    files = unpack(build_for(holder, world, by=holder))
    token = files["manifest.json.jws"].decode().strip()
    key = next(
        k for k in published_jwks()["keys"] if k["kid"] == jwt.get_unverified_header(token)["kid"]
    )
    changed = json.loads(files["manifest.json"])
    changed["people"][0]["name"] = "Someone Else"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.api_jws.decode_complete(
            token,
            jwt.PyJWK(key).key,
            algorithms=[key["alg"]],
            detached_payload=json.dumps(changed).encode(),
        )


def test_without_a_signing_key_the_packet_says_it_is_unsigned(world, holder, monkeypatch):
    monkeypatch.setattr(packets, "signing_key", lambda: None)
    packet = build_for(holder, world, by=holder)
    files = unpack(packet)
    assert "manifest.json.jws" not in files and not packet.signed
    assert json.loads(files["manifest.json"])["signature"] is None
    assert "not signed" in files["README.txt"].decode()


def test_a_failure_marks_the_packet_failed_and_keeps_no_zip(world, holder, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(packets, "summary_pdf", broken)
    packet = build_for(holder, world, by=holder)
    assert packet.status == "failed" and not packet.zip
    assert "nothing was kept" in packet.message
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "audit-packets"
    assert not any(folder.glob(f"audit-packet-{packet.pk}*"))
    entry = AuditEntry.objects.get(action="audit_packet.failed", target_id=str(packet.pk))
    assert entry.detail == {"error": "RuntimeError"}
    # Asked again, it builds (the task is safe to run twice, and a ready packet stays as is).
    monkeypatch.undo()
    audit_packet_build(packet_id=packet.pk)
    packet.refresh_from_db()
    assert packet.status == "ready"
    first = packet.zip_sha256
    audit_packet_build(packet_id=packet.pk)
    packet.refresh_from_db()
    assert packet.zip_sha256 == first


def test_requests_builds_and_downloads_are_audited(client, world, holder, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("audits:request"),
        {
            "kind": "person",
            "person": holder.pk,
            "period_start": world["start"],
            "period_end": world["end"],
        },
    )
    packet = AuditPacket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("audits:packet", args=[packet.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page
    assert client.get(reverse("audits:download", args=[packet.pk])).status_code == 404
    audit_packet_build_task(packet.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page and "Download the packet" in page
    download = client.get(reverse("audits:download", args=[packet.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith("attachment")
    actions = list(
        AuditEntry.objects.filter(target_id=str(packet.pk), target_type="audits.AuditPacket")
        .order_by("pk")
        .values_list("action", "actor_id", "subject_id")
    )
    assert actions == [
        ("audit_packet.requested", supervisor.pk, holder.pk),
        ("audit_packet.built", supervisor.pk, holder.pk),
        ("audit_packet.downloaded", supervisor.pk, holder.pk),
    ]


def _ask(client, who, world, **extra):
    return client.post(
        reverse("audits:request"),
        {
            "kind": "person",
            "person": who.pk,
            "period_start": world["start"],
            "period_end": world["end"],
            **extra,
        },
    )


def test_who_may_ask_for_a_persons_packet(
    client,
    world,
    holder,
    other_peer,
    supervisor,
    other_supervisor,
    hr,
    administrator,
    assign_supervisor,
):
    ex_supervisor = UserFactory(roles=[Role.SUPERVISOR])
    assign_supervisor(ex_supervisor, holder, starts_days_ago=400, ends_days_ago=10)
    expected = {
        holder: 302,
        supervisor: 302,
        administrator: 302,
        other_peer: 403,
        other_supervisor: 403,
        ex_supervisor: 403,
        hr: 403,
    }
    got = {}
    for user in expected:
        client.force_login(user)
        got[user] = _ask(client, holder, world).status_code
        client.logout()
    assert got == expected
    assert _ask(client, holder, world).status_code == 302  # anonymous: to sign in
    assert AuditPacket.objects.count() == 3
    with pytest.raises(NotAllowed):
        audit_packet_request(
            person=holder, period_start=world["start"], period_end=world["end"], acting_user=hr
        )


def test_only_the_requester_sees_the_packet_and_an_ex_supervisor_loses_it(
    client, world, holder, supervisor, administrator
):
    packet = build_for(holder, world, by=supervisor)
    for user in (holder, administrator):
        client.force_login(user)
        assert client.get(reverse("audits:packet", args=[packet.pk])).status_code == 403
        assert client.get(reverse("audits:download", args=[packet.pk])).status_code == 403
    client.force_login(supervisor)
    assert client.get(reverse("audits:download", args=[packet.pk])).status_code == 200
    assignment = holder.supervisors_assigned.get(supervisor=supervisor)
    assignment.ends_on = timezone.localdate() - timedelta(days=1)
    assignment.save()
    assert client.get(reverse("audits:download", args=[packet.pk])).status_code == 403


def test_the_page_offers_a_supervisor_their_supervisees_and_a_peer_only_themselves(
    client, world, holder, supervisor, other_peer
):
    client.force_login(supervisor)
    page = client.get(reverse("audits:request") + f"?person={holder.pk}").content.decode()
    assert f'<option value="{holder.pk}" selected>' in page
    assert str(other_peer.pk) not in page.split('name="person"')[1].split("</select>")[0]
    client.force_login(holder)
    page = client.get(reverse("audits:request")).content.decode()
    assert f'type="hidden" name="person" value="{holder.pk}"' in page
    assert "random sample" not in page
    assert client.get(reverse("audits:request") + f"?person={other_peer.pk}").status_code == 403


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"period_end": "2020-01-01", "period_start": "2021-01-01"}, "ends before it starts"),
        ({"period_start": "2010-01-01", "period_end": "2020-01-01"}, "at most 7 years"),
        ({"period_start": "not a date"}, "Enter a valid date"),
        ({"person": "abc"}, "Select a valid choice"),
        ({"person": "9" * 30}, "Select a valid choice"),
        ({"kind": "sample", "size": "0"}, "greater than or equal to 1"),
    ],
)
def test_bad_input_is_a_400_with_a_clear_message(client, world, administrator, change, message):
    client.force_login(administrator)
    response = _ask(client, administrator, world, **change)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AuditPacket.objects.exists()


def test_a_period_is_checked_by_the_service_too(world, holder):
    with pytest.raises(DomainError, match="ends before"):
        audit_packet_request(
            person=holder,
            period_start=date(2026, 2, 1),
            period_end=date(2026, 1, 1),
            acting_user=holder,
        )


def test_a_random_sample_is_for_administrators_reproducible_and_holds_only_the_drawn(
    client, world, holder, other_peer, supervisor, administrator, hub_type
):
    holders = [UserFactory(roles=[Role.PEER]) for _ in range(4)]
    for person in holders:
        CredentialFactory(holder=person, credential_type=hub_type)
    ask = {
        "kind": "sample",
        "credential_type": hub_type.pk,
        "size": 3,
        "period_start": world["start"],
        "period_end": world["end"],
    }
    client.force_login(supervisor)
    assert client.post(reverse("audits:request"), ask).status_code == 403
    client.force_login(holder)
    assert client.post(reverse("audits:request"), ask).status_code == 403
    with pytest.raises(NotAllowed):
        audit_sample_request(
            credential_type=hub_type,
            size=2,
            period_start=world["start"],
            period_end=world["end"],
            acting_user=supervisor,
        )
    client.force_login(administrator)
    assert client.get(reverse("audits:request")).content.decode().count("random sample") >= 1
    response = client.post(reverse("audits:request"), ask)
    assert response.status_code == 302
    packet = AuditPacket.objects.get()
    candidates = sorted(
        {holder.pk, other_peer.pk, *(person.pk for person in holders)}
    )  # every current holder of the type
    assert packet.drawn_from == len(candidates) and len(packet.people) == 3
    assert packet.people == sample_draw(candidate_ids=candidates, size=3, seed=int(packet.seed))
    again = audit_sample_request(
        credential_type=hub_type,
        size=3,
        seed=int(packet.seed),
        period_start=world["start"],
        period_end=world["end"],
        acting_user=administrator,
    )
    assert again.people == packet.people
    audit_packet_build_task(packet.pk)
    packet.refresh_from_db()
    files = unpack(packet)
    manifest = checked_manifest(files)
    assert manifest["sample"]["seed"] == packet.seed
    assert {person["id"] for person in manifest["people"]} == set(packet.people)
    folders = {name.split("/")[0] for name in files if "/" in name}
    assert folders == {person["folder"] for person in manifest["people"]}
    assert all(folder.rsplit("-", 1)[1] in map(str, packet.people) for folder in folders)
    entry = AuditEntry.objects.filter(action="audit_packet.sample_drawn").first()
    assert entry.detail["seed"] == packet.seed and entry.detail["people"] == packet.people


def test_a_request_queues_the_task_after_commit(
    world, holder, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(services.audit_packet_build_task, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        packet = audit_packet_request(
            person=holder,
            period_start=world["start"],
            period_end=world["end"],
            acting_user=holder,
        )
    assert queued == [packet.pk]


def test_links_to_the_packet_from_the_ce_ledger_and_the_supervisee_page(
    client, world, holder, supervisor
):
    client.force_login(holder)
    assert reverse("audits:request") in client.get(reverse("certificates:ce")).content.decode()
    client.force_login(supervisor)
    page = client.get(reverse("supervision:supervisee", args=[holder.pk])).content.decode()
    assert f"{reverse('audits:request')}?person={holder.pk}" in page


def test_a_zip_is_deleted_after_thirty_days_and_the_request_kept(world, holder):
    from lms.retention.services import retention_apply

    packet = build_for(holder, world, by=holder)
    path = Path(settings.PRIVATE_MEDIA_ROOT) / packet.zip.name
    assert path.is_file()
    retention_apply(today=timezone.localdate() + timedelta(days=30))
    packet.refresh_from_db()
    assert packet.zip  # the thirtieth day: kept
    retention_apply(today=timezone.localdate() + timedelta(days=31))
    packet.refresh_from_db()
    assert not packet.zip and not path.exists() and packet.zip_sha256
    assert CredentialType.objects.exists()  # nothing else touched


def test_the_offline_script_checks_a_packet_with_the_published_keys_only(world, holder, tmp_path):
    """docs/offline_verify.py, as an auditor runs it: no hub, only the zip and jwks.json."""
    import subprocess
    import sys
    import zipfile

    files = unpack(build_for(holder, world, by=holder))
    keys = tmp_path / "jwks.json"
    keys.write_text(json.dumps(published_jwks()))

    def packed(name: str, content: dict[str, bytes]) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            for member, data in content.items():
                archive.writestr(member, data)
        return path

    def offline(path: Path) -> subprocess.CompletedProcess:
        script = Path(settings.BASE_DIR) / "docs" / "offline_verify.py"
        return subprocess.run(
            [sys.executable, str(script), str(path), "--keys", str(keys)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    genuine = offline(packed("genuine.zip", files))
    assert genuine.returncode == 0, genuine.stdout
    assert "GENUINE PACKET" in genuine.stdout

    log = next(name for name in files if name.endswith("supervision-log.csv"))
    changed = offline(packed("changed.zip", {**files, log: files[log] + b"extra row\n"}))
    assert changed.returncode == 2 and "changed after packing" in changed.stdout
    extra = offline(packed("extra.zip", {**files, "someone-else/notes.txt": b"not listed"}))
    assert extra.returncode == 2 and "not in the manifest" in extra.stdout
    missing = offline(packed("missing.zip", {k: v for k, v in files.items() if k != log}))
    assert missing.returncode == 2 and "listed but not in the zip" in missing.stdout
    manifest = json.loads(files["manifest.json"])
    manifest["period"]["start"] = "2000-01-01"
    forged_manifest = json.dumps(manifest).encode()
    forged = offline(packed("forged.zip", {**files, "manifest.json": forged_manifest}))
    assert forged.returncode == 2 and "signature does not match" in forged.stdout
