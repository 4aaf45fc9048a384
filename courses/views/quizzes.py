"""Quiz attempts (start, answer, result) and trainers' marking of reflection answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from lms.core.errors import DomainError
from lms.core.http import problem_response

from .. import permissions
from ..forms import ReflectionMarkingForm
from ..models import (
    Choice,
    Enrolment,
    Question,
    QuizAttempt,
    QuizPage,
)
from ..quiz_rules import quiz_standing
from ..selectors import (
    attempts_awaiting_marking,
    enrolment_progress_for_page,
    quiz_attempts_for,
)
from ..services.quizzes import (
    REFLECTION_MAX_CHARACTERS,
    next_attempt_opens_phrase,
    quiz_attempt_mark,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from .pages import _learning_access


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
        return problem_response(
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
