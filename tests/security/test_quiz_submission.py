"""Quiz submission through the attempt view: tampered, garbled and replayed answers.

Whatever is posted, a bad submission is a 400 that says what is wrong and leaves the attempt
exactly as it was; a good one is graded once.
"""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from courses.models import Choice, QuestionKind, QuizAttempt
from tests.courses.helpers import (
    answers,
    attempt_snapshot,
    correct_ids,
    drawn_questions,
    enrol,
    make_mixed_quiz,
    make_quiz_course,
)
from tests.security.helpers import PROPERTY, assert_refused, text_of

pytestmark = pytest.mark.django_db

NOT_OFFERED = "An answer was not one of the offered choices."
NOT_IN_ATTEMPT = "The answers include a question that is not part of this attempt."
ANSWER_ALL = "Please answer every question before submitting."
EXACTLY_ONE = "A single-choice question takes exactly one answer."


@pytest.fixture
def quiz(db):
    """Single (1 of 3), multiple (2 of 4) and true/false questions."""
    return make_mixed_quiz()


@pytest.fixture
def other_quiz(db):
    """Another course's quiz, whose choice ids a tamperer might send."""
    return make_quiz_course([(QuestionKind.SINGLE, [True, False])], title="Other quiz")


@pytest.fixture
def attempt(client, peer, quiz):
    enrol(peer, quiz.get_parent().get_parent().specific)
    client.force_login(peer)
    response = client.post(reverse("courses:quiz_start", args=[quiz.pk]))
    assert response.status_code == 302
    return QuizAttempt.objects.get(quiz=quiz)


def url(attempt) -> str:
    return reverse("courses:attempt", args=[attempt.pk])


def post(client, attempt, data: dict[str, list[str]]):
    return client.post(url(attempt), data)


def valid(attempt) -> dict[str, list[str]]:
    data = answers(attempt)
    return {key: data.getlist(key) for key in data}


def choice_id_of(value: str) -> int | None:
    """The id the server would read from a posted value (ASCII digits only), or None."""
    if value.isascii() and value.isdigit() and len(value) < 4000:
        return int(value)
    return None


def assert_unchanged(response, attempt, before, phrase):
    assert_refused(response, phrase)
    assert attempt_snapshot(attempt) == before
    assert QuizAttempt.objects.filter(enrolment=attempt.enrolment).count() == 1


# Text a browser can send: anything but lone surrogates, which have no UTF-8 form.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
garbage = st.one_of(
    any_text,
    st.integers().map(str),
    st.integers(min_value=19, max_value=6000).map(lambda digits: "9" * digits),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            "",
            " 1",
            "1 ",
            "+1",
            "-1",
            "1.0",
            "0x1F",
            "1e3",
            "\u0661",
            "\uff11",
            "true",
            "null",
            "[]",
            "\x00",
        ]
    ),
)


@PROPERTY
@given(data=st.data())
def test_answers_that_are_not_offered_choices_are_refused(client, attempt, other_quiz, data):
    before = attempt_snapshot(attempt)
    questions = drawn_questions(attempt)
    question = data.draw(st.sampled_from(questions), label="question")
    offered = set(attempt.choice_orders[str(question.pk)])
    foreign = [
        str(pk) for pk in Choice.objects.exclude(question=question).values_list("pk", flat=True)
    ]
    bad = st.one_of(garbage, st.sampled_from(foreign)).filter(
        lambda value: choice_id_of(value) not in offered
    )
    sent = data.draw(st.lists(bad, min_size=1, max_size=30), label="sent")
    keep_a_right_one = data.draw(st.booleans(), label="keep a right one")
    form = valid(attempt)
    form[f"q_{question.pk}"] = (form[f"q_{question.pk}"] if keep_a_right_one else []) + sent

    assert_unchanged(post(client, attempt, form), attempt, before, NOT_OFFERED)


@PROPERTY
@given(key=any_text)
def test_answers_to_questions_outside_the_attempt_are_refused(client, attempt, key):
    before = attempt_snapshot(attempt)
    form = valid(attempt)
    if f"q_{key}" in form:
        key += "0"
    form[f"q_{key}"] = ["1"]

    assert_unchanged(post(client, attempt, form), attempt, before, NOT_IN_ATTEMPT)


@PROPERTY
@given(data=st.data())
def test_a_submission_missing_an_answer_is_refused(client, attempt, data):
    before = attempt_snapshot(attempt)
    form = valid(attempt)
    dropped = data.draw(st.sets(st.sampled_from(sorted(form)), min_size=1), label="dropped")
    empty = data.draw(st.booleans(), label="sent empty rather than left out")
    for key in dropped:
        if empty:
            form[key] = []
        else:
            del form[key]

    assert_unchanged(post(client, attempt, form), attempt, before, ANSWER_ALL)


