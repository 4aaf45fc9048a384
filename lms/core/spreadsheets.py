"""CSV and XLSX files people open in a spreadsheet: every cell made inert (OWASP CSV
injection), every CSV field quoted, XLSX spooled to a temporary file for streaming."""

import csv
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What a spreadsheet may read as the start of a formula (OWASP CSV injection): = + - @, and
# tab, CR and LF. Also matched: their full-width and small forms (U+FF1D, U+FF0B, U+FF0D,
# U+FF20, U+FE66, U+FE62, U+FE63, U+FE6B, by NFKC) and the minus sign U+2212.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\u2212")


def spreadsheet_safe(value) -> str:
    """The cell's text, made inert: prefixed with ' when a spreadsheet could run it.

    Control characters go first: XLSX (XML) cannot hold them, so openpyxl refuses the whole
    file, and removing one must not uncover a trigger behind it (U+0001 then "=1+1"). A cell that
    begins with any whitespace or invisible character (space, NBSP, ideographic space,
    zero-width space, BOM, bidi marks) is prefixed too: spreadsheets skip some of those and
    then see the formula behind them (" =1+1").
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    return "'" + text if _starts_like_formula(text) else text


def _starts_like_formula(text: str) -> bool:
    if not text:
        return False
    first = text[0]
    if first.isspace() or unicodedata.category(first) in {"Cc", "Cf", "Zs", "Zl", "Zp"}:
        return True
    return first in FORMULA_TRIGGERS or unicodedata.normalize("NFKC", first)[:1] in FORMULA_TRIGGERS


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV lines to stream. Every field quoted (OWASP): a separator or quote inside a cell
    never starts a new one, whatever separator the spreadsheet assumes."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row])


def xlsx_file(sheet_name: str, header: list[str], rows: Iterable[list]):
    """A write-only workbook spooled to a temporary file, ready to stream."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.append([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        sheet.append([spreadsheet_safe(cell) for cell in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the streaming response
    workbook.save(spool)
    spool.seek(0)
    return spool
