"""The credential types and CE categories named in the domain brief.

Values that public rules do not fix are left at editable defaults (no expiry, no CE):
staff set them in the Wagtail admin under Credentials.
"""

from decimal import Decimal

from django.db import migrations

CE_CATEGORIES = [
    ("general", "General peer support"),
    ("ethics", "Ethics and boundaries"),
    ("suicide-prevention", "Suicide prevention"),
    ("trauma-informed", "Trauma-informed care"),
    ("perinatal", "Perinatal and family"),
    ("overdose-response", "Overdose response"),
]

HUB = "One Health Peer Training Hub"
DEFAULTS = {"renewal_window_days": 90, "grace_days": 0, "reminder_offsets": [90, 30, 7]}

CREDENTIAL_TYPES = [
    {
        "code": "cbhpss",
        "name": "Montana Certified Behavioral Health Peer Support Specialist (CBHPSS)",
        "issuer": "Montana Board of Behavioral Health",
        "kind": "external_licence",
        "validity_rule": "fixed_date",
        "fixed_expiry_month": 12,
        "fixed_expiry_day": 31,
        "ce_hours_required": Decimal("20"),
        "ce_first_cycle_exempt": True,
        "ce_prorated": True,
        "ce_carry_forward_max_hours": Decimal("20"),
        "description": (
            "State certification. All certificates expire on 31 December. 20 CE hours a year "
            "(pro-rated for a short first year; none before the first renewal), up to 20 excess "
            "hours carry forward, and 2 hours of suicide prevention every 2 years."
        ),
        "minimums": [("suicide-prevention", Decimal("2"), 2)],
        "prerequisites": ["peer-support-40-hour"],
    },
    {
        "code": "peer-support-40-hour",
        "name": "Peer Support Ethics & Boundaries, 40-hour course",
        "issuer": HUB,
        "kind": "hub_course",
        "validity_rule": "none",
        "description": "Prerequisite for CBHPSS; the certificate must come from the training provider.",
    },
    {
        "code": "mhfa",
        "name": "Mental Health First Aid",
        "issuer": "National Council for Mental Wellbeing",
        "kind": "external_licence",
        "validity_rule": "months",
        "validity_months": 36,
        "renewal_window_days": 90,
        "description": "Recertify within the 90 days before expiry, otherwise retake the course.",
    },
    {
        "code": "cpr-first-aid",
        "name": "CPR / First Aid",
        "issuer": "American Red Cross / American Heart Association",
        "kind": "external_licence",
        "validity_rule": "months",
        "validity_months": 24,
        "description": "Retake before expiry.",
    },
    {
        "code": "dona-doula",
        "name": "DONA Certified Doula",
        "issuer": "DONA International",
        "kind": "external_licence",
        "validity_rule": "end_of_month",
        "validity_months": 36,
        "renewal_window_days": 183,
        "reminder_offsets": [183, 90, 30],
        "description": "Three years, to the end of the month of original certification.",
    },
    {
        "code": "indigenous-doula",
        "name": "Indigenous Full-Spectrum Doula",
        "issuer": "Training provider",
        "kind": "training_completion",
        "validity_rule": "none",
        "description": "No public rule found: set validity and CE here when known.",
    },
    {
        "code": "master-narcan-trainer",
        "name": "Master Narcan Trainer",
        "issuer": HUB,
        "kind": "hub_course",
        "validity_rule": "none",
        "description": "No public rule found: configurable.",
    },
    {
        "code": "sacred-parenting",
        "name": "Fatherhood/Motherhood is Sacred facilitator",
        "issuer": "Native American Fatherhood & Families Association",
        "kind": "training_completion",
        "validity_rule": "none",
        "description": "No public rule found: configurable.",
    },
    {
        "code": "trauma-facilitator",
        "name": "Beyond Trauma / Exploring Trauma facilitator",
        "issuer": "Training provider",
        "kind": "training_completion",
        "validity_rule": "none",
        "description": "No public rule found: configurable.",
    },
    {
        "code": "corrections-peer",
        "name": "Corrections peer support training",
        "issuer": HUB,
        "kind": "hub_course",
        "validity_rule": "none",
        "description": "No public rule found: configurable.",
    },
    {
        "code": "qualified-supervisor",
        "name": "Qualified peer supervisor",
        "issuer": HUB,
        "kind": "training_completion",
        "validity_rule": "none",
        "description": "Required before a person can be assigned as a peer's supervisor.",
    },
]


def seed(apps, schema_editor):
    CECategory = apps.get_model("certificates", "CECategory")
    CredentialType = apps.get_model("certificates", "CredentialType")
    CECategoryMinimum = apps.get_model("certificates", "CECategoryMinimum")
    categories = {}
    for slug, name in CE_CATEGORIES:
        categories[slug], _ = CECategory.objects.get_or_create(slug=slug, defaults={"name": name})
    types = {}
    for spec in CREDENTIAL_TYPES:
        spec = dict(spec)
        minimums = spec.pop("minimums", [])
        spec.pop("prerequisites", None)
        code = spec.pop("code")
        types[code], created = CredentialType.objects.get_or_create(
            code=code, defaults={**DEFAULTS, **spec}
        )
        if created:
            for order, (slug, hours, every) in enumerate(minimums):
                CECategoryMinimum.objects.create(
                    credential_type=types[code],
                    category=categories[slug],
                    hours=hours,
                    every_cycles=every,
                    sort_order=order,
                )
    for spec in CREDENTIAL_TYPES:
        for code in spec.get("prerequisites", []):
            # Historical models are plain models, so write the through rows directly.
            CredentialType.prerequisites.through.objects.get_or_create(
                from_credentialtype=types[spec["code"]], to_credentialtype=types[code]
            )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
