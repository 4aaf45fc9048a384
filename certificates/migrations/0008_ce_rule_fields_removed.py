"""The CE fields and CECategoryMinimum, now held by CE rule versions (0006), go.

A migration of its own: PostgreSQL refuses to alter a table in the transaction that has just
written rows referring to it (pending deferred foreign-key checks).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0007_ce_rule_versions"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="credentialtype",
            name="ce_carry_forward_max_hours",
        ),
        migrations.RemoveField(
            model_name="credentialtype",
            name="ce_first_cycle",
        ),
        migrations.RemoveField(
            model_name="credentialtype",
            name="ce_first_cycle_cutoff_day",
        ),
        migrations.RemoveField(
            model_name="credentialtype",
            name="ce_first_cycle_cutoff_month",
        ),
        migrations.RemoveField(
            model_name="credentialtype",
            name="ce_hours_required",
        ),
        migrations.DeleteModel(
            name="CECategoryMinimum",
        ),
    ]