@PROPERTY
@given(data=st.data())
def test_two_different_answers_to_a_single_choice_question_are_refused(client, attempt, data):
    before = attempt_snapshot(attempt)
    single = [q for q in drawn_questions(attempt) if q.kind != QuestionKind.MULTIPLE]
    question = data.draw(st.sampled_from(single), label="question")
    offered = attempt.choice_orders[str(question.pk)]
    picked = data.draw(st.sets(st.sampled_from(offered), min_size=2), label="picked")
    repeats = data.draw(st.integers(min_value=1, max_value=5), label="each sent this often")
    form = valid(attempt)
    form[f"q_{question.pk}"] = [str(pk) for pk in sorted(picked)] * repeats

    assert_unchanged(post(client, attempt, form), attempt, before, EXACTLY_ONE)


def test_the_same_answer_sent_many_times_counts_once(client, attempt):
    form = valid(attempt)
    form = {key: values * 50 for key, values in form.items()}

    response = post(client, attempt, form)

    assert response.status_code == 302
    stored = QuizAttempt.objects.get(pk=attempt.pk)
    assert stored.passed is True
    assert stored.answers == {str(q.pk): correct_ids(q) for q in drawn_questions(attempt)}


def test_a_huge_list_of_answers_is_refused_quickly(client, attempt):
    before = attempt_snapshot(attempt)
    question = drawn_questions(attempt)[0]
    form = valid(attempt)
    form[f"q_{question.pk}"] = [str(n) for n in range(10**9, 10**9 + 9_000)]

    started = time.monotonic()
    response = post(client, attempt, form)

    assert time.monotonic() - started < 10
    assert_unchanged(response, attempt, before, NOT_OFFERED)


def test_more_fields_than_the_server_reads_is_a_400_in_words(client, attempt):
    before = attempt_snapshot(attempt)
    form = valid(attempt)
    form["q_junk"] = ["1"] * 10_001

    response = post(client, attempt, form)

    assert_refused(response, "too large", "too many")
    assert attempt_snapshot(attempt) == before


def test_a_body_larger_than_the_server_reads_is_a_400_in_words(client, attempt):
    before = attempt_snapshot(attempt)
    form = valid(attempt)
    form["comment"] = ["9" * 3 * 1024 * 1024]  # beyond DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)

    response = post(client, attempt, form)

    assert_refused(response, "too large")
    assert attempt_snapshot(attempt) == before


def test_answers_sent_as_json_are_refused(client, attempt):
    before = attempt_snapshot(attempt)
    response = client.post(url(attempt), valid(attempt), content_type="application/json")

    assert_unchanged(response, attempt, before, ANSWER_ALL)


def test_a_missing_attempt_is_not_found(client, attempt):
    for attempt_id in (attempt.pk + 1000, 2**63, 10**30):
        response = client.post(f"/learn/attempts/{attempt_id}/", valid(attempt))
        assert response.status_code == 404
        assert "We can't find that page" in text_of(response)
    assert attempt_snapshot(attempt)["status"] == QuizAttempt.Status.IN_PROGRESS


def test_a_second_submission_changes_nothing(client, attempt, other_quiz):
    first = post(client, attempt, valid(attempt))
    recorded = attempt_snapshot(attempt)
    wrong = {
        key: [str(Choice.objects.filter(question__quiz=other_quiz).first().pk)]
        for key in valid(attempt)
    }

    for replay in (valid(attempt), wrong, {"q_x": ["garbage"]}, {}):
        again = post(client, attempt, replay)
        assert again.status_code == 302
        assert again.url == first.url == url(attempt)
        assert attempt_snapshot(attempt) == recorded
    result = client.get(url(attempt), follow=True)
    assert "already submitted" in text_of(result)
    assert QuizAttempt.objects.filter(enrolment=attempt.enrolment).count() == 1


def test_answers_after_the_time_limit_are_refused(client, attempt):
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - timedelta(minutes=5)
    )
    before = attempt_snapshot(attempt)

    response = post(client, attempt, valid(attempt))

    assert_unchanged(response, attempt, before, "time limit for this attempt has passed")


def test_someone_elses_attempt_is_forbidden_and_anonymous_is_sent_to_sign_in(
    client, attempt, other_peer
):
    before = attempt_snapshot(attempt)
    client.force_login(other_peer)
    assert_refused(post(client, attempt, valid(attempt)), "belongs to someone else")
    client.logout()
    response = post(client, attempt, valid(attempt))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert attempt_snapshot(attempt) == before
