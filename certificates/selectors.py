"""Read queries for credentials, the CE ledger and verification."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from lms.core.errors import Conflict, DomainError
from lms.people.permissions import learner_records_visible_to

from .ce_cycles import CEProgress, approved_ce_records, ce_progress
from .expiry import (
    Recertification,
    RenewalRefused,
    compute_expiry,
    recertification_decide,
    renewal_window_opens,
)
from .models import (
    CERecord,
    Credential,
    CredentialPdfArchive,
    CredentialType,
    ExternalCredentialClaim,
    normalise_code,
)

# Recertification: what recording a completion would do -------------------------------


def credential_chain_of(holder_id: int, credential_type: CredentialType, *, lock: bool):
    """The holder's current credential of the type (locked for update when `lock`), and the
    last expiry of the chain, revoked ones aside."""
    credentials = Credential.objects.filter(holder_id=holder_id, credential_type=credential_type)
    current = credentials.filter(status__in=Credential.CURRENT_STATUSES)
    if lock:
        current = current.select_for_update()
    last_expiry = (
        credentials.exclude(status=Credential.Status.REVOKED)
        .exclude(expires_on__isnull=True)
        .aggregate(last=Max("expires_on"))["last"]
    )
    return current.first(), last_expiry


def recertification_preview(
    *,
    holder,
    credential_type: CredentialType,
    completed_on: date,
    printed_expiry: date | None = None,
) -> Recertification:
    """What recording a credential completed on `completed_on` would do; raises DomainError
    with the reason when the rules refuse it. Reads only."""
    current, last_expiry = credential_chain_of(holder.pk, credential_type, lock=False)
    decision = recertification_decision(credential_type, completed_on, current, last_expiry)
    printed_expiry_check(credential_type, decision, completed_on, printed_expiry)
    return decision


def recertification_decision(
    credential_type, completed_on, current, last_expiry
) -> Recertification:
    try:
        return recertification_decide(
            rules=credential_type.rules,
            completed_on=completed_on,
            has_current=current is not None,
            current_expires_on=current.expires_on if current else None,
            last_expires_on=last_expiry,
        )
    except RenewalRefused as refusal:
        raise Conflict(refusal.message) from refusal


def printed_expiry_check(credential_type, decision, completed_on, printed_expiry) -> None:
    """A card's printed expiry is the body's own, but never beyond what the type's rule could
    give (one period from the later of the two bases), and never a lapsed card."""
    if printed_expiry is None or decision.expires_on is None:
        return
    if printed_expiry <= completed_on:
        raise DomainError("The expiry printed on the card must be after its issue date.")
    furthest = max(
        decision.expires_on, compute_expiry(rules=credential_type.rules, completed_on=completed_on)
    )
    if printed_expiry > furthest:
        raise DomainError(
            f"The card's expiry ({printed_expiry:%B %-d, %Y}) is later than a "
            f"{credential_type.name} issued on {completed_on:%B %-d, %Y} can run "
            f"({furthest:%B %-d, %Y}). Check both dates."
        )


def current_credential_type_ids(*, user) -> set[int]:
    """Types the user holds an active or renewal-due credential of."""
    if not user.is_authenticated:
        return set()
    return set(
        Credential.objects.filter(holder=user, status__in=Credential.CURRENT_STATUSES).values_list(
            "credential_type_id", flat=True
        )
    )


def credentials_of(*, user) -> QuerySet[Credential]:
    return Credential.objects.filter(holder=user).select_related("credential_type")


def credential_by_code(raw_code: str) -> Credential | None:
    code = normalise_code(raw_code)
    if code is None:
        return None
    return Credential.objects.filter(code=code).select_related("credential_type").first()


@dataclass(frozen=True)
class PdfMatch:
    """A PDF the hub issued: the credential's current file, or an earlier copy of it."""

    credential: Credential
    earlier_copy: CredentialPdfArchive | None = None


def credential_by_pdf_hash(sha256: str) -> PdfMatch | None:
    """Every PDF the hub ever issued is recognised: current files first, then earlier copies."""
    credential = (
        Credential.objects.filter(pdf_sha256=sha256).select_related("credential_type").first()
    )
    if credential is not None:
        return PdfMatch(credential=credential)
    earlier = (
        CredentialPdfArchive.objects.filter(pdf_sha256=sha256)
        .select_related("credential__credential_type")
        .first()
    )
    return PdfMatch(credential=earlier.credential, earlier_copy=earlier) if earlier else None


