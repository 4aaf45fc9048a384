from django.urls import path, re_path

from .views import ce, claims, credentials, reviews, verification

app_name = "certificates"

urlpatterns = [
    path("certificates/", credentials.my_credentials_view, name="mine"),
    path("certificates/all/", credentials.staff_credentials_view, name="staff_credentials"),
    path("certificates/<int:credential_id>/", credentials.credential_detail_view, name="detail"),
    path("certificates/<int:credential_id>/pdf/", credentials.credential_pdf_view, name="pdf"),
    path(
        "certificates/<int:credential_id>/renew/", credentials.credential_renew_view, name="renew"
    ),
    path(
        "certificates/<int:credential_id>/record-renewal/",
        credentials.credential_record_renewal_view,
        name="record_renewal",
    ),
    path(
        "certificates/<int:credential_id>/revoke/",
        credentials.credential_revoke_view,
        name="revoke",
    ),
    path(
        "certificates/<int:credential_id>/suspend/",
        credentials.credential_suspend_view,
        name="suspend",
    ),
    path(
        "certificates/<int:credential_id>/lift-suspension/",
        credentials.credential_lift_suspension_view,
        name="lift_suspension",
    ),
    path(
        "certificates/<int:credential_id>/reissue/",
        credentials.credential_reissue_view,
        name="reissue",
    ),
    path(
        "certificates/<int:credential_id>/open-badge.jwt",
        credentials.credential_openbadge_view,
        {"file_format": "jwt"},
        name="openbadge_jwt",
    ),
    path(
        "certificates/<int:credential_id>/open-badge.json",
        credentials.credential_openbadge_view,
        {"file_format": "json"},
        name="openbadge_json",
    ),
    path(
        "certificates/<int:credential_id>/open-badge.svg",
        credentials.credential_openbadge_view,
        {"file_format": "svg"},
        name="openbadge_svg",
    ),
    path("certificates/signing-keys.pem", verification.signing_keys_view, name="signing_keys"),
    path("certificates/issuer.json", verification.openbadges_issuer_view, name="openbadges_issuer"),
    path("certificates/status/<int:number>", verification.status_list_view, name="status_list"),
    path(".well-known/jwks.json", verification.openbadges_jwks_view, name="openbadges_jwks"),
    path("certificates/ce/", ce.ce_ledger_view, name="ce"),
    path("certificates/ce/<int:record_id>/evidence/", ce.ce_evidence_view, name="ce_evidence"),
    path("certificates/ce/<int:record_id>/review/", reviews.ce_review_view, name="ce_review"),
    path("certificates/external/", claims.external_credentials_view, name="external"),
    path(
        "certificates/external/<int:claim_id>/evidence/",
        claims.claim_evidence_view,
        name="claim_evidence",
    ),
    path("supervision/reviews/", reviews.review_queue_view, name="review_queue"),
    path(
        "supervision/claims/<int:claim_id>/review/", reviews.claim_review_view, name="claim_review"
    ),
    path("verify/", verification.verify_view, name="verify"),
    re_path(
        r"^verify/(?P<code>[^/]+)\.json$",
        verification.verify_code_json_view,
        name="verify_code_json",
    ),
    re_path(r"^verify/(?P<code>[^/]+)/$", verification.verify_code_view, name="verify_code"),
]
