"""CE rules become versions with effective dates and sources (issue #17).

Each credential type that asked for CE gets a first version holding exactly what its fields
and CE minimums said, effective from a date no earlier cycle is judged differently by (a cycle
before a type's earliest version is judged by that version), so every cycle keeps its meaning;
the old fields and CECategoryMinimum go. Montana's CBHPSS version carries its source and the
Board's 10-hour maximum for presenting or authoring (a new category with no records yet, so no
cycle changes); IC&RC Peer Recovery arrives as a type with its own rule and source.
"""

from datetime import date
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

MONTANA = {
    "effective_from": date(2019, 3, 30),
    "source_title": "ARM 24.219.421, Continuing education requirements (Montana Board of Behavioral Health)",
    "source_url": "https://rules.mt.gov/gateway/ShowRuleFile.asp?RID=40269",
    "source_note": (
        "20 CE hours a year; CE applies from the first renewal on; up to 20 hours above the 20 "
        "carry forward to the next year; 2 hours of suicide prevention at the first renewal and "
        "every two years after; at most 10 hours from presenting or authoring; records kept 3 "
        "years (name, course title and description, presenter or sponsor, dates, hours). The "
        "Board's CE rules as amended effective March 30, 2019 (2019 MAR p. 339; MAR 24-219-32: "
        "the Board no longer pre-approves courses, hours unchanged: "
        "umt.edu/ces/conferences/pmhs/continuing-ed.php). Reactivation hours from inactive "
        "status were not found in the sources consulted: left at 0, to be entered from the "
        "Board's rule."
    ),
}
IC_RC = {
    "code": "icrc-peer-recovery",
    "name": "IC&RC Peer Recovery (PR)",
    "issuer": "IC&RC, through its member board",
    "description": (
        "The international Peer Recovery credential (46 training hours, 16 in ethics). "
        "Recertify every two years with 20 CE hours, 6 of them in ethics."
    ),
    "rule": {
        "effective_from": date(2013, 12, 1),
        "source_title": "IC&RC Peer Recovery standards: Recertification",
        "source_url": "https://internationalcredentialing.org/icrc-credentials/pr",
        "source_note": (
            "'20 hours of continuing education earned every two years, including six hours in "
            "ethics.' Member boards may ask more. The standards page gives no effective date: "
            "the credential's first examination (December 2013) is used. No carry-forward, "
            "first-cycle or reactivation rule is stated: the full 20 hours, nothing carried."
        ),
        "hours_per_cycle": Decimal("20"),
        "first_cycle": "full",
    },
}
CARRIED = "The credential type's CE settings before rules were versioned"


def rules_from_fields(apps, schema_editor):
    CredentialType = apps.get_model("certificates", "CredentialType")
    CECategory = apps.get_model("certificates", "CECategory")
    CECategoryMinimum = apps.get_model("certificates", "CECategoryMinimum")
    CERuleVersion = apps.get_model("certificates", "CERuleVersion")
    CECategoryRule = apps.get_model("certificates", "CECategoryRule")
    for credential_type in CredentialType.objects.order_by("pk"):
        minimums = list(CECategoryMinimum.objects.filter(credential_type=credential_type))
        if not credential_type.ce_hours_required and not minimums:
            continue
        source = (
            MONTANA
            if credential_type.code == "cbhpss"
            else {"effective_from": date(2000, 1, 1), "source_title": CARRIED}
        )
        rule = CERuleVersion.objects.create(
            credential_type=credential_type,
            hours_per_cycle=credential_type.ce_hours_required,
            first_cycle=credential_type.ce_first_cycle,
            first_cycle_cutoff_month=credential_type.ce_first_cycle_cutoff_month,
            first_cycle_cutoff_day=credential_type.ce_first_cycle_cutoff_day,
            carry_forward_max_hours=credential_type.ce_carry_forward_max_hours,
            **source,
        )
        for order, minimum in enumerate(minimums):
            CECategoryRule.objects.create(
                rule=rule,
                category_id=minimum.category_id,
                min_hours=minimum.hours,
                every_cycles=minimum.every_cycles,
                sort_order=minimum.sort_order if minimum.sort_order is not None else order,
            )
        if credential_type.code == "cbhpss":
            presenting, _ = CECategory.objects.get_or_create(
                slug="presenting-authoring", defaults={"name": "Presenting or authoring"}
            )
            CECategoryRule.objects.create(
                rule=rule, category=presenting, max_hours=Decimal("10"), sort_order=len(minimums)
            )
    ethics = CECategory.objects.filter(slug="ethics").first()
    if ethics is None or CredentialType.objects.filter(code=IC_RC["code"]).exists():
        return
    icrc = CredentialType.objects.create(
        code=IC_RC["code"],
        name=IC_RC["name"],
        issuer=IC_RC["issuer"],
        description=IC_RC["description"],
        kind="external_licence",
        issued_by_hub=False,
        validity_rule="months",
        validity_months=24,
        renewal_window_days=90,
        reminder_offsets=[90, 30, 7],
    )
    rule = CERuleVersion.objects.create(credential_type=icrc, **IC_RC["rule"])
    CECategoryRule.objects.create(
        rule=rule, category=ethics, min_hours=Decimal("6"), every_cycles=1, sort_order=0
    )


