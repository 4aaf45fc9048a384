"""Analytics pages: course analytics and item analysis (trainers), the hub dashboard (lead
trainers, administrators), the supervisor's charts, and the funder report."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from courses.models import CoursePage, QuizPage

from . import permissions
from .figures import course_charts, hub_charts, quiz_charts, supervision_charts
from .forms import FunderReportForm
from .models import FunderReport
from .selectors import (
    ce_compliance,
    course_analytics,
    credential_flow,
    credentials_expiring,
    peers_trained_by_track,
    quiz_item_analysis,
    supervision_analytics,
    supervisor_load,
)
from .services import funder_report_request


@login_required
def course_list_view(request):
    if not permissions.can_use_course_analytics(request.user):
        raise PermissionDenied("Course analytics are for trainers.")
    courses = (
        permissions.courses_analysable_by(request.user)
        .select_related("track")
        .order_by("track__sort_order", "title")
    )
    return render(request, "analytics/course_list.html", {"courses": courses})


@login_required
def course_view(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    if not permissions.can_view_course_analytics(request.user, course):
        raise PermissionDenied("You can see the analytics of the courses you may edit.")
    figures = course_analytics(course=course)
    quizzes = QuizPage.objects.descendant_of(course).live().order_by("path").values("pk", "title")
    return render(
        request,
        "analytics/course.html",
        {
            "course": course,
            "charts": course_charts(figures),
            "quizzes": quizzes,
            "figures": figures,
        },
    )


@login_required
def quiz_view(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    if not permissions.can_view_quiz_analytics(request.user, quiz):
        raise PermissionDenied("You can see the analytics of the quizzes you may edit.")
    figures = quiz_item_analysis(quiz=quiz)
    course = CoursePage.objects.ancestor_of(quiz).first()
    return render(
        request,
        "analytics/quiz.html",
        {"quiz": quiz, "course": course, "figures": figures, "items": quiz_charts(figures)},
    )


@login_required
def hub_view(request):
    if not permissions.can_view_hub_dashboard(request.user):
        raise PermissionDenied("The hub dashboard is for lead trainers and administrators.")
    by = "quarter" if request.GET.get("by") == "quarter" else "month"
    today = timezone.localdate()
    figures = {
        "by": by,
        "trained": peers_trained_by_track(today=today, by=by),
        "flow": credential_flow(today=today),
        "expiring": credentials_expiring(today=today),
        "ce": ce_compliance(today=today),
        "load": supervisor_load(today=today),
    }
    return render(
        request, "analytics/hub.html", {"charts": hub_charts(figures), "figures": figures}
    )


@login_required
def supervision_view(request):
    if not permissions.can_use_supervision_analytics(request.user):
        raise PermissionDenied("These charts are for supervisors.")
    figures = supervision_analytics(supervisor=request.user)
    return render(request, "analytics/supervision.html", {"charts": supervision_charts(figures)})


@login_required
@require_http_methods(["GET", "POST"])
def funder_report_form_view(request):
    if not permissions.can_request_funder_report(request.user):
        raise PermissionDenied("Funder reports are for lead trainers and administrators.")
    today = timezone.localdate()
    initial = {"period_start": date(today.year, 1, 1), "period_end": today}
    form = FunderReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        report = funder_report_request(
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            track_ids=[track.pk for track in form.cleaned_data["tracks"]],
            acting_user=request.user,
        )
        return redirect("analytics:funder_report", report_id=report.pk)
    recent = FunderReport.objects.all()[:10]
    return render(
        request,
        "analytics/funder_form.html",
        {"form": form, "recent": recent},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def funder_report_view(request, report_id: int):
    if not permissions.can_request_funder_report(request.user):
        raise PermissionDenied("Funder reports are for lead trainers and administrators.")
    report = get_object_or_404(FunderReport, pk=report_id)
    return render(request, "analytics/funder_report.html", {"report": report})


@login_required
def funder_report_file_view(request, report_id: int, kind: str):
    if not permissions.can_request_funder_report(request.user):
        raise PermissionDenied("Funder reports are for lead trainers and administrators.")
    report = get_object_or_404(FunderReport, pk=report_id, status=FunderReport.Status.DONE)
    field = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if not field:
        raise Http404
    content_type = {
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[kind]
    name = f"funder-report-{report.period_start}-{report.period_end}.{kind}"
    response = FileResponse(
        field.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
