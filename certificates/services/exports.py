"""HR exports of the prerequisite matrix: streamed CSV, and XLSX; both audited."""

import csv
import tempfile
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lms.services import audit_record

from ..models import Position
from ..selectors import MatrixRow, check_in_words

# A spreadsheet treats a cell starting with these as a formula (CSV/XLSX injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    # Control characters go first: XLSX (XML) cannot hold them, so openpyxl refuses the whole
    # file, and removing one must not uncover a trigger behind it ("\x01=1+1").
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


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
    writer = csv.writer(_Echo())
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