def fields_from_rules(apps, schema_editor):
    """Back to one set of fields: each type keeps its latest version's figures. What this
    migration added goes again where nothing refers to it yet (IC&RC Peer Recovery without
    credentials or claims, the presenting/authoring category without records)."""
    if schema_editor.connection.vendor == "postgresql":
        # Check foreign keys as each row changes, so the tables can be dropped after this in
        # the same transaction (no pending trigger events).
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    CredentialType = apps.get_model("certificates", "CredentialType")
    CECategory = apps.get_model("certificates", "CECategory")
    CERecord = apps.get_model("certificates", "CERecord")
    Credential = apps.get_model("certificates", "Credential")
    ExternalCredentialClaim = apps.get_model("certificates", "ExternalCredentialClaim")
    icrc = CredentialType.objects.filter(code=IC_RC["code"]).first()
    if (
        icrc is not None
        and not Credential.objects.filter(credential_type_id=icrc.pk).exists()
        and not ExternalCredentialClaim.objects.filter(credential_type_id=icrc.pk).exists()
    ):
        apps.get_model("certificates", "CERuleVersion").objects.filter(
            credential_type_id=icrc.pk
        ).delete()
        # Plain SQL: the ORM's cascade would query other apps' historical models (hiring's
        # positions), which this state does not relate; a row still referred to fails here.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DELETE FROM certificates_credentialtype WHERE id = %s", [icrc.pk])
    presenting = CECategory.objects.filter(slug="presenting-authoring").first()
    if presenting is not None and not CERecord.objects.filter(category_id=presenting.pk).exists():
        apps.get_model("certificates", "CECategoryRule").objects.filter(
            category_id=presenting.pk
        ).delete()
        presenting.delete()
    CECategoryMinimum = apps.get_model("certificates", "CECategoryMinimum")
    CERuleVersion = apps.get_model("certificates", "CERuleVersion")
    CECategoryRule = apps.get_model("certificates", "CECategoryRule")
    for credential_type in CredentialType.objects.all():
        rule = (
            CERuleVersion.objects.filter(credential_type=credential_type)
            .order_by("-effective_from")
            .first()
        )
        if rule is None:
            continue
        credential_type.ce_hours_required = rule.hours_per_cycle
        credential_type.ce_first_cycle = rule.first_cycle
        credential_type.ce_first_cycle_cutoff_month = rule.first_cycle_cutoff_month
        credential_type.ce_first_cycle_cutoff_day = rule.first_cycle_cutoff_day
        credential_type.ce_carry_forward_max_hours = rule.carry_forward_max_hours
        credential_type.save()
        for category_rule in CECategoryRule.objects.filter(rule=rule, min_hours__isnull=False):
            CECategoryMinimum.objects.create(
                credential_type=credential_type,
                category_id=category_rule.category_id,
                hours=category_rule.min_hours,
                every_cycles=category_rule.every_cycles,
                sort_order=category_rule.sort_order,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0006_status_list"),
    ]

    operations = [
        migrations.CreateModel(
            name="CERuleVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "effective_from",
                    models.DateField(
                        help_text="The first day this rule is in force. A CE cycle is judged by the rule in force on the cycle's first day."
                    ),
                ),
                (
                    "source_title",
                    models.CharField(
                        help_text="The rule this follows, as you would cite it, e.g. 'ARM 24.219.421'.",
                        max_length=300,
                        verbose_name="source",
                    ),
                ),
                (
                    "source_url",
                    models.URLField(blank=True, max_length=500, verbose_name="source link"),
                ),
                (
                    "source_note",
                    models.TextField(
                        blank=True,
                        help_text="What the source says, in short, and anything not found in it.",
                    ),
                ),
                (
                    "hours_per_cycle",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=5,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="CE hours per cycle",
                    ),
                ),
                (
                    "first_cycle",
                    models.CharField(
                        choices=[
                            ("full", "The full requirement"),
                            ("exempt", "No CE before the first renewal"),
                            ("prorated", "Pro-rated by the months held"),
                            (
                                "prorated_after",
                                "Pro-rated only when certified after a day of the year",
                            ),
                        ],
                        default="full",
                        help_text="Montana's Board rule (ARM 24.219, rules.mt.gov RID 40269) asks for CE from the first renewal on: 'no CE in the first cycle'. The Montana Peer Network's guide says 'less if certifying after July 1': 'pro-rated when certified after a day of the year'.",
                        max_length=20,
                        verbose_name="CE in the first cycle",
                    ),
                ),
                (
                    "first_cycle_cutoff_month",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(12),
                        ],
                        verbose_name="pro-rate when certified after: month",
                    ),
                ),
                (
                    "first_cycle_cutoff_day",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(31),
                        ],
                        verbose_name="day",
                    ),
                ),
                (
                    "carry_forward_max_hours",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        help_text="Only hours above the standard requirement of the cycle just ended carry forward, up to this many.",
                        max_digits=5,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="CE hours that may carry forward",
                    ),
                ),
                (
                    "reactivation_hours",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=5,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="CE hours to reactivate from inactive status",
                    ),
                ),
                (
                    "reactivation_months",
                    models.PositiveSmallIntegerField(
                        default=12,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(120),
                        ],
                        verbose_name="earned within the months before reactivating",
                    ),
                ),
                (
                    "credential_type",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ce_rules",
                        to="certificates.credentialtype",
                    ),
                ),
            ],
            options={
                "verbose_name": "CE rule version",
                "ordering": ["credential_type", "effective_from"],
            },
        ),
        migrations.CreateModel(
            name="CECategoryRule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "min_hours",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=5,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.25"))],
                        verbose_name="at least (hours)",
                    ),
                ),
                (
                    "max_hours",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=5,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="at most, counted (hours)",
                    ),
                ),
                (
                    "every_cycles",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(10),
                        ],
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="certificates.cecategory",
                    ),
                ),
                (
                    "rule",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="category_rules",
                        to="certificates.ceruleversion",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="ceruleversion",
            constraint=models.UniqueConstraint(
                fields=("credential_type", "effective_from"), name="ce_rule_one_per_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="cecategoryrule",
            constraint=models.UniqueConstraint(
                fields=("rule", "category"), name="ce_category_rule_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="cecategoryrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("min_hours__isnull", False), ("max_hours__isnull", False), _connector="OR"
                ),
                name="ce_category_rule_min_or_max",
            ),
        ),
        migrations.AddConstraint(
            model_name="cecategoryrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("min_hours__isnull", True),
                    ("max_hours__isnull", True),
                    ("min_hours__lte", models.F("max_hours")),
                    _connector="OR",
                ),
                name="ce_category_rule_min_not_above_max",
            ),
        ),
        migrations.RunPython(rules_from_fields, fields_from_rules),
    ]
