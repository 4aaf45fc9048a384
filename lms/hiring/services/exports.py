"""HR exports of the prerequisite matrix: streamed CSV, and XLSX; both audited."""

from collections.abc import Iterator

from lms.core.spreadsheets import csv_lines, xlsx_file
from lms.people.services import audit_record

from ..models import Position
from ..selectors import MatrixRow, check_in_words


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
    return cells


def matrix_csv_lines(*, positions, rows: list[MatrixRow]) -> Iterator[str]:
    return csv_lines(_header(positions), (_cells(row) for row in rows))


def matrix_xlsx_file(*, positions, rows: list[MatrixRow]):
    return xlsx_file("Prerequisites", _header(positions), (_cells(row) for row in rows))


def matrix_export_audit(*, acting_user, export_format: str, filters: dict, row_count: int) -> None:
    audit_record(
        actor=acting_user,
        action="hr.export",
        target=acting_user,
        detail={"format": export_format, "filters": filters, "rows": row_count},
    )
