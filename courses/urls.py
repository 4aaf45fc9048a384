from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("courses/<int:course_id>/enrol/", views.enrol_view, name="enrol"),
    path("courses/<int:course_id>/enrol-learner/", views.enrol_learner_view, name="enrol_learner"),
    path("courses/<int:course_id>/withdraw/", views.withdraw_view, name="withdraw"),
    path("lessons/<int:lesson_id>/complete/", views.lesson_complete_view, name="lesson_complete"),
    path("quizzes/<int:quiz_id>/start/", views.quiz_start_view, name="quiz_start"),
    path("attempts/<int:attempt_id>/", views.attempt_view, name="attempt"),
    path("marking/", views.marking_queue_view, name="marking_queue"),
    path("marking/<int:attempt_id>/", views.mark_attempt_view, name="mark_attempt"),
    path("search/", views.search_view, name="search"),
    path("sessions/", views.sessions_view, name="sessions"),
    path("calendar/reset/", views.calendar_reset_view, name="calendar_reset"),
    # Tokens are URL-safe base64 (letters, digits, - and _); nothing else reaches the lookup.
    path("calendar/<slug:token>.ics", views.calendar_feed_view, name="calendar_feed"),
    path("sessions/<int:session_id>/signup/", views.session_signup_view, name="session_signup"),
    path("sessions/<int:session_id>/attendance/", views.attendance_view, name="attendance"),
]
