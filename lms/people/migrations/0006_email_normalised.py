"""Store every account's email in its one normalised spelling (lms.people.emails), then make the
database hold to it: printable ASCII, lower case.

An address that is still not ASCII once normalised, or that two accounts would share once
normalised, can't be fixed by a migration (which of the two people keeps it?): the migration
stops and names those accounts, to be corrected by hand before deploying again.
"""

import django.db.models.functions.text
from django.db import migrations, models

from lms.people.emails import is_account_email, normalise_email


def normalise_emails(apps, schema_editor):
    User = apps.get_model("lms", "User")
    rows = list(User.objects.values_list("pk", "email"))
    wanted = {pk: normalise_email(email) for pk, email in rows}
    problems = [f"#{pk} ({email!r})" for pk, email in wanted.items() if not is_account_email(email)]
    seen: dict[str, int] = {}
    for pk, email in wanted.items():
        if email in seen:
            problems.append(f"#{pk} and #{seen[email]} (both {email!r})")
        seen.setdefault(email, pk)
    if problems:
        raise RuntimeError(
            "These accounts' email addresses can't be normalised to one ASCII spelling; "
            "correct them, then migrate again: " + ", ".join(problems)
        )
    for pk, email in rows:
        if wanted[pk] != email:
            User.objects.filter(pk=pk).update(email=wanted[pk])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("lms", "0005_calendar_token"),
    ]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("email__regex", "^[!-~]+@[!-~]+$"))
                & models.Q(("email", django.db.models.functions.text.Lower("email"))),
                name="user_email_normalised_ascii",
                violation_error_message=(
                    "Use an email address written in plain (ASCII) letters, digits and symbols."
                ),
            ),
        ),
    ]
