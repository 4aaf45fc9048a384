from django.urls import path

from . import views

app_name = "hiring"

urlpatterns = [
    path("", views.hr_matrix_view, name="hr_matrix"),
    path("candidates/", views.hr_candidate_view, name="hr_candidate"),
    path("people/<int:user_id>/attestation/", views.attestation_view, name="attestation"),
]
