from django.urls import path

from .views import learning, quizzes, rosters, sessions

app_name = "courses"

urlpatterns = [
    path("", learning.dashboard_view, name="dashboard"),
    path("courses/<int:course_id>/enrol/", learning.enrol_view, name="enrol"),
    path(
        "courses/<int:course_id>/enrol-learner/", learning.enrol_learner_view, name="enrol_learner"
    ),
    path("courses/<int:course_id>/ce-roster/", rosters.roster_view, name="ce_roster"),
    path("courses/<int:course_id>/withdraw/", learning.withdraw_view, name="withdraw"),
    path(
        "lessons/<int:lesson_id>/complete/", learning.lesson_complete_view, name="lesson_complete"
    ),
    path("quizzes/<int:quiz_id>/start/", quizzes.quiz_start_view, name="quiz_start"),
    path("attempts/<int:attempt_id>/", quizzes.attempt_view, name="attempt"),
    path("marking/", quizzes.marking_queue_view, name="marking_queue"),
    path("marking/<int:attempt_id>/", quizzes.mark_attempt_view, name="mark_attempt"),
    path("search/", learning.search_view, name="search"),
    path("sessions/", sessions.sessions_view, name="sessions"),
    path("calendar/reset/", learning.calendar_reset_view, name="calendar_reset"),
    # Tokens are URL-safe base64 (letters, digits, - and _); nothing else reaches the lookup.
    path("calendar/<slug:token>.ics", learning.calendar_feed_view, name="calendar_feed"),
    path("sessions/<int:session_id>/signup/", sessions.session_signup_view, name="session_signup"),
    path("sessions/<int:session_id>/attendance/", sessions.attendance_view, name="attendance"),
    path(
        "sessions/<int:session_id>/partial-credit/<int:enrolment_id>/",
        sessions.partial_credit_view,
        name="partial_credit",
    ),
]
