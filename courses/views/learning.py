"""A learner's own screens: enrolling, finishing lessons, the dashboard, search and the calendar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lms.core.errors import DomainError
from lms.core.http import problem_response
from lms.people.models import User
from lms.people.services import calendar_token_reset

from .. import permissions
from ..calendar import learner_calendar
from ..forms import EnrolLearnerForm
from ..models import (
    CoursePage,
    Enrolment,
    LessonPage,
)
from ..selectors import (
    SEARCH_MAX_LENGTH,
    enrolment_for,
    enrolment_progress,
    learner_dashboard,
    site_search,
)
from ..services.enrolments import enrolment_create, enrolment_withdraw
from ..services.progress import lesson_complete
from .pages import _learning_access


@require_POST
@login_required
def lesson_complete_view(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    enrolment, _progress, refusal = _learning_access(request, lesson)
    if refusal:
        return refusal
    try:
        lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=request.user)
    except DomainError as error:
        return problem_response(request, error)
    enrolment.refresh_from_db()
    if enrolment.status == Enrolment.Status.COMPLETED:
        messages.success(request, "You have completed the course. Well done!")
        return redirect("courses:dashboard")
    next_step = enrolment_progress(enrolment).next_step
    messages.success(request, f"“{lesson.title}” marked complete.")
    return redirect(next_step.url if next_step else enrolment.course.url)


@require_POST
@login_required
def enrol_view(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not permissions.can_self_enrol(request.user):
        raise PermissionDenied("Enrolment is for peers. Ask an administrator to add the Peer role.")
    try:
        enrolment_create(learner=request.user, course=course, acting_user=request.user)
    except DomainError as error:
        return problem_response(request, error, context={"back_url": course.url})
    messages.success(request, f"You are enrolled in {course.title}. Welcome!")
    return redirect(course.url)


@require_POST
@login_required
def withdraw_view(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    enrolment = enrolment_for(user=request.user, course=course)
    if enrolment is None:
        raise PermissionDenied("You are not enrolled in this course.")
    try:
        enrolment_withdraw(enrolment=enrolment, acting_user=request.user)
    except DomainError as error:
        return problem_response(request, error, context={"back_url": course.url})
    messages.info(request, f"You have left {course.title}. You can enrol again at any time.")
    return redirect(course.url)


@login_required
def dashboard_view(request):
    return render(request, "courses/dashboard.html", learner_dashboard(user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def enrol_learner_view(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not permissions.can_enrol_others(request.user):
        raise PermissionDenied("Only trainers and supervisors enrol other people.")
    form = EnrolLearnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not permissions.can_enrol_learner(request.user, form.learner):
            raise PermissionDenied("You can enrol only the peers you supervise.")
        try:
            enrolment_create(learner=form.learner, course=course, acting_user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, f"{form.learner.preferred_name} is enrolled in {course.title}."
            )
            return redirect(course.url)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "courses/enrol_learner.html", {"course": course, "form": form}, status=status
    )


def search_view(request):
    """Site search over courses and the lessons the person may open (anonymous: courses)."""
    query = request.GET.get("q", "")
    if not isinstance(query, str):
        query = ""
    query = " ".join(query.replace("\x00", " ").split())
    problem = ""
    hits = None
    if len(query) > SEARCH_MAX_LENGTH:
        problem = f"Please search for at most {SEARCH_MAX_LENGTH} characters."
    elif query:
        hits = site_search(request=request, query=query)
    return render(
        request,
        "courses/search.html",
        {"query": query, "hits": hits, "problem": problem, "max_length": SEARCH_MAX_LENGTH},
        status=400 if problem else 200,
    )


@never_cache
def calendar_feed_view(request, token: str):
    """The learner's calendar, addressed by an unguessable token (calendar apps can't sign in)."""
    user = User.objects.filter(calendar_token=token, is_active=True).first() if token else None
    if user is None:
        raise Http404("No calendar at this address.")
    response = HttpResponse(
        learner_calendar(user=user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="peer-training-hub.ics"'
    return response


@require_POST
@login_required
def calendar_reset_view(request):
    calendar_token_reset(user=request.user)
    messages.success(request, "Your calendar address is ready. Any older address no longer works.")
    return redirect("courses:dashboard")
