"""Status lists (issue 16 item 4): each credential's random status list index (backfilled
here for every credential issued before), suspension, and the stored status list credentials.
The lists themselves are signed at first request or first change, not here: a migration has
no signing key."""

import secrets

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import certificates.models


def backfill_status_list_indexes(apps, schema_editor):
    Credential = apps.get_model("certificates", "Credential")
    ids = list(Credential.objects.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return
    capacity = certificates.models.status_list_capacity(len(ids))
    # Distinct random indexes in one draw: none says when its credential was issued.
    indexes = secrets.SystemRandom().sample(range(capacity), len(ids))
    batch = [
        Credential(pk=pk, status_list_index=index) for pk, index in zip(ids, indexes, strict=True)
    ]
    Credential.objects.bulk_update(batch, ["status_list_index"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0005_position_moves_to_hiring"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="credential",
            name="suspended_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="credential",
            name="suspended_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="credential",
            name="suspended_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="credential",
            name="status_list_index",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.RunPython(backfill_status_list_indexes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="credential",
            name="status_list_index",
            field=models.PositiveIntegerField(editable=False, unique=True),
        ),
        migrations.AddConstraint(
            model_name="credential",
            constraint=models.CheckConstraint(
                condition=models.Q(("suspended_at__isnull", True))
                | models.Q(("suspended_reason", ""), _negated=True),
                name="credential_suspension_has_reason",
            ),
        ),
        migrations.CreateModel(
            name="StatusList",
            fields=[
                ("number", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                (
                    "purpose",
                    models.CharField(
                        choices=[("revocation", "Revocation"), ("suspension", "Suspension")],
                        max_length=20,
                        unique=True,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=0)),
                (
                    "entries",
                    models.PositiveIntegerField(default=0, help_text="Length of the bitstring."),
                ),
                ("set_bits", models.PositiveIntegerField(default=0)),
                (
                    "token",
                    models.TextField(blank=True, help_text="The signed VC-JWT, exactly as served."),
                ),
                ("etag", models.CharField(blank=True, max_length=80)),
                ("built_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"ordering": ["number"]},
        ),
    ]
