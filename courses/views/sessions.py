"""In-person sessions: signing up, a trainer's list, and recording attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lms.core.errors import DomainError
from lms.core.http import problem_response
from lms.core.text import hours_number

from .. import permissions
from ..forms import AttendanceForm
from ..models import (
    Enrolment,
    Session,
)
from ..selectors import (
    attempts_awaiting_marking,
    enrolment_for,
    partial_credit_rows,
    sessions_led_by,
)
from ..services.completion import enrolment_give_partial_credit
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
            return _attendance_page(request, session, form, status=400)
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
    return _attendance_page(request, session, form, status=400 if request.method == "POST" else 200)


def _attendance_page(request, session, form, *, status: int):
    context = {
        "session": session,
        "form": form,
        "partial_credit": partial_credit_rows(session=session),
    }
    return render(request, "courses/attendance.html", context, status=status)


@require_POST
@login_required
def partial_credit_view(request, session_id: int, enrolment_id: int):
    """Close a learner's unfinished enrolment with a certificate for the hours attended."""
    session = get_object_or_404(Session.objects.select_related("course"), pk=session_id)
    if not permissions.can_record_attendance(request.user, session):
        raise PermissionDenied("Only the session's trainer or a lead trainer gives partial credit.")
    enrolment = get_object_or_404(
        Enrolment.objects.filter(
            Q(session_signups__session=session) | Q(attendance__session=session)
        ).distinct(),
        pk=enrolment_id,
        course_id=session.course_id,
    )
    try:
        enrolment = enrolment_give_partial_credit(
            enrolment_id=enrolment.pk, acting_user=request.user
        )
    except DomainError as error:
        back = reverse("courses:attendance", args=[session.pk])
        return problem_response(request, error, back_url=back)
    messages.success(
        request,
        f"{enrolment.learner.preferred_name} has a certificate for "
        f"{hours_number(enrolment.credential.ce_hours)} CE hours, for the time attended; "
        "their enrolment is closed.",
    )
    return redirect("courses:attendance", session_id=session.pk)
