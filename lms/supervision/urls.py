from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.supervisor_dashboard_view, name="supervisor_dashboard"),
    path("peers/<int:user_id>/", views.supervisee_view, name="supervisee"),
    path(
        "peers/<int:user_id>/logs/",
        views.supervision_log_create_view,
        name="supervision_log_create",
    ),
    path("peers/<int:user_id>/report/", views.supervision_report_view, name="report"),
    path("peers/<int:user_id>/hours-worked/", views.hours_worked_view, name="hours_worked"),
    path("mine/", views.my_supervision_view, name="my_supervision"),
    path(
        "logs/<int:log_id>/acknowledge/",
        views.supervision_log_acknowledge_view,
        name="supervision_log_acknowledge",
    ),
    path(
        "logs/<int:log_id>/archive/",
        views.supervision_log_archive_view,
        name="supervision_log_archive",
    ),
    path("assignments/", views.assignments_view, name="assignments"),
    path("assignments/<int:assignment_id>/end/", views.assignment_end_view, name="assignment_end"),
]
