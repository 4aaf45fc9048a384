"""Numbers in sentences, with the right plural ("1 hour", "1.5 hours", "1 person")."""

from decimal import Decimal

from django.utils.translation import ngettext

HUNDREDTH = Decimal("0.01")


def hours_number(hours) -> str:
    """Hours as people write them: "13", "1.5", "0.25"; never "1.50" or "13.00"."""
    if hours is None or hours == "":
        return ""
    # Quantized to hundredths first, so the text always has a point to strip back to.
    return format(Decimal(str(hours)).quantize(HUNDREDTH), "f").rstrip("0").rstrip(".")


def hours_text(hours) -> str:
    """ "1 hour", "0.5 hours", "2 hours": no trailing zeros, and the plural English uses."""
    singular = Decimal(str(hours)) == 1
    return ngettext("%(hours)s hour", "%(hours)s hours", 1 if singular else 2) % {
        "hours": hours_number(hours)
    }
