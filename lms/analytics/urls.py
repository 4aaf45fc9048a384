from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("courses/", views.course_list_view, name="courses"),
    path("courses/<int:course_id>/", views.course_view, name="course"),
    path("quizzes/<int:quiz_id>/", views.quiz_view, name="quiz"),
    path("hub/", views.hub_view, name="hub"),
    path("supervision/", views.supervision_view, name="supervision"),
    path("funder-reports/", views.funder_report_form_view, name="funder_form"),
    path("funder-reports/<int:report_id>/", views.funder_report_view, name="funder_report"),
    path(
        "funder-reports/<int:report_id>/report.<str:kind>",
        views.funder_report_file_view,
        name="funder_report_file",
    ),
]
