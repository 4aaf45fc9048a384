"""One date format everywhere on the site, long and unambiguous: "December 2, 2026".

Templates write `{{ day|date }}` and `{{ moment|date:"DATETIME_FORMAT" }}`; PDFs, emails and
messages spell dates the same way.
"""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a"
YEAR_MONTH_FORMAT = "F Y"
