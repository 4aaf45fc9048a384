"""Learner and trainer screens. Thin: parse, ask permissions, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lms.core.errors import DomainError
from lms.people.services import calendar_token_reset

from . import permissions
from .caching import content_version
from .calendar import learner_calendar
from .forms import AttendanceForm, EnrolLearnerForm, ReflectionMarkingForm
from .models import (
    Choice,
    CoursePage,
    Enrolment,
    LessonPage,
    Question,
    QuizAttempt,
    QuizPage,
    Session,
)
from .quiz_rules import quiz_standing
from .selectors import (
    SEARCH_MAX_LENGTH,
    attempts_awaiting_marking,
    enrolment_for,
    enrolment_progress,
    enrolment_progress_for_page,
    learner_dashboard,
    quiz_attempts_for,
    sessions_led_by,
    site_search,
)
from .services.enrolments import enrolment_create, enrolment_withdraw
from .services.progress import lesson_complete, lesson_progress_start
from .services.quizzes import (
    REFLECTION_MAX_CHARACTERS,
    next_attempt_opens_phrase,
    quiz_attempt_mark,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from .services.sessions import attendance_record, session_signup, session_signup_cancel


def domain_error_response(
    request, error: DomainError, *, template="courses/problem.html", context=None
):
    return render(
        request, template, {"problem": error.message, **(context or {})}, status=error.status_code
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
        return domain_error_response(request, error)
    enrolment.refresh_from_db()
    if enrolment.status == Enrolment.Status.COMPLETED:
        messages.success(request, "You have completed the course. Well done!")
        return redirect("courses:dashboard")
    next_step = enrolment_progress(enrolment).next_step
    messages.success(request, f"“{lesson.title}” marked complete.")
    return redirect(next_step.url if next_step else enrolment.course.url)


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


@require_POST
@login_required
def quiz_start_view(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    enrolment, _progress, refusal = _learning_access(request, quiz)
    if refusal:
        return refusal
    try:
        attempt = quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=request.user)
    except DomainError as error:
        return domain_error_response(
            request, error, context={"back_url": quiz.url, "back_label": "Back to the quiz"}
        )
    return redirect("courses:attempt", attempt_id=attempt.pk)


@login_required
def attempt_view(request, attempt_id: int):
    # The course is only on the result page (fetched there): joining it to every attempt
    # request would cost the quiz-start spike a second page row per request.
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("quiz", "enrolment"), pk=attempt_id
    )
    if not permissions.can_view_attempt(request.user, attempt):
        raise PermissionDenied("This quiz attempt belongs to someone else.")
    if request.method == "POST":
        try:
            result = quiz_attempt_submit(
                attempt=attempt, data=request.POST, acting_user=request.user
            )
        except DomainError as error:
            return render(
                request,
                "courses/attempt.html",
                {**_attempt_context(attempt, request.POST), "problem": error.message},
                status=error.status_code,
            )
        if result.already_submitted:
            messages.info(request, "This attempt was already submitted; here is its result.")
        return redirect("courses:attempt", attempt_id=attempt.pk)
    if attempt.is_open:
        return render(request, "courses/attempt.html", _attempt_context(attempt, None))
    return render(request, "courses/attempt_result.html", _result_context(request, attempt))


def _ordered_questions(attempt: QuizAttempt):
    """The attempt's questions and choices in its drawn order, in one query (choices joined
    to their question)."""
    questions, choices_of = {}, {}
    for choice in Choice.objects.filter(
        question__quiz_id=attempt.quiz_id, question_id__in=attempt.question_ids
    ).select_related("question"):
        questions.setdefault(choice.question_id, choice.question)
        choices_of.setdefault(choice.question_id, {})[choice.pk] = choice
    without_choices = set(attempt.question_ids) - set(questions)
    if without_choices:  # reflections have no choices: one more query, only when there are some
        for question in Question.objects.filter(quiz_id=attempt.quiz_id, pk__in=without_choices):
            questions[question.pk] = question
            choices_of[question.pk] = {}
    ordered = []
    for question_id in attempt.question_ids:
        question = questions.get(question_id)
        if question is None:
            continue
        choices = choices_of[question_id]
        order = attempt.choice_orders.get(str(question_id), [])
        ordered.append((question, [choices[cid] for cid in order if cid in choices]))
    return ordered


def _attempt_context(attempt: QuizAttempt, submitted):
    chosen = {}
    if submitted is not None:
        for key in submitted:
            if key.startswith("q_"):
                chosen[key] = set(submitted.getlist(key))
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "reflection_max": REFLECTION_MAX_CHARACTERS,
        "questions": [
            (question, choices, chosen.get(f"q_{question.pk}", set()))
            for question, choices in _ordered_questions(attempt)
        ],
    }


def _review_rows(attempt: QuizAttempt) -> list[dict]:
    rows = []
    for question, choices in _ordered_questions(attempt):
        chosen = set(attempt.answers.get(str(question.pk), []))
        result = attempt.results.get(str(question.pk), {})
        rows.append(
            {
                "question": question,
                "correct": result.get("correct"),
                "awaiting_marking": result.get("awaiting_marking", False),
                "trainer_feedback": result.get("feedback", ""),
                "written": attempt.written_answers.get(str(question.pk), ""),
                "choices": [(choice, choice.pk in chosen) for choice in choices],
            }
        )
    return rows


def _result_context(request, attempt: QuizAttempt):
    """The attempt's result, with what the quiz's review options allow for where the learner
    now stands, and where to go next."""
    quiz = attempt.quiz
    enrolment = attempt.enrolment
    standing = quiz_standing(
        quiz=quiz,
        attempts=quiz_attempts_for(enrolment=enrolment, quiz=quiz),
        now=timezone.now(),
    )
    review = quiz.review_options(standing.review_state)
    progress = enrolment_progress_for_page(user=request.user, page=quiz)
    navigation = progress.navigation_for(quiz.pk) if progress else None
    next_step = navigation.next if navigation else None
    if progress and (next_step is None or not next_step.unlocked):
        # The step after the quiz is still locked (or there is none): lead to what is left.
        next_step = progress.next_step if progress.next_step is not navigation.step else None
    course_complete = enrolment.status == Enrolment.Status.COMPLETED and bool(attempt.passed)
    return {
        "attempt": attempt,
        "quiz": quiz,
        "rows": _review_rows(attempt) if review.any else [],
        "review": review,
        "review_state": standing.review_state,
        "standing": standing,
        "next_attempt_opens": next_attempt_opens_phrase(standing.next_attempt_at)
        if standing.next_attempt_at
        else "",
        "next_step": next_step if next_step and next_step.unlocked else None,
        "course_complete": course_complete,
        "credential": enrolment.credential if course_complete else None,
        "course": enrolment.course,
        "course_url": progress.course_url if progress else enrolment.course.url,
    }


@login_required
def marking_queue_view(request):
    if not permissions.can_mark_quizzes(request.user):
        raise PermissionDenied("Marking is for trainers.")
    return render(
        request,
        "courses/marking_queue.html",
        {"attempts": list(attempts_awaiting_marking(user=request.user)[:200])},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mark_attempt_view(request, attempt_id: int):
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("quiz", "enrolment__learner", "enrolment__course"),
        pk=attempt_id,
    )
    if not permissions.can_mark_attempt(request.user, attempt):
        raise PermissionDenied("Only trainers who may edit this course mark its quizzes.")
    if not attempt.is_awaiting_marking:
        messages.info(request, "This attempt has already been marked.")
        return redirect("courses:marking_queue")
    rows = _review_rows(attempt)
    reflections = [row["question"] for row in rows if row["question"].kind == "reflection"]
    form = ReflectionMarkingForm(
        reflections=reflections, data=request.POST if request.method == "POST" else None
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                marked = quiz_attempt_mark(
                    attempt=attempt, marks=form.marks(), acting_user=request.user
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                outcome = "passed" if marked.passed else "not passed yet"
                messages.success(
                    request,
                    f"Marked: {attempt.enrolment.learner.preferred_name}'s attempt at "
                    f"{attempt.quiz.title} is {outcome} "
                    f"({marked.score_percent:.0f}%). They have been notified.",
                )
                return redirect("courses:marking_queue")
    return render(
        request,
        "courses/mark_attempt.html",
        {"attempt": attempt, "rows": rows, "form": form},
        status=status,
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


@require_POST
@login_required
def enrol_view(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not permissions.can_self_enrol(request.user):
        raise PermissionDenied("Enrolment is for peers. Ask an administrator to add the Peer role.")
    try:
        enrolment_create(learner=request.user, course=course, acting_user=request.user)
    except DomainError as error:
        return domain_error_response(request, error, context={"back_url": course.url})
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
        return domain_error_response(request, error, context={"back_url": course.url})
    messages.info(request, f"You have left {course.title}. You can enrol again at any time.")
    return redirect(course.url)


@login_required
def dashboard_view(request):
    return render(request, "courses/dashboard.html", learner_dashboard(user=request.user))


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
        return domain_error_response(request, error, context={"back_url": session.course.url})
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


@never_cache
def calendar_feed_view(request, token: str):
    """The learner's calendar, addressed by an unguessable token (calendar apps can't sign in)."""
    from lms.people.models import User

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
