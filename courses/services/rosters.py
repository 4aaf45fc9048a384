"""Exporting a CE roster writes who took it, for which course and period (it names people)."""

from datetime import date

from lms.people.services import audit_record

from ..models import CoursePage


def roster_export_audit(
    *, course: CoursePage, start: date, end: date, export_format: str, rows: int, acting_user
) -> None:
    audit_record(
        actor=acting_user,
        action="roster.export",
        target=course,
        detail={
            "format": export_format,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "rows": rows,
        },
    )
