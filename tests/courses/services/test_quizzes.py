"""Quiz attempts: grading, replay, attempt limits, the seeded draw, time limits and tampering."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.models import Enrolment, Question, QuestionKind, QuizAttempt
from courses.services.enrolments import enrolment_withdraw
from courses.services.quizzes import (
    DEADLINE_GRACE,
    _draw,
    parse_answers,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.core.errors import Conflict, DomainError, NotAllowed
from tests.courses.helpers import (
    add_page,
    answers,
    attempt_snapshot,
    correct_ids,
    drawn_questions,
    enrol,
    fail_quiz,
    make_quiz_course,
    many_questions,
    pass_quiz,
    quiz_page,
    wrong_ids,
)

pytestmark = pytest.mark.django_db


def start(enrolment, quiz):
    return quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=enrolment.learner)


def submit(attempt, data, user=None):
    return quiz_attempt_submit(
        attempt=attempt, data=data, acting_user=user or attempt.enrolment.learner
    )


def course_of(quiz):
    return quiz.get_parent().get_parent().specific


def question_of_kind(quiz, kind) -> Question:
    return quiz.questions.get(kind=kind)


# Grading ------------------------------------------------------------------------------


def test_all_right_scores_100_passes_and_stores_the_answers(mixed_quiz, mixed_quiz_enrolment):
    attempt = start(mixed_quiz_enrolment, mixed_quiz)

    result = submit(attempt, answers(attempt))

    assert result.already_submitted is False
    stored = QuizAttempt.objects.get(pk=attempt.pk)
    assert stored.status == QuizAttempt.Status.SUBMITTED
    assert stored.submitted_at is not None
    assert stored.score_percent == Decimal("100.00")
    assert stored.passed is True
    assert stored.answers == {str(q.pk): correct_ids(q) for q in mixed_quiz.questions.all()}
    assert stored.results == {str(q.pk): {"correct": True} for q in mixed_quiz.questions.all()}


@pytest.mark.parametrize(
    ("pick", "counts_as_right"),
    [
        pytest.param(lambda q: correct_ids(q), True, id="exactly-the-right-ones"),
        pytest.param(lambda q: correct_ids(q)[:1], False, id="only-some-right-ones"),
        pytest.param(lambda q: correct_ids(q) + wrong_ids(q)[:1], False, id="right-plus-a-wrong"),
        pytest.param(lambda q: wrong_ids(q), False, id="only-wrong-ones"),
        pytest.param(lambda q: correct_ids(q) + wrong_ids(q), False, id="every-choice"),
    ],
)
def test_multiple_select_is_right_only_on_an_exact_match(
    mixed_quiz, mixed_quiz_enrolment, pick, counts_as_right
):
    multiple = question_of_kind(mixed_quiz, QuestionKind.MULTIPLE)
    attempt = start(mixed_quiz_enrolment, mixed_quiz)

    submit(attempt, answers(attempt, picks={multiple.pk: pick(multiple)}))

    attempt.refresh_from_db()
    assert attempt.results[str(multiple.pk)] == {"correct": counts_as_right}
    assert attempt.answers[str(multiple.pk)] == sorted(pick(multiple))
    # The other two questions were right: 3/3 passes, 2/3 (66.67%) is under the 75% mark.
    assert attempt.score_percent == (Decimal("100.00") if counts_as_right else Decimal("66.67"))
    assert attempt.passed is counts_as_right


@pytest.mark.parametrize("kind", [QuestionKind.SINGLE, QuestionKind.TRUE_FALSE])
def test_a_wrong_single_or_true_false_answer_is_marked_wrong(
    mixed_quiz, mixed_quiz_enrolment, kind
):
    question = question_of_kind(mixed_quiz, kind)
    attempt = start(mixed_quiz_enrolment, mixed_quiz)

    submit(attempt, answers(attempt, right=set(attempt.question_ids) - {question.pk}))

    attempt.refresh_from_db()
    assert attempt.results[str(question.pk)] == {"correct": False}
    assert attempt.answers[str(question.pk)] == wrong_ids(question)[:1]
    assert attempt.score_percent == Decimal("66.67")
    assert attempt.passed is False


@pytest.mark.parametrize(
    ("right_count", "score", "passed"),
    [(4, "100.00", True), (3, "75.00", True), (2, "50.00", False), (0, "0.00", False)],
)
def test_the_pass_mark_is_inclusive(peer, right_count, score, passed):
    quiz = make_quiz_course(many_questions(4, choices=2), pass_mark_percent=75)
    attempt = start(enrol(peer, course_of(quiz)), quiz)

    submit(attempt, answers(attempt, right=set(attempt.question_ids[:right_count])))

    attempt.refresh_from_db()
    assert attempt.score_percent == Decimal(score)
    assert attempt.passed is passed


def test_each_attempt_keeps_its_own_answers_and_score(mixed_quiz, mixed_quiz_enrolment):
    first = fail_quiz(mixed_quiz_enrolment, mixed_quiz)
    second = pass_quiz(mixed_quiz_enrolment, mixed_quiz)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.score_percent == Decimal("0.00") and first.passed is False
    assert second.score_percent == Decimal("100.00") and second.passed is True
    assert first.answers != second.answers
    assert all(not r["correct"] for r in first.results.values())
    assert all(r["correct"] for r in second.results.values())


# Replays and the attempt limit -----------------------------------------------------------


def test_a_submitted_attempt_never_changes_and_a_replay_says_so(mixed_quiz, mixed_quiz_enrolment):
    attempt = start(mixed_quiz_enrolment, mixed_quiz)
    submit(attempt, answers(attempt))
    before = attempt_snapshot(attempt)

    replay = submit(attempt, answers(attempt))  # the double click
    different = submit(attempt, answers(attempt, right=set()))  # a replay with other answers
    tampered = submit(attempt, {"q_1": "not a choice"})

    for result in (replay, different, tampered):
        assert result.already_submitted is True
        assert result.attempt.score_percent == Decimal("100.00")
    assert attempt_snapshot(attempt) == before
    assert QuizAttempt.objects.filter(enrolment=mixed_quiz_enrolment).count() == 1


def test_starting_while_an_attempt_is_open_returns_that_attempt(mixed_quiz, mixed_quiz_enrolment):
    first = start(mixed_quiz_enrolment, mixed_quiz)
    again = start(mixed_quiz_enrolment, mixed_quiz)

    assert again.pk == first.pk
    assert (again.seed, again.question_ids, again.choice_orders) == (
        first.seed,
        first.question_ids,
        first.choice_orders,
    )


def test_max_attempts_refuses_a_new_attempt_after_the_limit(peer):
    quiz = make_quiz_course(many_questions(1, choices=2), max_attempts=2)
    enrolment = enrol(peer, course_of(quiz))
    fail_quiz(enrolment, quiz)
    fail_quiz(enrolment, quiz)

    with pytest.raises(Conflict, match="every attempt"):
        start(enrolment, quiz)
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 2


def test_zero_max_attempts_means_unlimited(peer):
    quiz = make_quiz_course(many_questions(1, choices=2), max_attempts=0)
    enrolment = enrol(peer, course_of(quiz))
    for _ in range(5):
        fail_quiz(enrolment, quiz)

    sixth = start(enrolment, quiz)

    assert sixth.number == 6
    assert sixth.is_open


def test_a_passed_quiz_is_not_started_again(mixed_quiz, mixed_quiz_enrolment):
    pass_quiz(mixed_quiz_enrolment, mixed_quiz)

    with pytest.raises(Conflict, match="already passed"):
        start(mixed_quiz_enrolment, mixed_quiz)


def test_only_the_active_learner_can_start_an_attempt(mixed_quiz, mixed_quiz_enrolment, other_peer):
    with pytest.raises(NotAllowed):
        quiz_attempt_start(enrolment=mixed_quiz_enrolment, quiz=mixed_quiz, acting_user=other_peer)
    enrolment_withdraw(enrolment=mixed_quiz_enrolment, acting_user=mixed_quiz_enrolment.learner)
    mixed_quiz_enrolment.refresh_from_db()
    with pytest.raises(NotAllowed):
        start(mixed_quiz_enrolment, mixed_quiz)
    assert not QuizAttempt.objects.exists()


# The seeded draw: shuffling and pools ------------------------------------------------------


@pytest.fixture
def shuffled_quiz(db):
    return make_quiz_course(
        many_questions(8, choices=4), shuffle_questions=True, shuffle_choices=True
    )


def question_ids_of(quiz) -> list[int]:
    return list(quiz.questions.order_by("sort_order", "pk").values_list("pk", flat=True))


def test_the_same_seed_gives_the_same_order_of_questions_and_choices(shuffled_quiz):
    for seed in (0, 1, 2**61 + 12345):
        assert _draw(shuffled_quiz, seed) == _draw(shuffled_quiz, seed)


def test_different_seeds_give_different_orders(shuffled_quiz):
    draws = [_draw(shuffled_quiz, seed) for seed in range(8)]
    question_orders = {tuple(question_ids) for question_ids, _ in draws}
    choice_orders = {tuple(tuple(orders[key]) for key in sorted(orders)) for _, orders in draws}

    assert len(question_orders) >= 2
    assert len(choice_orders) >= 2
    ids = question_ids_of(shuffled_quiz)
    for question_ids, orders in draws:
        assert sorted(question_ids) == sorted(ids)  # a permutation: nothing lost or repeated
        for question in shuffled_quiz.questions.all():
            assert sorted(orders[str(question.pk)]) == sorted(
                question.choices.values_list("pk", flat=True)
            )


def test_an_attempt_keeps_its_order_on_reload(peer, shuffled_quiz):
    attempt = start(enrol(peer, course_of(shuffled_quiz)), shuffled_quiz)

    reloaded = QuizAttempt.objects.get(pk=attempt.pk)

    assert (reloaded.question_ids, reloaded.choice_orders) == _draw(shuffled_quiz, attempt.seed)
    assert start(attempt.enrolment, shuffled_quiz).question_ids == reloaded.question_ids


def test_without_shuffling_the_authored_order_is_kept(peer):
    quiz = make_quiz_course(
        many_questions(5, choices=3), shuffle_questions=False, shuffle_choices=False
    )
    natural = (
        question_ids_of(quiz),
        {
            str(q.pk): list(q.choices.order_by("sort_order").values_list("pk", flat=True))
            for q in quiz.questions.all()
        },
    )

    assert all(_draw(quiz, seed) == natural for seed in range(5))


def test_true_or_false_choices_are_never_shuffled(peer):
    quiz = make_quiz_course(many_questions(6, choices=2, kind=QuestionKind.TRUE_FALSE))
    natural = {
        str(q.pk): list(q.choices.order_by("sort_order").values_list("pk", flat=True))
        for q in quiz.questions.all()
    }

    assert all(_draw(quiz, seed)[1] == natural for seed in range(5))


def test_a_pool_draws_n_distinct_questions_of_the_quiz(peer):
    quiz = make_quiz_course(many_questions(8, choices=2), pool_size=3, pass_mark_percent=60)
    quiz_question_ids = set(question_ids_of(quiz))

    draws = [_draw(quiz, seed) for seed in range(8)]
    for question_ids, orders in draws:
        assert len(question_ids) == len(set(question_ids)) == 3
        assert set(question_ids) <= quiz_question_ids
        assert set(orders) == {str(pk) for pk in question_ids}
    assert len({frozenset(question_ids) for question_ids, _ in draws}) >= 2

    attempt = start(enrol(peer, course_of(quiz)), quiz)
    assert len(attempt.question_ids) == 3
    submit(attempt, answers(attempt, right=set(attempt.question_ids[:2])))
    attempt.refresh_from_db()
    assert attempt.score_percent == Decimal("66.67")  # scored out of the 3 drawn, not the 8
    assert attempt.passed is True


def test_a_pool_larger_than_the_quiz_uses_every_question(peer):
    quiz = make_quiz_course(many_questions(3, choices=2), pool_size=10)

    question_ids, _ = _draw(quiz, 7)

    assert sorted(question_ids) == sorted(question_ids_of(quiz))


# Time limits -------------------------------------------------------------------------------


@pytest.fixture
def timed_quiz(db):
    return make_quiz_course(many_questions(2, choices=2), time_limit_minutes=10)


@pytest.fixture
def timed_attempt(peer, timed_quiz):
    return start(enrol(peer, course_of(timed_quiz)), timed_quiz)


def move_deadline(attempt, *, ago: timedelta):
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - ago)
    attempt.refresh_from_db()


def test_a_timed_attempt_has_a_deadline(timed_attempt):
    assert timed_attempt.deadline_at == timed_attempt.started_at + timedelta(minutes=10)


def test_a_submission_after_the_deadline_and_grace_is_refused_and_saves_nothing(timed_attempt):
    move_deadline(timed_attempt, ago=DEADLINE_GRACE + timedelta(seconds=60))
    before = attempt_snapshot(timed_attempt)

    with pytest.raises(DomainError, match="time limit"):
        submit(timed_attempt, answers(timed_attempt))

    assert attempt_snapshot(timed_attempt) == before
    assert before["status"] == QuizAttempt.Status.IN_PROGRESS
    assert before["answers"] == {}


def test_a_submission_within_the_grace_is_accepted(timed_attempt):
    # Well inside the 30 s grace, so the margin does not depend on how fast the test runs.
    move_deadline(timed_attempt, ago=timedelta(seconds=2))

    result = submit(timed_attempt, answers(timed_attempt))

    assert result.attempt.status == QuizAttempt.Status.SUBMITTED
    assert result.attempt.passed is True


def test_starting_again_after_the_deadline_times_out_the_old_attempt(timed_quiz, timed_attempt):
    move_deadline(timed_attempt, ago=DEADLINE_GRACE + timedelta(minutes=5))

    fresh = start(timed_attempt.enrolment, timed_quiz)

    old = QuizAttempt.objects.get(pk=timed_attempt.pk)
    assert old.status == QuizAttempt.Status.TIMED_OUT
    assert old.passed is False
    assert old.score_percent == Decimal("0")
    assert old.submitted_at == old.deadline_at
    assert old.answers == {}
    assert fresh.pk != old.pk
    assert fresh.number == 2
    assert fresh.is_open


# Tampered answers ----------------------------------------------------------------------------


@pytest.fixture
def tamper(peer):
    """An open attempt drawing 4 of 5 questions, with a quiz beside it to borrow choices from.

    Two questions are single-choice and two true/false, so one of each is always drawn.
    """
    quiz = make_quiz_course(
        [
            (QuestionKind.SINGLE, [True, False, False]),
            (QuestionKind.MULTIPLE, [True, True, False]),
            (QuestionKind.TRUE_FALSE, [True, False]),
            (QuestionKind.SINGLE, [False, True]),
            (QuestionKind.TRUE_FALSE, [False, True]),
        ],
        pool_size=4,
    )
    other_quiz = add_page(
        quiz.get_parent(), quiz_page(many_questions(1, choices=2), slug="other-quiz")
    )
    attempt = start(enrol(peer, course_of(quiz)), quiz)
    drawn = drawn_questions(attempt)
    return {
        "attempt": attempt,
        "drawn": drawn,
        "single": next(q for q in drawn if q.kind == QuestionKind.SINGLE),
        "true_false": next(q for q in drawn if q.kind == QuestionKind.TRUE_FALSE),
        "undrawn": quiz.questions.exclude(pk__in=attempt.question_ids).get(),
        "other_question": other_quiz.questions.get(),
    }


def _with(t, question, values):
    data = answers(t["attempt"])
    data.setlist(f"q_{question.pk}", [str(value) for value in values])
    return data


def _without(t, question):
    data = answers(t["attempt"])
    data.pop(f"q_{question.pk}")
    return data


def _extra(t, key, values):
    data = answers(t["attempt"])
    data.setlist(key, [str(value) for value in values])
    return data


def _plain(t, **overrides):
    """A plain dict (as a JSON body would give), every question right unless overridden."""
    data = {f"q_{q.pk}": correct_ids(q) for q in t["drawn"]}
    data.update(overrides)
    return data


TAMPERING = {
    "unknown-choice-id": lambda t: _with(t, t["single"], [987654321]),
    "choice-of-another-question": lambda t: _with(
        t, t["single"], correct_ids(next(q for q in t["drawn"] if q != t["single"]))[:1]
    ),
    "choice-of-another-quiz": lambda t: _with(t, t["single"], correct_ids(t["other_question"])),
    "two-answers-to-single-choice": lambda t: _with(
        t, t["single"], correct_ids(t["single"]) + wrong_ids(t["single"])[:1]
    ),
    "both-answers-to-true-false": lambda t: _with(
        t, t["true_false"], [c.pk for c in t["true_false"].choices.all()]
    ),
    "missing-answer": lambda t: _without(t, t["single"]),
    "empty-answer": lambda t: _with(t, t["single"], [""]),
    "no-answers-at-all": lambda t: QueryDict(),
    "text-instead-of-id": lambda t: _with(t, t["single"], ["right"]),
    "decimal-id": lambda t: _with(t, t["single"], [f"{correct_ids(t['single'])[0]}.0"]),
    "negative-id": lambda t: _with(t, t["single"], [-correct_ids(t["single"])[0]]),
    "float-in-plain-dict": lambda t: _plain(
        t, **{f"q_{t['single'].pk}": [correct_ids(t["single"])[0] + 0.5]}
    ),
    "none-in-plain-dict": lambda t: _plain(t, **{f"q_{t['single'].pk}": None}),
    "question-not-drawn": lambda t: _extra(t, f"q_{t['undrawn'].pk}", correct_ids(t["undrawn"])),
    "question-of-another-quiz": lambda t: _extra(
        t, f"q_{t['other_question'].pk}", correct_ids(t["other_question"])
    ),
    "malformed-question-key": lambda t: _extra(t, "q_first", correct_ids(t["single"])),
}


@pytest.mark.parametrize("make_data", TAMPERING.values(), ids=TAMPERING.keys())
def test_tampered_answers_are_refused_and_the_attempt_is_unchanged(tamper, make_data):
    attempt = tamper["attempt"]
    data = make_data(tamper)
    before = attempt_snapshot(attempt)

    with pytest.raises(DomainError):
        parse_answers(attempt, data)
    with pytest.raises(DomainError):
        submit(attempt, data)

    assert attempt_snapshot(attempt) == before
    assert before["status"] == QuizAttempt.Status.IN_PROGRESS
    # The refusal did not use the attempt up: the right answers are still accepted.
    assert submit(attempt, answers(attempt)).attempt.passed is True


def test_another_users_attempt_is_not_allowed_and_unchanged(tamper, other_peer):
    attempt = tamper["attempt"]
    before = attempt_snapshot(attempt)

    with pytest.raises(NotAllowed):
        submit(attempt, answers(attempt), user=other_peer)

    assert attempt_snapshot(attempt) == before


def test_another_users_submitted_attempt_is_not_revealed_as_a_replay(tamper, other_peer):
    attempt = tamper["attempt"]
    submit(attempt, answers(attempt))

    with pytest.raises(NotAllowed):
        submit(attempt, answers(attempt), user=other_peer)


def test_a_plain_dict_of_single_values_is_read_as_one_choice_each(tamper):
    attempt = tamper["attempt"]
    data = {
        f"q_{q.pk}": (str(correct_ids(q)[0]) if q.kind != QuestionKind.MULTIPLE else correct_ids(q))
        for q in tamper["drawn"]
    }

    assert parse_answers(attempt, data) == {str(q.pk): correct_ids(q) for q in tamper["drawn"]}


def test_an_attempt_whose_question_was_deleted_is_refused(tamper):
    attempt = tamper["attempt"]
    data = answers(attempt)
    Question.objects.filter(pk=tamper["single"].pk).delete()

    with pytest.raises(DomainError):
        submit(attempt, data)
    assert QuizAttempt.objects.get(pk=attempt.pk).status == QuizAttempt.Status.IN_PROGRESS


# Fuzzing parse_answers -----------------------------------------------------------------------


def _is_valid(attempt, kinds, data, parsed) -> bool:
    """Answers are valid when every drawn question has its own offered choices, as sent."""
    assert set(parsed) == {str(pk) for pk in attempt.question_ids}
    for question_id in attempt.question_ids:
        key = f"q_{question_id}"
        chosen = parsed[str(question_id)]
        assert chosen
        assert chosen == sorted(set(chosen))
        assert all(type(choice) is int for choice in chosen)
        assert set(chosen) <= set(attempt.choice_orders[str(question_id)])
        if kinds[question_id] != QuestionKind.MULTIPLE:
            assert len(chosen) == 1
        sent = data.getlist(key) if hasattr(data, "getlist") else data[key]
        sent = sent if isinstance(sent, list | tuple) else [sent]
        # No answer was invented or re-read (e.g. "12" as choices 1 and 2).
        assert set(chosen) == {int(value) for value in sent}
    return True


def test_parse_answers_only_returns_valid_answers_or_raises_a_domain_error(tamper):
    attempt = tamper["attempt"]
    kinds = {q.pk: q.kind for q in tamper["drawn"]}
    offered = [pk for order in attempt.choice_orders.values() for pk in order]
    known_choices = [*offered, *correct_ids(tamper["other_question"])]
    known_keys = [f"q_{pk}" for pk in attempt.question_ids] + [
        f"q_{tamper['undrawn'].pk}",
        f"q_{tamper['other_question'].pk}",
    ]

    scalars = st.one_of(
        st.sampled_from(known_choices),
        st.sampled_from(known_choices).map(str),
        st.integers(),
        st.integers().map(str),
        st.text(max_size=6),
        st.sampled_from(["", " ", "1.0", "1e3", "0x1f", "NaN", "٣", "1_0", "+1", "-0"]),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
    )
    values = st.one_of(scalars, st.lists(scalars, max_size=4))
    keys = st.one_of(
        st.sampled_from(known_keys),
        st.text(max_size=8),
        st.integers().map(lambda n: f"q_{n}"),
        st.integers(),
    )
    random_dicts = st.dictionaries(keys, values, max_size=7)

    # Near misses: every drawn question answered with a few offered (or borrowed) choices.
    def some_of(choices):
        return st.lists(st.sampled_from([*choices, *map(str, choices)]), min_size=1, max_size=3)

    near_valid = st.fixed_dictionaries(
        {
            f"q_{pk}": some_of(attempt.choice_orders[str(pk)] + known_choices[-1:])
            for pk in attempt.question_ids
        }
    )
    as_post = st.dictionaries(
        st.sampled_from(known_keys) | st.text(max_size=6),
        st.lists(st.sampled_from(known_choices).map(str) | st.text(max_size=4), max_size=3),
        max_size=6,
    ).map(_querydict)

    @settings(
        max_examples=400,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.one_of(random_dicts, near_valid, as_post))
    def check(data):
        try:
            parsed = parse_answers(attempt, data)
        except DomainError:
            return
        assert _is_valid(attempt, kinds, data, parsed)

    check()
    # Nothing the fuzzing did reached the database.
    assert attempt_snapshot(attempt)["status"] == QuizAttempt.Status.IN_PROGRESS
    assert Enrolment.objects.get(pk=attempt.enrolment_id).status == Enrolment.Status.ACTIVE


def _querydict(mapping) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in mapping.items():
        data.setlist(key, values)
    return data
