import pytest

from courses.models import QuestionKind
from tests.courses.helpers import enrol, make_quiz_course
from tests.factories import make_course


@pytest.fixture
def small_course(db):
    """One module with one 30-minute lesson and a two-question quiz (pass mark 50%)."""
    return make_course(modules=1, lessons_per_module=1, questions=2)


@pytest.fixture
def enrolment(peer, small_course):
    return enrol(peer, small_course)


@pytest.fixture
def mixed_quiz(db):
    """A quiz with one question of each kind: single (1 of 3), multiple (2 of 4), true/false."""
    return make_quiz_course(
        [
            (QuestionKind.SINGLE, [True, False, False]),
            (QuestionKind.MULTIPLE, [True, True, False, False]),
            (QuestionKind.TRUE_FALSE, [True, False]),
        ],
        pass_mark_percent=75,
    )


@pytest.fixture
def mixed_quiz_enrolment(peer, mixed_quiz):
    return enrol(peer, mixed_quiz.get_parent().get_parent().specific)
