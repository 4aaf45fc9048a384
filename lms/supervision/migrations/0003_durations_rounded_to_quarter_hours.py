"""Earlier supervision records to 15-minute increments, without losing a minute silently.

Montana keeps supervision time in 15-minute increments (ARM 24.219). Records made before this
allowed any 5 to 480 minutes. Each such duration is rounded to the *nearest* quarter hour
(7 minutes or less past a quarter down, 8 or more up; never below 15 or above 480), the
minutes first recorded are kept on the record (`duration_minutes_as_recorded`, shown in the
report) and each change is written to the audit trail (`supervision.duration_rounded`, with
both figures). Nearest, not always up or down: up would claim supervision that did not
happen, down would drop time that did; the original stays beside the rounded figure either
way. Records made before the words were stored attested the form's sentence of the time,
which they now keep.
"""

from django.db import migrations

ATTESTATION_TEXT_BEFORE = "I attest that this record of our supervision session is accurate."


def nearest_quarter_hour(minutes: int) -> int:
    quarters, rest = divmod(minutes, 15)
    rounded = (quarters + (1 if rest >= 8 else 0)) * 15
    return min(480, max(15, rounded))


def round_durations(apps, schema_editor):
    SupervisionLog = apps.get_model("supervision", "SupervisionLog")
    AuditEntry = apps.get_model("lms", "AuditEntry")
    SupervisionLog.objects.update(attestation_text=ATTESTATION_TEXT_BEFORE)
    for log in SupervisionLog.objects.exclude(duration_minutes__in=range(15, 481, 15)).order_by(
        "pk"
    ):
        rounded = nearest_quarter_hour(log.duration_minutes)
        AuditEntry.objects.create(
            actor=None,
            action="supervision.duration_rounded",
            target_type="supervision.SupervisionLog",
            target_id=str(log.pk),
            target_repr=f"Supervision on {log.held_on}"[:255],
            subject_id=log.peer_id,
            detail={"from_minutes": log.duration_minutes, "to_minutes": rounded},
        )
        log.duration_minutes_as_recorded = log.duration_minutes
        log.duration_minutes = rounded
        log.save(update_fields=["duration_minutes", "duration_minutes_as_recorded"])


def restore_durations(apps, schema_editor):
    SupervisionLog = apps.get_model("supervision", "SupervisionLog")
    for log in SupervisionLog.objects.filter(duration_minutes_as_recorded__isnull=False):
        log.duration_minutes = log.duration_minutes_as_recorded
        log.duration_minutes_as_recorded = None
        log.save(update_fields=["duration_minutes", "duration_minutes_as_recorded"])


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_quarter_hours_attestation_hours_worked"),
        ("lms", "0008_supervision_and_attestation_move_out"),
    ]

    operations = [migrations.RunPython(round_durations, restore_durations)]
