from django.db import transaction
from django.utils import timezone

from lms.people.models import User
from lms.people.services import audit_record

from ..models import Attestation


@transaction.atomic
def attestation_record(*, person: User, on_file: bool, acting_user: User) -> Attestation:
    """Record whether a lived-experience attestation is on file (never what it says)."""
    attestation, _ = Attestation.objects.update_or_create(
        person=person,
        defaults={
            "on_file": on_file,
            "recorded_on": timezone.localdate(),
            "recorded_by": acting_user,
        },
    )
    audit_record(
        actor=acting_user,
        action="attestation.record",
        target=attestation,
        subject=person,
        detail={"on_file": on_file},
    )
    return attestation
