from .enrolments import Enrolment
from .pages import (
    Choice,
    CourseIndexPage,
    CoursePage,
    Delivery,
    GradingMethod,
    HomePage,
    LessonPage,
    ModulePage,
    Question,
    QuestionKind,
    QuizPage,
    ReviewOptions,
    ReviewState,
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
    "GradingMethod",
    "HomePage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "Question",
    "QuestionKind",
    "QuizAttempt",
    "QuizPage",
    "ReviewOptions",
    "ReviewState",
    "Session",
    "SessionSignup",
    "Track",
]
