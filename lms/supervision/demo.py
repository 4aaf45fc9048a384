"""Demo supervision for `seed_demo`. Development only; idempotent."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from certificates.expiry import add_months
from certificates.models import Credential, CredentialType
from certificates.services.issuance import credential_issue
from lms.people.models import SupervisorAssignment

from .models import SupervisionRatio
from .services import hours_worked_record, supervision_log_record, supervisor_assignment_create


def seed(people) -> None:
    """The supervisor's qualifying credential, their assignment to Sam, and two sessions."""
    sam, supervisor = people["peer@example.org"], people["supervisor@example.org"]
    if SupervisorAssignment.objects.filter(peer=sam).exists():
        return
    today = timezone.localdate()
    credential_issue(
        holder=supervisor,
        credential_type=CredentialType.objects.get(code="qualified-supervisor"),
        source=Credential.Source.MANUAL,
        issued_on=date(today.year - 1, 9, 1),
        acting_user=people["admin@example.org"],
    )
    supervisor_assignment_create(
        supervisor=supervisor,
        peer=sam,
        starts_on=date(today.year, 1, 6),
        acting_user=people["admin@example.org"],
    )
    for weeks_ago, minutes, topics, summary in [
        (
            6,
            60,
            ["goals", "wellness", "strengths"],
            "Talked through Sam's goals for the doula course and how the first months in the "
            "role have felt. Named strengths in building trust with new peers.",
        ),
        (
            2,
            45,
            ["ethics", "role_clarity", "practice"],
            "Reflected on a boundary question from a community visit and agreed a plan for "
            "similar situations. Clarified what to hand over to the care team.",
        ),
    ]:
        supervision_log_record(
            supervisor=supervisor,
            peer=sam,
            held_on=today - timedelta(weeks=weeks_ago),
            duration_minutes=minutes,
            topics=topics,
            summary=summary,
            attested=True,
        )
    # Sam's hours worked for the last two whole months, against the CBHPSS ratio (the older
    # Montana guide's 1 hour of supervision per 20 worked; a demo setting, editable by staff).
    SupervisionRatio.objects.get_or_create(
        credential_type=CredentialType.objects.get(code="cbhpss"),
        defaults={
            "hours_worked_per_hour": 20,
            "source": "The domain brief: Montana's older rules, about 1 hour per 20 hours worked",
        },
    )
    this_month = today.replace(day=1)
    for months_back, hours in ((2, Decimal("64")), (1, Decimal("72.5"))):
        month = add_months(this_month, -months_back)
        hours_worked_record(peer=sam, month=month, hours=hours, acting_user=supervisor)
