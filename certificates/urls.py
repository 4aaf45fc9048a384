from django.urls import path, re_path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.my_credentials_view, name="mine"),
    path("certificates/<int:credential_id>/", views.credential_detail_view, name="detail"),
    path("certificates/<int:credential_id>/pdf/", views.credential_pdf_view, name="pdf"),
    path("certificates/<int:credential_id>/renew/", views.credential_renew_view, name="renew"),
    path("certificates/<int:credential_id>/revoke/", views.credential_revoke_view, name="revoke"),
    path(
        "certificates/<int:credential_id>/reissue/", views.credential_reissue_view, name="reissue"
    ),
    path("certificates/ce/", views.ce_ledger_view, name="ce"),
    path("certificates/ce/<int:record_id>/evidence/", views.ce_evidence_view, name="ce_evidence"),
    path("certificates/ce/review/", views.ce_review_queue_view, name="ce_review_queue"),
    path("certificates/ce/<int:record_id>/review/", views.ce_review_view, name="ce_review"),
    path("verify/", views.verify_view, name="verify"),
    re_path(
        r"^verify/(?P<code>[^/]+)\.json$", views.verify_code_json_view, name="verify_code_json"
    ),
    re_path(r"^verify/(?P<code>[^/]+)/$", views.verify_code_view, name="verify_code"),
]
