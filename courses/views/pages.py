"""The course pages Wagtail serves: the catalogue, a course, a lesson and a quiz.

A page model never imports these views: `courses/wagtail_hooks.py` registers `page_serve`
for the `serve_course_page` hook, which the models' `serve` calls (`ServedByView`).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone

from .. import permissions
from ..caching import content_version
from ..models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    QuizPage,
)
from ..quiz_rules import quiz_standing
from ..selectors import (
    course_catalogue,
    course_page_context,
    enrolment_progress_for_page,
    quiz_attempts_for,
)
from ..services.progress import lesson_progress_start
from ..services.quizzes import (
    next_attempt_opens_phrase,
)


def _course_of(page) -> CoursePage:
    return CoursePage.objects.ancestor_of(page).get()


def _learning_access(request, page):
    """The enrolment and progress that let this user open `page`, or a redirect saying why not."""
    if not request.user.is_authenticated:
        return None, None, redirect_to_login(request.get_full_path())
    progress = enrolment_progress_for_page(user=request.user, page=page)
    if progress is None or progress.enrolment.status == Enrolment.Status.WITHDRAWN:
        messages.info(request, "Enrol in this course to open its lessons and quizzes.")
        return None, None, redirect(_course_of(page).url)
    enrolment = progress.enrolment
    step = progress.step_for(page.pk)
    if step is None or not step.unlocked:
        messages.warning(
            request, "That part of the course opens once you finish the modules before it."
        )
        return None, None, redirect(enrolment.course.url)
    return enrolment, progress, None


def lesson_serve(request, *, lesson: LessonPage):
    enrolment, progress, refusal = _learning_access(request, lesson)
    if refusal:
        return refusal
    navigation = progress.navigation_for(lesson.pk)
    done = navigation.step.done
    if not navigation.step.started:
        lesson_progress_start(enrolment=enrolment, lesson=lesson)
    return render(
        request,
        "courses/lesson_page.html",
        {
            "page": lesson,
            "course": enrolment.course,
            "enrolment": enrolment,
            "progress": progress,
            "lesson_done": done,
            "content_version": content_version(),  # the key of the cached lesson body
            "course_url": progress.course_url,
            "navigation": navigation,
            "previous_step": navigation.previous,
            "next_step": navigation.next,
        },
    )


def quiz_serve(request, *, quiz: QuizPage):
    enrolment, progress, refusal = _learning_access(request, quiz)
    if refusal:
        return refusal
    attempts = quiz_attempts_for(enrolment=enrolment, quiz=quiz)
    standing = quiz_standing(quiz=quiz, attempts=attempts, now=timezone.now())
    return render(
        request,
        "courses/quiz_page.html",
        {
            "page": quiz,
            "course": enrolment.course,
            "course_url": progress.course_url,
            "enrolment": enrolment,
            "attempts": attempts,
            "standing": standing,
            "open_attempt": standing.open_attempt,
            "passed": standing.passed,
            "attempts_left": standing.attempts_left,
            "next_attempt_opens": next_attempt_opens_phrase(standing.next_attempt_at)
            if standing.next_attempt_at
            else "",
            "navigation": progress.navigation_for(quiz.pk),
        },
    )


def catalogue_serve(request, *, index: CourseIndexPage):
    context = index.get_context(request)
    context.update(course_catalogue(index=index, params=request.GET, user=request.user))
    return TemplateResponse(request, index.get_template(request), context)


def course_serve(request, *, course: CoursePage):
    """A course's summary and outline; enrolled, its progress; otherwise how to enrol."""
    context = course.get_context(request)
    context.update(course_page_context(course=course, user=request.user))
    context["can_enrol_others"] = permissions.can_enrol_others(request.user)
    context["can_export_roster"] = course.ce_hours > 0 and permissions.can_export_roster(
        request.user, course
    )
    return TemplateResponse(request, course.get_template(request), context)


def page_serve(page, request):
    """The response for a course page, live or previewed (the `serve_course_page` hook)."""
    if isinstance(page, LessonPage):
        return lesson_serve(request, lesson=page)
    if isinstance(page, QuizPage):
        return quiz_serve(request, quiz=page)
    if isinstance(page, CoursePage):
        return course_serve(request, course=page)
    if isinstance(page, CourseIndexPage):
        return catalogue_serve(request, index=page)
    return None
