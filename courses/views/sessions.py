"""In-person sessions: signing up, a trainer's list, and recording attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lms.core.errors import DomainError
from lms.core.http import problem_response

from .. import permissions
from ..forms import AttendanceForm
from ..models import (
    Session,
)
from ..selectors import (
    attempts_awaiting_marking,
    enrolment_for,
    sessions_led_by,
)
from ..services.sessions import attendance_record, session_signup, session_signup_cancel


@require_POST
@login_required
def session_signup_view(request, session_id: int):
    session = get_object_or_404(Session.objects.select_related("course"), pk=session_id)
    enrolment = enrolment_for(user=request.user, course=session.course)
    if enrolment is None:
        raise PermissionDenied("Sign-up is open to people enrolled in this course.")
    try:
        if request.POST.get("action") == "cancel":
            session_signup_cancel(session=session, enrolment=enrolment, acting_user=request.user)
            messages.info(request, f"You are no longer signed up for {session.title}.")
        else:
            session_signup(session=session, enrolment=enrolment, acting_user=request.user)
            messages.success(request, f"You are signed up for {session.title}.")
    except DomainError as error:
        return problem_response(request, error, context={"back_url": session.course.url})
    return redirect(session.course.url)


@login_required
def sessions_view(request):
    if not permissions.can_run_sessions(request.user):
        raise PermissionDenied
    return render(
        request,
        "courses/sessions.html",
        {
            "sessions": sessions_led_by(user=request.user),
            "to_mark": attempts_awaiting_marking(user=request.user).count(),
        },
    )


@login_required
def attendance_view(request, session_id: int):
    session = get_object_or_404(Session.objects.select_related("course", "trainer"), pk=session_id)
    if not permissions.can_record_attendance(request.user, session):
        raise PermissionDenied("Only the session's trainer or a lead trainer records attendance.")
    form = AttendanceForm(session=session, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = attendance_record(session=session, lines=form.lines(), acting_user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return render(
                request, "courses/attendance.html", {"session": session, "form": form}, status=400
            )
        messages.success(
            request,
            ngettext(
                "Attendance saved for %(count)d person.",
                "Attendance saved for %(count)d people.",
                count,
            )
            % {"count": count},
        )
        return redirect("courses:attendance", session_id=session.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "courses/attendance.html", {"session": session, "form": form}, status=status
    )