@dataclass(frozen=True)
class RenewalOption:
    """What the holder's page offers for renewing a credential, in plain words."""

    action: str  # "renew" | "record_card" | "refresher" | "wait" | "none"
    message: str
    window_opens_on: date | None = None


@dataclass(frozen=True)
class ClaimOutcome:
    """What verifying a recorded card would do, in words: for the peer before sending it, and
    for the reviewer before verifying it. `summary` when it can be verified, else `refusal`."""

    ok: bool
    summary: str = ""
    refusal: str = ""


def claim_outcome(*, holder, credential_type, issued_on, expires_on=None) -> ClaimOutcome:
    try:
        decision = recertification_preview(
            holder=holder,
            credential_type=credential_type,
            completed_on=issued_on,
            printed_expiry=expires_on,
        )
    except DomainError as refusal:
        return ClaimOutcome(ok=False, refusal=refusal.message)
    expires = expires_on or decision.expires_on
    until = f"valid until {expires:%B %-d, %Y}" if expires else "with no expiry"
    printed = "as printed on the card" if expires_on else "as the hub computes it"
    if decision.is_renewal:
        what = f"a renewal of the {credential_type.name}"
    elif decision.replaces_current:
        what = f"a new certification (a retake) replacing the current {credential_type.name}"
    else:
        what = f"a new {credential_type.name}"
    return ClaimOutcome(ok=True, summary=f"{what}, {until} ({printed})")


def credential_page(*, credential: Credential, viewer, today: date | None = None) -> dict:
    """The credential page: status word of the day, CE working, how it renews, its history."""
    today = today or timezone.localdate()
    credential_type = credential.credential_type
    status = credential.status_on(today)
    progress = ce_progress(credential) if credential.is_current else None
    history = list(
        Credential.objects.filter(holder_id=credential.holder_id, credential_type=credential_type)
        .select_related("supersedes")
        .order_by("-issued_on", "-pk")
    )
    return {
        "credential": credential,
        "status": status,
        "status_word": Credential.STATUS_WORDS[status],
        "ce": progress,
        "renewal": _renewal_option(credential, status, progress, viewer, today),
        "history": history if len(history) > 1 else [],
        "earlier_pdfs": list(credential.earlier_pdfs.all()),
    }


def _renewal_option(credential, status, progress, viewer, today) -> RenewalOption:
    credential_type = credential.credential_type
    if not credential.is_current or not credential_type.expires or status == "expired":
        return RenewalOption("none", "")
    if credential.is_suspended:
        return RenewalOption(
            "none",
            "This credential is suspended: it can be renewed once the suspension is lifted.",
        )
    rules = credential_type.rules
    opens_on = renewal_window_opens(rules, credential.expires_on)
    if not credential_type.issued_by_hub:
        return RenewalOption(
            "record_card",
            f"{credential_type.issuer} renews this credential. When you have your renewed "
            "card, record it with a photo or scan; your supervisor verifies it, and then it "
            "counts here.",
            opens_on,
        )
    if today < opens_on:
        return RenewalOption(
            "wait",
            f"The renewal window opens on {opens_on:%B %-d, %Y}, {rules.window_days} days "
            f"before it expires.",
            opens_on,
        )
    if progress is not None and credential.holder_id == viewer.pk:
        if progress.met:
            return RenewalOption("renew", "Your CE requirement is met: you can renew now.")
        return RenewalOption("wait", "Renew once this cycle's CE requirement is met.", opens_on)
    if credential_type.refresher_course_id:
        return RenewalOption("refresher", "Complete the refresher course to renew.", opens_on)
    return RenewalOption("none", "")


def ce_records_of(*, user) -> QuerySet[CERecord]:
    return CERecord.objects.filter(holder=user).select_related("category")


