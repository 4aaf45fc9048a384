"""Item analysis against hand-computed values (the formulas: lms/analytics/item_analysis.py).

Five first attempts at four single-choice questions (1 = right):

    attempt  q1 q2 q3 q4
    A         1  1  1  1
    B         1  1  0  1
    C         1  0  0  1
    D         0  1  0  1
    E         1  0  1  1

By hand, rest-of-test scores X_i = (attempt total) - x_i:
- q1: x = 1,1,1,0,1 (F = 80); X = 3,2,1,2,2; x̄ = .8, X̄ = 2; Σ(x-x̄)(X-X̄) = .2 - .2 = 0, so D = 0.
- q2: x = 1,1,0,1,0 (F = 60); X = 3,2,2,1,3; x̄ = .6, X̄ = 2.2; Σdxdy = .32 - .08 + .12 - .48
  - .48 = -.6; Σdx² = 1.2; ΣdX² = .64 + .04 + .04 + 1.44 + .64 = 2.8;
  D = 100 * -.6 / √(1.2 * 2.8) = -32.73 (negative: flagged).
- q3: x = 1,0,0,0,1 (F = 40); X = 3,3,2,2,2; Σdxdy = .36 - .24 + .16 + .16 - .24 = .2;
  Σdx² = 1.2; ΣdX² = 1.2; D = 100 * .2 / 1.2 = 16.67.
- q4: everyone right (F = 100: very easy); no variance, so no D.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrolment, Question, QuizAttempt, QuizPage
from lms.analytics.item_analysis import item_statistics, pearson
from lms.analytics.selectors import quiz_item_analysis
from tests.factories import UserFactory, make_course

GRID = {
    "A": (1, 1, 1, 1),
    "B": (1, 1, 0, 1),
    "C": (1, 0, 0, 1),
    "D": (0, 1, 0, 1),
    "E": (1, 0, 1, 1),
}


def questions():
    # Question i has choices 10i (right) and 10i + 1 (wrong).
    return [
        (i, f"Q{i}", [(10 * i, "Right", True), (10 * i + 1, "Wrong", False)]) for i in (1, 2, 3, 4)
    ]


def attempt(row):
    answers = {
        str(i): [10 * i if right else 10 * i + 1]
        for i, right in zip((1, 2, 3, 4), row, strict=True)
    }
    results = {str(i): {"correct": bool(right)} for i, right in zip((1, 2, 3, 4), row, strict=True)}
    return [1, 2, 3, 4], answers, results


def test_facility_and_discrimination_match_the_hand_computed_values():
    stats = item_statistics(questions=questions(), attempts=[attempt(r) for r in GRID.values()])
    by_q = {s.question_id: s for s in stats}
    assert [by_q[i].facility for i in (1, 2, 3, 4)] == [80.0, 60.0, 40.0, 100.0]
    assert by_q[1].discrimination == pytest.approx(0.0, abs=1e-9)
    assert by_q[2].discrimination == pytest.approx(-32.733, abs=1e-3)
    assert by_q[3].discrimination == pytest.approx(16.667, abs=1e-3)
    assert by_q[4].discrimination is None
    assert by_q[1].flags == []
    assert by_q[2].flags == ["negative discrimination"]
    assert by_q[3].flags == []
    assert by_q[4].flags == ["very easy"]
    # How often each choice was picked: q2 right by A, B, D; wrong by C, E.
    assert [(c.text, c.picked, c.percent) for c in by_q[2].choices] == [
        ("Right", 3, 60.0),
        ("Wrong", 2, 40.0),
    ]


def test_a_question_drawn_from_a_pool_counts_only_the_attempts_shown_it():
    shown_all = attempt((1, 1, 1, 1))
    # An attempt shown only q1 and q2 (a pool of two): it says nothing about q3 and q4.
    partial = ([1, 2], {"1": [11], "2": [20]}, {"1": {"correct": False}, "2": {"correct": True}})
    stats = {
        s.question_id: s
        for s in item_statistics(questions=questions(), attempts=[shown_all, partial])
    }
    assert (stats[1].answers, stats[3].answers) == (2, 1)
    assert stats[1].facility == 50.0
    assert stats[3].facility == 100.0
    assert stats[3].flags == []  # under MIN_ANSWERS answers: no flag yet


def test_pearson_is_none_without_variance():
    assert pearson([1, 1, 1], [0, 1, 2]) is None
    assert pearson([1], [2]) is None
    assert pearson([0, 1], [0, 1]) == pytest.approx(1.0)


@pytest.mark.django_db
def test_the_selector_analyses_each_learners_first_submitted_attempt_only():
    course = make_course(modules=1, lessons_per_module=1, questions=4)
    quiz = QuizPage.objects.descendant_of(course).get()
    ids = list(
        Question.objects.filter(quiz=quiz).order_by("sort_order", "pk").values_list("pk", flat=True)
    )
    choice = {
        (q.pk, c.is_correct): c.pk
        for q in Question.objects.filter(quiz=quiz).prefetch_related("choices")
        for c in q.choices.all()
    }
    now = timezone.now()

    def submit(enrolment, number, row, status=QuizAttempt.Status.SUBMITTED):
        QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=number,
            seed=number,
            question_ids=ids,
            status=status,
            started_at=now - timedelta(minutes=10),
            submitted_at=None if status == QuizAttempt.Status.IN_PROGRESS else now,
            score_percent=None if status == QuizAttempt.Status.IN_PROGRESS else 100 * sum(row) / 4,
            answers={str(q): [choice[(q, bool(r))]] for q, r in zip(ids, row, strict=True)},
            results={str(q): {"correct": bool(r)} for q, r in zip(ids, row, strict=True)},
        )

    for name, row in GRID.items():
        enrolment = Enrolment.objects.create(
            learner=UserFactory(email=f"{name}@example.org"), course=course
        )
        submit(enrolment, 1, row)
        # Later retakes (all right) and an open attempt are not analysed.
        submit(enrolment, 2, (1, 1, 1, 1))
        submit(enrolment, 3, (0, 0, 0, 0), status=QuizAttempt.Status.IN_PROGRESS)
    figures = quiz_item_analysis(quiz=quiz)
    assert figures["attempts"] == 5
    assert [round(item.facility) for item in figures["items"]] == [80, 60, 40, 100]
    assert round(figures["items"][1].discrimination, 2) == -32.73
