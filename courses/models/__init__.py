from .enrolments import Enrolment
from .pages import (
    Choice,
    CourseCEApproval,
    CourseCEHours,
    CourseIndexPage,
    CoursePage,
    CoursePresenter,
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
    "CourseCEApproval",
    "CourseCEHours",
    "CourseIndexPage",
    "CoursePage",
    "CoursePresenter",
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
