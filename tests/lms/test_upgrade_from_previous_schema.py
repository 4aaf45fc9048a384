"""Upgrading a hub's database across the move of models into the supervision and hiring apps
(docs/decisions/0006-layers.md): seeded at the schema before the move, then migrated to the
latest, every row is still there, every credential verifies as before, and the moved models
read their old rows (and keep their permissions)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential, CredentialType, format_code
from certificates.services.status_lists import status_list_published
from lms.hiring.models import Attestation, Position
from lms.people.roles import Role
from lms.supervision.models import SupervisionLog
from tests.factories import UserFactory

# The schema of the last release before the move: the people app (label lms) still held
# SupervisionLog and Attestation, certificates held Position; supervision and hiring were not.
BEFORE_THE_MOVE = [
    ("lms", "0007_remove_wagtail_default_groups"),
    ("certificates", "0004_recertification_rules"),
    ("supervision", None),
    ("hiring", None),
]
OUR_TABLES = ("lms_", "certificates_", "courses_")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = [
            table
            for table in connection.introspection.table_names(cursor)
            if table.startswith(OUR_TABLES)
        ]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def _verifications(client, codes) -> dict[str, dict]:
    return {
        code: client.get(reverse("certificates:verify_code_json", args=[code])).json()
        for code in codes
    }


def _seed_at_the_old_schema(old):
    """What a live hub had: people, credentials of every status, positions with their
    requirements, supervision records and attestations, rows written through the models as
    they were then."""
    hr, supervisor = UserFactory(), UserFactory()
    peers = [UserFactory() for _ in range(3)]
    today = timezone.localdate()
    # Written through the old model: today's has columns (status list index, suspension)
    # the old table lacks. The verdicts are what the old code's public check answered.
    old_credential = old.get_model("certificates", "Credential")
    # Only the columns every schema has: the type gained and lost CE columns since.
    credential_type = CredentialType.objects.only("id", "name", "code").get(
        code="peer-support-40-hour"
    )
    mhfa = CredentialType.objects.only("id", "name", "code").get(code="mhfa")
    seeded = [
        (peers[0], credential_type, {}, ("valid", "Active")),
        (
            peers[1],
            mhfa,
            {
                "issued_on": today - timedelta(days=4 * 365),
                "expires_on": today - timedelta(days=365),
                "status": Credential.Status.EXPIRED,
            },
            ("expired", "Expired"),
        ),
        (
            peers[2],
            credential_type,
            {
                "status": Credential.Status.REVOKED,
                "revoked_at": timezone.now(),
                "revoked_reason": "Issued in error.",
            },
            ("revoked", "Revoked"),
        ),
    ]
    verdicts = {}
    for holder, kind, fields, (status, word) in seeded:
        fields = {"issued_on": today - timedelta(days=30), **fields}
        row = old_credential.objects.create(
            holder_id=holder.pk,
            credential_type_id=kind.pk,
            source="manual",
            holder_name=holder.certificate_name,
            title=kind.name,
            provider="One Health Peer Training Hub",
            presenter="Rosa Two Bulls",
            approval_number="MT-CE-17",
            **fields,
        )
        verdicts[format_code(row.code)] = {
            "holder_name": row.holder_name,
            "credential": row.title,
            "issued_on": row.issued_on.isoformat(),
            "expires_on": row.expires_on.isoformat() if row.expires_on else None,
            "status": status,
            "status_word": word,
            "revoked_on": (
                timezone.localdate(row.revoked_at).isoformat() if row.revoked_at else None
            ),
        }
    old_position = old.get_model("certificates", "Position")
    old_group = old.get_model("certificates", "PositionAnyOfGroup")
    position = old_position.objects.create(
        name="Peer Support Specialist", slug="peer-support-specialist", requires_supervisor=True
    )
    position.required_credential_types.set([credential_type.pk])
    position.applies_to_groups.set([Group.objects.get(name=Role.PEER).pk])
    any_of = old_group.objects.create(position=position, label="First aid", sort_order=0)
    any_of.credential_types.set(
        CredentialType.objects.filter(code__in=["mhfa", "cpr-first-aid"]).values_list(
            "pk", flat=True
        )
    )
    old_log = old.get_model("lms", "SupervisionLog")
    for weeks in (1, 3):
        old_log.objects.create(
            supervisor_id=supervisor.pk,
            peer_id=peers[0].pk,
            held_on=today - timedelta(weeks=weeks),
            duration_minutes=60,
            topics=["ethics", "goals"],
            summary="Talked through a boundary question.",
            supervisor_attested_at=timezone.now(),
        )
    old.get_model("lms", "Attestation").objects.create(
        person_id=peers[0].pk, on_file=True, recorded_on=date(2026, 3, 2), recorded_by_id=hr.pk
    )
    return verdicts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_upgrade_keeps_every_row_and_every_verification(client):
    latest = _latest()
    try:
        old = _migrate(BEFORE_THE_MOVE)
        # The HR role's permission on positions, as the old post-migrate step granted it.
        hr_group = Group.objects.get(name=Role.HR)
        hr_group.permissions.add(
            Permission.objects.get(
                content_type__app_label="certificates", codename="change_position"
            )
        )
        verified_before = _seed_at_the_old_schema(old)
        codes = list(verified_before)
        counts_before = _row_counts()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM certificates_credentialtype t WHERE t.ce_hours_required > 0 "
                "OR EXISTS (SELECT 1 FROM certificates_cecategoryminimum m "
                "WHERE m.credential_type_id = t.id)"
            )
            types_with_ce = cursor.fetchone()[0]
        _migrate(latest)
    finally:
        _migrate(latest)  # whatever happened, the next test finds the latest schema

    after = _row_counts()
    assert after.pop("certificates_statuslist") == 0  # new, built at first request
    # certificates 0007/0008 (issue #17): each type's CE settings became one rule version and
    # its minimums category rules; Montana's presenting/authoring maximum (a new category) and
    # IC&RC Peer Recovery (a new type, one version, its ethics minimum) arrive with them.
    minimums = counts_before.pop("certificates_cecategoryminimum")
    assert after.pop("certificates_ceruleversion") == types_with_ce + 1
    assert after.pop("certificates_cecategoryrule") == minimums + 2
    for table in ("certificates_credentialtype", "certificates_cecategory"):
        assert after.pop(table) == counts_before.pop(table) + 1
    # courses 0006 (issue #17): presenters, CE approvals and hours split are new tables; the
    # seed has no course page, so they start empty.
    for table in ("courses_coursepresenter", "courses_courseceapproval", "courses_coursecehours"):
        assert after.pop(table) == 0
    assert after == counts_before
    # certificates 0010: the printed presenter and approval number became CE details.
    for credential in Credential.objects.all():
        assert [str(p) for p in credential.ce.presenters] == ["Rosa Two Bulls"]
        assert [a.approval_number for a in credential.ce.approvals] == ["MT-CE-17"]
    verified_after = _verifications(client, codes)
    assert {code: v.pop("suspended_on") for code, v in verified_after.items()} == dict.fromkeys(
        codes
    )
    assert verified_after == verified_before
    # Every credential got a distinct status list index; the revoked one's bit is published.
    indexes = list(Credential.objects.values_list("status_list_index", flat=True))
    assert len(set(indexes)) == len(indexes) == 3
    revocations = status_list_published(number=1)
    assert revocations.set_bits == 1 and revocations.entries >= 131_072
    assert {v["status"] for v in verified_before.values()} == {"valid", "expired", "revoked"}

    # The moved models read the old rows, relations included.
    position = Position.objects.get(slug="peer-support-specialist")
    assert [t.code for t in position.required_credential_types.all()] == ["peer-support-40-hour"]
    assert [g.name for g in position.applies_to_groups.all()] == [Role.PEER]
    assert sorted(t.code for t in position.any_of_groups.get().credential_types.all()) == [
        "cpr-first-aid",
        "mhfa",
    ]
    assert SupervisionLog.objects.count() == 2
    assert SupervisionLog.objects.first().topic_labels == [
        "Ethics and boundaries",
        "Professional goals and growth",
    ]
    assert Attestation.objects.get().on_file is True
    # Permissions follow their content type to the new app; none is left at the old label.
    assert hr_group.permissions.filter(
        content_type__app_label="hiring", codename="change_position"
    ).exists()
    assert not ContentType.objects.filter(
        app_label__in=["certificates", "lms"],
        model__in=["position", "positionanyofgroup", "supervisionlog", "attestation"],
    ).exists()