def ce_progress_of(*, user) -> list[CEProgress]:
    """The CE progress of each current credential of the person that asks for CE, with its
    working (3 queries, however many credentials and records)."""
    credentials = (
        credentials_of(user=user)
        .filter(status__in=Credential.CURRENT_STATUSES)
        .select_related("supersedes__supersedes")
        .prefetch_related("credential_type__ce_rules__category_rules__category")
        .order_by("expires_on", "pk")
    )
    records = approved_ce_records(holder_ids=[user.pk])[user.pk]
    progress = (ce_progress(credential, approved_records=records) for credential in credentials)
    return [item for item in progress if item is not None]


def review_queue_count(*, reviewer, holder_ids: list[int] | None = None) -> int:
    """How many CE records and external credentials wait for this reviewer (one query).

    `holder_ids`, the reviewer's supervisees when the caller has them already: PostgreSQL
    plans a short id list far better than the permission subquery.
    """
    if holder_ids is None:
        people = learner_records_visible_to(reviewer).exclude(pk=reviewer.pk).values("pk")
        holders = Q(holder__in=people)
    else:
        holders = Q(holder_id__in=holder_ids)
    pending_ce = CERecord.objects.filter(holders, status=CERecord.Status.PENDING)
    pending_claims = ExternalCredentialClaim.objects.filter(
        holders, status=ExternalCredentialClaim.Status.PENDING
    )
    # Without ordering: SQLite refuses ORDER BY inside the parts of a UNION (the models
    # order by date), and a count needs none.
    return (
        pending_ce.order_by()
        .values("pk")
        .union(pending_claims.order_by().values("pk"), all=True)
        .count()
    )


REVIEW_QUEUE_CLAIMS = 100


def review_queue_for(*, reviewer) -> dict:
    """Pending CE and external credentials of the peers this person may review."""
    people = learner_records_visible_to(reviewer).exclude(pk=reviewer.pk)
    return {
        "pending_ce": list(
            CERecord.objects.filter(holder__in=people, status=CERecord.Status.PENDING)
            .select_related("holder", "category")
            .order_by("created_at")
        ),
        # Each with what verifying it would record (a few queries a claim; a queue is short).
        "pending_claims": [
            (
                claim,
                claim_outcome(
                    holder=claim.holder,
                    credential_type=claim.credential_type,
                    issued_on=claim.issued_on,
                    expires_on=claim.expires_on,
                ),
            )
            for claim in ExternalCredentialClaim.objects.filter(
                holder__in=people, status=ExternalCredentialClaim.Status.PENDING
            )
            .select_related("holder", "credential_type")
            .order_by("created_at")[:REVIEW_QUEUE_CLAIMS]
        ],
    }


def current_credentials_expiring(*, user) -> QuerySet[Credential]:
    """The person's current credentials that have an expiry date (for their calendar)."""
    return Credential.objects.filter(
        holder=user, status__in=Credential.CURRENT_STATUSES, expires_on__isnull=False
    ).order_by("expires_on")


# Staff: finding a credential ----------------------------------------------------------

EXPIRY_FILTERS = {
    "30": "Expires within 30 days",
    "90": "Expires within 90 days",
    "past": "Expiry date passed",
    "none": "Does not expire",
}


def credentials_for_staff(
    *, search: str = "", credential_type=None, status: str = "", expiry: str = ""
) -> QuerySet[Credential]:
    """Every credential, newest first, filtered as an administrator asks: holder (name on the
    certificate, preferred name or email), verification code or title; type; status; expiry.

    One query for a page of results (holder and type joined), one to count them.
    """
    credentials = Credential.objects.select_related("holder", "credential_type")
    search = search.strip()
    if search:
        matches = (
            Q(holder_name__icontains=search)
            | Q(holder__preferred_name__icontains=search)
            | Q(holder__email__icontains=search)
            | Q(title__icontains=search)
        )
        code = normalise_code(search)
        if code is not None:
            matches |= Q(code=code)
        credentials = credentials.filter(matches)
    if credential_type is not None:
        credentials = credentials.filter(credential_type=credential_type)
    if status:
        credentials = credentials.filter(status=status)
    today = timezone.localdate()
    if expiry in ("30", "90"):
        credentials = credentials.filter(
            expires_on__gte=today, expires_on__lte=today + timedelta(days=int(expiry))
        )
    elif expiry == "past":
        credentials = credentials.filter(expires_on__lt=today)
    elif expiry == "none":
        credentials = credentials.filter(expires_on__isnull=True)
    return credentials.order_by("-issued_on", "-pk")
