"""A hub CE course's roster for CE-tracking services: previewed on the page, exported as CSV
or Excel by POST (an export names people, so it is audited and never starts from a link)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from lms.core.spreadsheets import csv_lines, xlsx_file

from .. import permissions
from ..forms import RosterForm
from ..models import CoursePage
from ..rosters import ROSTER_COLUMNS, roster_cells, roster_rows
from ..services.rosters import roster_export_audit

PREVIEW_ROWS = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def roster_view(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.select_related("ce_category"), pk=course_id)
    if not permissions.can_export_roster(request.user, course):
        raise PermissionDenied("CE rosters are for the trainers of this course.")
    export = request.POST.get("export") if request.method == "POST" else None
    if request.method == "POST" and export not in ("csv", "xlsx"):
        return HttpResponseBadRequest("Choose CSV or Excel to export.")
    data = request.POST if export else request.GET
    form = RosterForm(data or None, initial=RosterForm.initial_period())
    if form.is_bound and not form.is_valid():
        return render(request, "courses/roster.html", {"course": course, "form": form}, status=400)
    period = form.cleaned_data if form.is_bound else RosterForm.initial_period()
    rows = roster_rows(course=course, start=period["start"], end=period["end"])
    if export:
        roster_export_audit(
            course=course,
            start=period["start"],
            end=period["end"],
            export_format=export,
            rows=len(rows),
            acting_user=request.user,
        )
        name = f"ce-roster-{course.code.lower()}-{period['start']}-{period['end']}"
        cells = roster_cells(course, rows)
        if export == "csv":
            response = StreamingHttpResponse(
                csv_lines(ROSTER_COLUMNS, cells), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        return FileResponse(
            xlsx_file("CE roster", ROSTER_COLUMNS, cells),
            as_attachment=True,
            filename=f"{name}.xlsx",
            content_type=XLSX,
        )
    return render(
        request,
        "courses/roster.html",
        {
            "course": course,
            "form": form,
            "period": period,
            "rows": rows[:PREVIEW_ROWS],
            "total": len(rows),
            "people": len({row.attendee for row in rows}),
        },
    )
