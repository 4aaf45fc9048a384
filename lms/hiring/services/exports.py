"""HR exports of the prerequisite matrix: streamed CSV, and XLSX; both audited."""

import csv
import tempfile
import unicodedata
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lms.people.services import audit_record

from ..models import Position
from ..selectors import MatrixRow, check_in_words

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


def _header(positions: list[Position]) -> list[str]:
    """Per position, its status (Met / Missing / Expiring: a column to filter on) and what
    is missing or expiring, in the page's words."""
    columns = ["Name on certificates", "Email"]
    for position in positions:
        columns += [position.name, f"{position.name}: what is missing or expiring"]
    return columns


def _cells(row: MatrixRow) -> list[str]:
    cells = [row.person.certificate_name, row.person.email]
    for check in row.checks:
        words = check_in_words(check)
        cells += [words.word, "; ".join(words.details)]
    return [spreadsheet_safe(cell) for cell in cells]


class _Echo:
    def write(self, value):
        return value


def matrix_csv_lines(*, positions, rows: list[MatrixRow]) -> Iterator[str]:
    # Every field quoted (OWASP): a separator or quote inside a cell never starts a new one,
    # whatever separator the spreadsheet assumes.
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield writer.writerow([spreadsheet_safe(cell) for cell in _header(positions)])
    for row in rows:
        yield writer.writerow(_cells(row))


def matrix_xlsx_file(*, positions, rows: list[MatrixRow]):
    """A write-only workbook spooled to a temporary file, ready to stream."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Prerequisites")
    sheet.append([spreadsheet_safe(cell) for cell in _header(positions)])
    for row in rows:
        sheet.append(_cells(row))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the streaming response
    workbook.save(spool)
    spool.seek(0)
    return spool


def matrix_export_audit(*, acting_user, export_format: str, filters: dict, row_count: int) -> None:
    audit_record(
        actor=acting_user,
        action="hr.export",
        target=acting_user,
        detail={"format": export_format, "filters": filters, "rows": row_count},
    )
