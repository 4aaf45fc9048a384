"""Demo positions and attestations for `seed_demo`. Development only; idempotent."""

from django.contrib.auth.models import Group
from django.utils.text import slugify

from certificates.models import CredentialType
from lms.people.roles import Role

from .models import Position, PositionAnyOfGroup
from .services.attestations import attestation_record


def seed(people) -> None:
    if Position.objects.exists():
        return
    _seed_positions()
    attestation_record(
        person=people["peer@example.org"], on_file=True, acting_user=people["hr@example.org"]
    )


POSITIONS = [
    # name, all-of type codes, any-of groups (label, type codes), supervisor, attestation
    ("Peer Support Specialist", ["cbhpss", "peer-support-40-hour"], [], True, True),
    (
        "Recovery Doula",
        ["peer-support-40-hour", "course-ps-doula-rd"],
        [("Doula certification", ["dona-doula", "indigenous-doula"])],
        True,
        True,
    ),
    ("Indigenous Recovery Doula", ["peer-support-40-hour", "indigenous-doula"], [], True, True),
    (
        "Master Narcan Trainer",
        ["master-narcan-trainer"],
        [("First aid", ["cpr-first-aid", "mhfa"])],
        False,
        True,
    ),
    ("Corrections (jail) peer", ["cbhpss", "corrections-peer"], [], True, True),
    ("Trauma group facilitator", ["peer-support-40-hour", "trauma-facilitator"], [], True, True),
]


def _seed_positions() -> None:
    types = {
        credential_type.code: credential_type for credential_type in CredentialType.objects.all()
    }
    # HR's matrix lists the peers (and anyone holding a credential) for each position.
    peers = Group.objects.get(name=Role.PEER)
    for name, all_of, any_of, needs_supervisor, needs_attestation in POSITIONS:
        position = Position(
            name=name,
            slug=slugify(name),
            requires_supervisor=needs_supervisor,
            requires_attestation=needs_attestation,
        )
        position.required_credential_types = [types[code] for code in all_of if code in types]
        position.any_of_groups = [
            PositionAnyOfGroup(
                label=label, credential_types=[types[code] for code in codes if code in types]
            )
            for label, codes in any_of
        ]
        position.applies_to_groups = [peers]
        position.save()
