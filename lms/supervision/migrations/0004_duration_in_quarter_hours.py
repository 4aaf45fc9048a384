"""The database refuses a supervision duration that is not a 15-minute increment (15 minutes to
8 hours), once 0003 has rounded the earlier records."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0003_durations_rounded_to_quarter_hours"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="supervisionlog",
            constraint=models.CheckConstraint(
                condition=models.Q(("duration_minutes__gte", 15), ("duration_minutes__lte", 480)),
                name="supervision_log_duration_in_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="supervisionlog",
            constraint=models.CheckConstraint(
                condition=models.Q(("duration_minutes__in", range(15, 481, 15))),
                name="supervision_log_duration_quarter_hours",
            ),
        ),
    ]
