"""Numbers in sentences, with the right plural ("1 hour", "1.5 hours", "1 person")."""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext


def hours_text(hours) -> str:
    """ "1 hour", "0.5 hours", "2 hours": no trailing zeros, and the plural English uses."""
    singular = Decimal(str(hours)) == 1
    return ngettext("%(hours)s hour", "%(hours)s hours", 1 if singular else 2) % {
        "hours": floatformat(hours, -2)
    }
