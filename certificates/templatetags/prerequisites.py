"""`{% check_cell check %}`: one cell of the HR prerequisite matrix.

A page of the matrix has 50 people x every position, and most cells repeat a handful of
contents (the same items missing, the same courses to earn them). Each distinct cell is
rendered once per page and reused, rather than running the cell template 300 times.
"""

from django import template
from django.template.loader import get_template

register = template.Library()

CELL_TEMPLATE = "certificates/includes/check_cell.html"


def _cell_key(check) -> tuple:
    return (
        check.status,
        tuple((item.label, tuple(item.earned_by)) for item in check.missing),
        tuple((item.label, item.expires_on) for item in check.expiring),
    )


@register.simple_tag(takes_context=True)
def check_cell(context, check):
    rendered = context.render_context.setdefault("certificates.check_cells", {})
    key = _cell_key(check)
    if key not in rendered:
        rendered[key] = get_template(CELL_TEMPLATE).render({"check": check})
    return rendered[key]
