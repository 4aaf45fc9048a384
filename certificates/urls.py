from django.urls import path, re_path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.my_credentials_view, name="mine"),
    path("certificates/all/", views.staff_credentials_view, name="staff_credentials"),
    path("certificates/<int:credential_id>/", views.credential_detail_view, name="detail"),
    path("certificates/<int:credential_id>/pdf/", views.credential_pdf_view, name="pdf"),
    path("certificates/<int:credential_id>/renew/", views.credential_renew_view, name="renew"),
    path(
        "certificates/<int:credential_id>/record-renewal/",
        views.credential_record_renewal_view,
        name="record_renewal",
    ),
    path("certificates/<int:credential_id>/revoke/", views.credential_revoke_view, name="revoke"),
    path(
        "certificates/<int:credential_id>/reissue/", views.credential_reissue_view, name="reissue"
    ),
    path(
        "certificates/<int:credential_id>/open-badge.jwt",
        views.credential_openbadge_view,
        {"file_format": "jwt"},
        name="openbadge_jwt",
    ),
    path(
        "certificates/<int:credential_id>/open-badge.json",
        views.credential_openbadge_view,
        {"file_format": "json"},
        name="openbadge_json",
    ),
    path(
        "certificates/<int:credential_id>/open-badge.svg",
        views.credential_openbadge_view,
        {"file_format": "svg"},
        name="openbadge_svg",
    ),
    path("certificates/signing-keys.pem", views.signing_keys_view, name="signing_keys"),
    path("certificates/issuer.json", views.openbadges_issuer_view, name="openbadges_issuer"),
    path(".well-known/jwks.json", views.openbadges_jwks_view, name="openbadges_jwks"),
    path("certificates/ce/", views.ce_ledger_view, name="ce"),
    path("certificates/ce/<int:record_id>/evidence/", views.ce_evidence_view, name="ce_evidence"),
    path("certificates/ce/<int:record_id>/review/", views.ce_review_view, name="ce_review"),
    path("certificates/external/", views.external_credentials_view, name="external"),
    path(
        "certificates/external/<int:claim_id>/evidence/",
        views.claim_evidence_view,
        name="claim_evidence",
    ),
    path("supervision/", views.supervisor_dashboard_view, name="supervisor_dashboard"),
    path("supervision/peers/<int:user_id>/", views.supervisee_view, name="supervisee"),
    path(
        "supervision/peers/<int:user_id>/logs/",
        views.supervision_log_create_view,
        name="supervision_log_create",
    ),
    path("supervision/reviews/", views.review_queue_view, name="review_queue"),
    path("supervision/claims/<int:claim_id>/review/", views.claim_review_view, name="claim_review"),
    path("supervision/mine/", views.my_supervision_view, name="my_supervision"),
    path(
        "supervision/logs/<int:log_id>/acknowledge/",
        views.supervision_log_acknowledge_view,
        name="supervision_log_acknowledge",
    ),
    path(
        "supervision/logs/<int:log_id>/archive/",
        views.supervision_log_archive_view,
        name="supervision_log_archive",
    ),
    path("supervision/assignments/", views.assignments_view, name="assignments"),
    path(
        "supervision/assignments/<int:assignment_id>/end/",
        views.assignment_end_view,
        name="assignment_end",
    ),
    path("hr/", views.hr_matrix_view, name="hr_matrix"),
    path("hr/candidates/", views.hr_candidate_view, name="hr_candidate"),
    path("hr/people/<int:user_id>/attestation/", views.attestation_view, name="attestation"),
    path("verify/", views.verify_view, name="verify"),
    re_path(
        r"^verify/(?P<code>[^/]+)\.json$", views.verify_code_json_view, name="verify_code_json"
    ),
    re_path(r"^verify/(?P<code>[^/]+)/$", views.verify_code_view, name="verify_code"),
]
