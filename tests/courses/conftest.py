import pytest

from tests.courses.helpers import enrol, make_mixed_quiz
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
    return make_mixed_quiz()


@pytest.fixture
def mixed_quiz_enrolment(peer, mixed_quiz):
    return enrol(peer, mixed_quiz.get_parent().get_parent().specific)
