from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.request_view, name="request"),
    path("<int:packet_id>/", views.packet_view, name="packet"),
    path("<int:packet_id>/packet.zip", views.download_view, name="download"),
]
