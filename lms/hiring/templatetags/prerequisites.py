"""`{% check_cell check %}`: one cell of the HR prerequisite matrix.

A page of the matrix has 50 people x every position, and most cells repeat a handful of
contents (the same items missing, the same courses to earn them). Each distinct cell is
rendered once per page and reused, rather than running the cell template 300 times.
The cell's words come from `check_in_words`, which the CSV and Excel exports use too.
"""

from django import template
from django.template.loader import get_template

from ..selectors import check_in_words

register = template.Library()

CELL_TEMPLATE = "hiring/includes/check_cell.html"


@register.simple_tag(takes_context=True)
def check_cell(context, check, label="", opened=False):
    """`label`: the position's name, which the phone layout prints beside the chip;
    `opened`: show what is missing at once (the candidate page) rather than on demand."""
    rendered = context.render_context.setdefault("certificates.check_cells", {})
    words = check_in_words(check)
    key = (words.status, tuple(words.details), label, opened)
    if key not in rendered:
        rendered[key] = get_template(CELL_TEMPLATE).render(
            {"words": words, "label": label, "opened": opened}
        )
    return rendered[key]
