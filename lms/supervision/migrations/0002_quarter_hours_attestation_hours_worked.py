# Supervision records to the rule (issue #17 item 3): the stored attestation words, the
# minutes first recorded, hours worked, and each credential type's supervision ratio. The
# duration constraints follow in 0004, once 0003 has rounded the earlier records.

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0008_ce_rule_fields_removed"),
        ("supervision", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HoursWorked",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(help_text="The first day of the month.")),
                (
                    "hours",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=5,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0")),
                            django.core.validators.MaxValueValidator(Decimal("744")),
                        ],
                    ),
                ),
                ("entered_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name_plural": "hours worked",
                "ordering": ["-month"],
            },
        ),
        migrations.CreateModel(
            name="SupervisionRatio",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "hours_worked_per_hour",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(1000),
                        ],
                        verbose_name="hours worked for each hour of supervision",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        blank=True, help_text="Where the ratio comes from.", max_length=300
                    ),
                ),
            ],
            options={
                "ordering": ["credential_type__name"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="supervisionlog",
            name="supervision_log_duration_in_range",
        ),
        migrations.AddField(
            model_name="supervisionlog",
            name="attestation_text",
            field=models.TextField(
                default="I attest that I supervised this peer on the date and for the time recorded here, that the topics and summary are an accurate record of our supervision session, and that I am their supervisor.",
                help_text="The exact words the supervisor attested to.",
            ),
        ),
        migrations.AddField(
            model_name="supervisionlog",
            name="duration_minutes_as_recorded",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The minutes first recorded, where they were not a 15-minute increment and the duration was rounded (lms.supervision 0002); empty otherwise.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="hoursworked",
            name="entered_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="hoursworked",
            name="peer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hours_worked",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="supervisionratio",
            name="credential_type",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="supervision_ratio",
                to="certificates.credentialtype",
            ),
        ),
        migrations.AddConstraint(
            model_name="hoursworked",
            constraint=models.UniqueConstraint(
                fields=("peer", "month"), name="hours_worked_one_per_month"
            ),
        ),
        migrations.AddConstraint(
            model_name="hoursworked",
            constraint=models.CheckConstraint(
                condition=models.Q(("hours__gte", 0), ("hours__lte", 744)),
                name="hours_worked_in_range",
            ),
        ),
    ]
