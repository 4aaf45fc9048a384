from .enrolments import Enrolment
from .pages import (
    Choice,
    CourseIndexPage,
    CoursePage,
    Delivery,
    HomePage,
    LessonPage,
    ModulePage,
    Question,
    QuestionKind,
    QuizPage,
    QuizReview,
    Track,
)
from .progress import LessonProgress
from .quizzes import QuizAttempt
from .sessions import Attendance, Session, SessionSignup

__all__ = [
    "Attendance",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "Delivery",
    "Enrolment",
    "HomePage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "Question",
    "QuestionKind",
    "QuizAttempt",
    "QuizPage",
    "QuizReview",
    "Session",
    "SessionSignup",
    "Track",
]
