"""Read queries for credentials, the CE ledger and verification."""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.dateformat import format as date_format

from lms.core.errors import DomainError
from lms.people.models import Attestation, SupervisionLog, SupervisorAssignment, User

from .expiry import renewal_window_opens, status_on
from .models import (
    CERecord,
    Credential,
    CredentialPdfArchive,
    CredentialType,
    Position,
    normalise_code,
)
from .services.ce import CEProgress, approved_ce_records, ce_progress
from .services.recertification import recertification_preview


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
        .prefetch_related("credential_type__ce_minimums__category")
        .order_by("expires_on", "pk")
    )
    records = approved_ce_records(holder_ids=[user.pk])[user.pk]
    progress = (ce_progress(credential, approved_records=records) for credential in credentials)
    return [item for item in progress if item is not None]


# Position prerequisites (HR) ---------------------------------------------------------

# The day's statuses (Credential.status_on) under which a credential still meets a
# requirement: verification calls all three "valid", so HR does too.
COUNTING_STATUSES = ("active", "renewal_due", "in_grace")
SUPERVISOR_LABEL = "An active supervisor"
ATTESTATION_LABEL = "Lived-experience attestation on file"


@dataclass
class PrerequisiteItem:
    """One requirement of a position for one person."""

    label: str
    state: str  # "met" | "missing" | "expiring"
    expires_on: date | None = None
    earned_by: list[str] = field(default_factory=list)  # course titles that earn it
    # The day's status of the credential that meets it (Credential.status_on: "active",
    # "renewal_due" or "in_grace"), so HR reads the word the holder and verification read.
    credential_status: str = ""


def position_status(states) -> str:
    """A position's status for a person from the states of its requirements: the one rule
    behind the matrix's cells, its status filter and its counts."""
    states = list(states)
    return "missing" if "missing" in states else "expiring" if "expiring" in states else "met"


@dataclass
class PositionCheck:
    """One person against one position. The items are complete when it is made, so what
    follows from them is worked out once, there (the matrix asks each cell several times)."""

    person: User
    position: Position
    items: list[PrerequisiteItem]
    missing: list[PrerequisiteItem] = field(init=False)
    expiring: list[PrerequisiteItem] = field(init=False)
    status: str = field(init=False)  # "missing" | "expiring" | "met"

    def __post_init__(self):
        self.missing = [item for item in self.items if item.state == "missing"]
        self.expiring = [item for item in self.items if item.state == "expiring"]
        self.status = position_status(item.state for item in self.items)


CHECK_WORDS = {"met": "Met", "missing": "Missing", "expiring": "Expiring"}


@dataclass
class CheckInWords:
    status: str  # "met" | "missing" | "expiring"
    word: str  # "Met" | "Missing" | "Expiring"
    details: list[str]  # what is missing or expiring, one line each
    count: int  # how many requirements are missing (or, when none is, expiring)


def check_in_words(check: PositionCheck) -> CheckInWords:
    """What a matrix cell says, in the words the page and both exports use."""
    details = [
        f"Missing: {item.label}"
        + (f" (earned by {', '.join(item.earned_by)})" if item.earned_by else "")
        for item in check.missing
    ]
    for item in check.expiring:
        word = Credential.STATUS_WORDS.get(item.credential_status, "Active")
        verb = "expired" if item.credential_status == "in_grace" else "expires"
        details.append(f"{item.label}: {word}, {verb} {long_date(item.expires_on)}")
    count = len(check.missing) or len(check.expiring)
    return CheckInWords(check.status, CHECK_WORDS[check.status], details, count)


def long_date(day: date | None) -> str:
    return "" if day is None else date_format(day, "M j, Y")


def positions_with_requirements() -> list[Position]:
    return list(
        Position.objects.prefetch_related(
            "required_credential_types", "any_of_groups__credential_types"
        ).order_by("name")
    )


def with_supervision_and_attestation(people: QuerySet[User]) -> QuerySet[User]:
    """Annotate whether each person has a current supervisor and an attestation on file."""
    today = timezone.localdate()
    return people.annotate(
        is_supervised=Exists(
            SupervisorAssignment.objects.current(today).filter(peer=OuterRef("pk"))
        ),
        is_attested=Exists(Attestation.objects.filter(person=OuterRef("pk"), on_file=True)),
    )


@dataclass
class PositionRequirements:
    """Each position's credential requirements, worked out once rather than per person.

    `by_position`: position id → [(label, the type ids of which one is enough)];
    `earned_by`: those type ids → titles of the courses that earn one.
    """

    by_position: dict[int, list[tuple[str, tuple[int, ...]]]]
    earned_by: dict[tuple[int, ...], list[str]]


def _requirement_groups(position: Position) -> list[tuple[str, tuple[int, ...]]]:
    """(label, the type ids of which one is enough) for each credential the position asks for."""
    return [(ct.name, (ct.pk,)) for ct in position.required_credential_types.all()] + [
        (
            f"{group.label}: one of " + ", ".join(ct.name for ct in group.credential_types.all()),
            tuple(ct.pk for ct in group.credential_types.all()),
        )
        for group in position.any_of_groups.all()
    ]


def position_requirements(positions: list[Position]) -> PositionRequirements:
    """One query (the courses that earn each type), given positions_with_requirements()."""
    from courses.selectors import course_titles_awarding

    by_position = {position.pk: _requirement_groups(position) for position in positions}
    earners = course_titles_awarding(
        credential_type_ids={t for reqs in by_position.values() for _, ids in reqs for t in ids}
    )
    earned_by = {
        ids: sorted({title for t in ids for title in earners.get(t, [])})
        for reqs in by_position.values()
        for _, ids in reqs
    }
    return PositionRequirements(by_position, earned_by)


def requirement_types(positions: list[Position]) -> dict[int, CredentialType]:
    """The credential types the positions ask for, by id (prefetched: no query)."""
    types = {}
    for position in positions:
        for credential_type in position.required_credential_types.all():
            types[credential_type.pk] = credential_type
        for group in position.any_of_groups.all():
            for credential_type in group.credential_types.all():
                types[credential_type.pk] = credential_type
    return types


# person id → credential type id → (expires_on, the day's status) of the longest-lasting
# credential of that type that counts on the day.
HeldCredentials = dict[int, dict[int, tuple[date | None, str]]]


def _lasting(expires_on: date | None) -> date:
    return date.max if expires_on is None else expires_on


def held_credentials(*, holders, types: dict[int, CredentialType], today: date) -> HeldCredentials:
    """One query: the credentials of `types` that count on `today` for each of `holders`
    (a list of ids, or a Q over the credential's holder).

    Whether one counts is Credential.status_on's answer (dates decide: renewal due and the
    grace period still count, a stored "active" past its grace does not), the same function
    the holder's page and verification use.
    """
    held: HeldCredentials = defaultdict(dict)
    if not types:
        return held
    longest_grace = max(credential_type.grace_days for credential_type in types.values())
    rows = (
        Credential.objects.filter(
            holders if isinstance(holders, Q) else Q(holder_id__in=holders),
            credential_type_id__in=list(types),
            # Revoked and superseded never count; a stored "expired" may still be in grace.
            status__in=(*Credential.CURRENT_STATUSES, Credential.Status.EXPIRED),
        )
        .exclude(expires_on__lt=today - timedelta(days=longest_grace))
        .order_by()
        .values_list("holder_id", "credential_type_id", "status", "expires_on")
    )
    for holder_id, type_id, stored_status, expires_on in rows:
        credential_type = types[type_id]
        status = status_on(
            stored_status=stored_status,
            expires_on=expires_on,
            today=today,
            window_days=credential_type.renewal_window_days,
            grace_days=credential_type.grace_days,
        )
        if status not in COUNTING_STATUSES:
            continue
        credentials = held[holder_id]
        if type_id not in credentials or _lasting(expires_on) > _lasting(credentials[type_id][0]):
            credentials[type_id] = (expires_on, status)
    return held


MISSING_RESULT = ("missing", None, "")


def requirement_state(
    type_ids: tuple[int, ...], credentials: dict[int, tuple[date | None, str]], horizon: date
) -> tuple[str, date | None, str]:
    """(state, expiry, the day's status) of one requirement: the longest-lasting credential
    of the types of which one is enough meets it; "expiring" when it expires by `horizon`
    (one in its grace period has expired already, and still counts until the grace ends)."""
    best = None
    for type_id in type_ids:
        held = credentials.get(type_id)
        if held is not None and (best is None or _lasting(held[0]) > _lasting(best[0])):
            best = held
    if best is None:
        return MISSING_RESULT
    expires_on = best[0]
    return ("expiring" if expires_on is not None and expires_on <= horizon else "met"), *best


def _group_results(group_ids, credentials, horizon) -> dict[tuple[int, ...], tuple]:
    """requirement_state of each group of types, once per person: positions share them."""
    return {ids: requirement_state(ids, credentials, horizon) for ids in group_ids}


def _requirement_results(person, position, groups, group_results):
    """(label, type ids, state, expiry, the day's status) of each requirement of `position`
    for `person`: full checks and the matrix's statuses both come from here."""
    for label, ids in groups:
        yield (label, ids, *group_results[ids])
    if position.requires_supervisor:
        yield SUPERVISOR_LABEL, None, "met" if person.is_supervised else "missing", None, ""
    if position.requires_attestation:
        yield ATTESTATION_LABEL, None, "met" if person.is_attested else "missing", None, ""


def prerequisite_checks(
    *,
    people: list[User],
    positions: list[Position],
    within_days: int = 30,
    today=None,
    requirements: PositionRequirements | None = None,
    held: HeldCredentials | None = None,
) -> dict[tuple[int, int], PositionCheck]:
    """Every person against every position, in a fixed number of queries.

    A credential counts while its day's status is active, renewal due or in grace; it is
    "expiring" when it expires within `within_days`. `requirements` and `held` (from
    held_credentials, for these people) save their queries when the caller has them.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=within_days)
    person_ids = [person.pk for person in people]
    if held is None:
        held = held_credentials(holders=person_ids, types=requirement_types(positions), today=today)
    if people and not hasattr(people[0], "is_supervised"):
        people = list(with_supervision_and_attestation(User.objects.filter(pk__in=person_ids)))
    requirements = requirements or position_requirements(positions)
    earned_by = requirements.earned_by
    requirements = requirements.by_position

    # Items that are the same for everyone are made once and shared (nobody changes an
    # item): an export checks every person against every position.
    shared = {
        (label, ids, "missing"): PrerequisiteItem(label, "missing", earned_by=earned_by[ids])
        for reqs in requirements.values()
        for label, ids in reqs
    }
    for label in (SUPERVISOR_LABEL, ATTESTATION_LABEL):
        for state in ("met", "missing"):
            shared[(label, None, state)] = PrerequisiteItem(label, state)
    position_rules = [(position, position.pk, requirements[position.pk]) for position in positions]

    group_ids = list(dict.fromkeys(ids for reqs in requirements.values() for _label, ids in reqs))
    checks = {}
    for person in people:
        person_id = person.pk
        results = _group_results(group_ids, held.get(person_id, {}), horizon)
        for position, position_id, groups in position_rules:
            items = [
                shared.get((label, ids, state))
                or PrerequisiteItem(label, state, expires_on=expires_on, credential_status=status)
                for label, ids, state, expires_on, status in _requirement_results(
                    person, position, groups, results
                )
            ]
            checks[(person_id, position_id)] = PositionCheck(person, position, items)
    return checks


# Supervisor dashboard ----------------------------------------------------------------


@dataclass
class SuperviseeSummary:
    person: User
    active: int
    renewal_due: int
    expired: int
    ce: CEProgress | None
    courses_in_progress: int
    last_supervision: date | None


def supervisee_summaries(*, supervisees) -> list[SuperviseeSummary]:
    """Status chips for each supervisee in a fixed number of queries (8), whatever their number.

    Python work per supervisee is kept small too: each credential type (and its CE category
    minimums) is loaded once and shared by every credential of that type, and CE progress is
    worked out only for current credentials whose type asks for CE.
    """
    from courses.selectors import active_enrolment_counts

    people = list(
        supervisees.order_by("preferred_name").only("pk", "preferred_name", "certificate_name")
    )
    ids = [person.pk for person in people]
    today = timezone.localdate()
    credentials = defaultdict(list)
    held_types = set()
    dates = (
        "credential_type_id",
        "status",
        "issued_on",
        "expires_on",
        "supersedes_id",
        "issued_as",
    )
    for credential in (
        Credential.objects.filter(
            holder_id__in=ids,
            status__in=[*Credential.CURRENT_STATUSES, Credential.Status.EXPIRED],
        )
        .select_related("supersedes__supersedes")
        # What statuses and CE cycles are worked out from, for the credential and the two
        # it renewed; not the snapshot text, PDF and verification fields.
        .only(
            "holder_id",
            *dates,
            *(f"supersedes__{name}" for name in dates),
            *(f"supersedes__supersedes__{name}" for name in dates),
        )
    ):
        credentials[credential.holder_id].append(credential)
        held_types.add(credential.credential_type_id)
        if credential.supersedes_id:
            held_types.add(credential.supersedes.credential_type_id)
    # Each type (and its CE minimums) once, shared by every credential of that type, rather
    # than a copy joined to each credential.
    types = {
        credential_type.pk: credential_type
        for credential_type in CredentialType.objects.filter(pk__in=held_types).prefetch_related(
            "ce_minimums__category"
        )
    }
    for held in credentials.values():
        for credential in held:
            credential.credential_type = types[credential.credential_type_id]
            if credential.supersedes_id:
                credential.supersedes.credential_type = types[
                    credential.supersedes.credential_type_id
                ]
    asks_for_ce = {
        type_id: bool(credential_type.ce_hours_required or credential_type.ce_minimums.all())
        for type_id, credential_type in types.items()
    }
    records = approved_ce_records(holder_ids=ids)
    courses = active_enrolment_counts(learner_ids=ids)
    last_supervision = dict(
        SupervisionLog.objects.filter(peer_id__in=ids)
        .values("peer_id")
        .annotate(last=Max("held_on"))
        .values_list("peer_id", "last")
    )
    summaries = []
    for person in people:
        held = credentials[person.pk]
        # The status of the day, in the words the peer's own page uses.
        statuses = [credential.status_on(today) for credential in held]
        due = statuses.count("renewal_due") + statuses.count("in_grace")
        # CE for the credential that asks the most of this cycle (e.g. the state CBHPSS).
        ce = None
        for credential in held:
            if (
                credential.is_current
                and credential.expires_on
                and asks_for_ce[credential.credential_type_id]
            ):
                progress = ce_progress(credential, approved_records=records[person.pk])
                if progress and (ce is None or progress.required > ce.required):
                    ce = progress
        summaries.append(
            SuperviseeSummary(
                person=person,
                active=statuses.count("active"),
                renewal_due=due,
                expired=statuses.count("expired"),
                ce=ce,
                courses_in_progress=courses.get(person.pk, 0),
                last_supervision=last_supervision.get(person.pk),
            )
        )
    return summaries


def review_queue_count(*, reviewer, holder_ids: list[int] | None = None) -> int:
    """How many CE records and external credentials wait for this reviewer (one query).

    `holder_ids`, the reviewer's supervisees when the caller has them already: PostgreSQL
    plans a short id list far better than the permission subquery.
    """
    from lms.people.permissions import learner_records_visible_to

    from .models import ExternalCredentialClaim

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


def supervisor_dashboard(*, supervisor) -> dict:
    """The supervisor dashboard: a summary per supervisee and the reviews waiting."""
    from lms.people.permissions import supervisees_of, user_has_role
    from lms.people.roles import Role

    summaries = supervisee_summaries(supervisees=supervisees_of(supervisor))
    # An administrator reviews everyone's evidence; a supervisor only their supervisees'.
    everyone = user_has_role(supervisor, Role.ADMINISTRATOR)
    return {
        "summaries": summaries,
        "pending_count": review_queue_count(
            reviewer=supervisor,
            holder_ids=None if everyone else [summary.person.pk for summary in summaries],
        ),
    }


REVIEW_QUEUE_CLAIMS = 100


def review_queue_for(*, reviewer) -> dict:
    """Pending CE and external credentials of the peers this person may review."""
    from lms.people.permissions import learner_records_visible_to

    from .models import ExternalCredentialClaim

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


# HR matrix ----------------------------------------------------------------------------

MATRIX_STATUSES = ("met", "missing", "expiring")
EXPIRY_WINDOWS = (30, 60, 90)


@dataclass
class MatrixRow:
    person: "User | MatrixPerson"
    checks: list[PositionCheck]


MATRIX_PERSON_FIELDS = ("pk", "email", "preferred_name", "certificate_name")


@dataclass
class MatrixPerson:
    """What the matrix shows of a person, and what prerequisite_checks needs of them."""

    pk: int
    email: str
    preferred_name: str
    certificate_name: str
    is_supervised: bool
    is_attested: bool
    # Set by hr_matrix: the credentials that count today, and the status per position id.
    credentials: dict[int, tuple[date | None, str]] | None = None
    statuses: dict[int, str] = field(default_factory=dict)


@dataclass
class PositionCount:
    """How many of the people covered meet a position, miss something, or have something
    expiring (before the status filter: the counts are the whole picture)."""

    position: Position
    met: int = 0
    missing: int = 0
    expiring: int = 0


def _is_in(ids: QuerySet) -> Case:
    # `pk IN (uncorrelated subquery)`, which PostgreSQL hashes once, where a correlated
    # EXISTS would run once per person.
    return Case(
        When(pk__in=ids, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _matching(search: str, prefix: str = "") -> Q:
    """Active people, by name or email when `search` is given (`prefix`: the path to them)."""
    active = Q(**{f"{prefix}is_active": True})
    if not search:
        return active
    return active & (
        Q(**{f"{prefix}certificate_name__icontains": search})
        | Q(**{f"{prefix}preferred_name__icontains": search})
        | Q(**{f"{prefix}email__icontains": search})
    )


def hr_matrix_population(*, positions, search="") -> QuerySet[User]:
    """Everyone the matrix covers: active people who hold a credential, or who are in a
    role (group) one of `positions` applies to (Position.applies_to_groups)."""
    roles = Position.applies_to_groups.through.objects.filter(
        position_id__in=[position.pk for position in positions]
    ).values("group_id")
    in_roles = User.groups.through.objects.filter(group_id__in=roles).values("user_id")
    return User.objects.filter(
        Q(pk__in=Credential.objects.values("holder_id")) | Q(pk__in=in_roles),
        _matching(search),
    )


def hr_matrix_people(*, positions, search="", today=None) -> QuerySet[User]:
    """The matrix's people in order, with `is_supervised` and `is_attested`."""
    today = today or timezone.localdate()
    return (
        hr_matrix_population(positions=positions, search=search)
        .order_by("certificate_name", "pk")
        .annotate(
            is_supervised=_is_in(SupervisorAssignment.objects.current(today).values("peer_id")),
            is_attested=_is_in(Attestation.objects.filter(on_file=True).values("person_id")),
        )
    )


def hr_matrix(
    *, positions, position_slug="", status="", within_days=30, search="", today=None
) -> dict:
    """The positions shown, the counts per position and everyone listed, in order: two
    queries (the people, light rows; their credentials that count today).

    Each person's status per position is worked out once, in Python, by the same functions
    that make the cells (requirement_state, position_status): the status filter and the
    counts follow from it, so a filter never disagrees with the cells it lists. Full checks
    (labels, dates, the courses that earn what is missing) are made afterwards, one page
    (hr_matrix_rows) or batch (hr_matrix_rows_all) at a time, from the same credentials.
    """
    today = today or timezone.localdate()
    if position_slug:
        positions = [p for p in positions if p.slug == position_slug]
    people_query = hr_matrix_people(positions=positions, search=search, today=today)
    fields = (*MATRIX_PERSON_FIELDS, "is_supervised", "is_attested")
    people = [MatrixPerson(*values) for values in people_query.values_list(*fields)]
    # Everyone who holds a credential is covered, so the credentials of the people listed
    # are those of every active holder who matches the search: no need to ask who else is.
    held = held_credentials(
        holders=_matching(search, "holder__"), types=requirement_types(positions), today=today
    )
    horizon = today + timedelta(days=within_days)
    rules = [(position, _requirement_groups(position)) for position in positions]
    group_ids = list(dict.fromkeys(ids for _position, groups in rules for _label, ids in groups))
    # People whose requirements stand the same way share their statuses: the positions are
    # worked through once per distinct situation (tens), not once per person (thousands).
    by_situation: dict[tuple, dict[int, str]] = {}
    people_in: Counter = Counter()
    nothing_held = tuple("missing" for _ids in group_ids)
    for person in people:
        credentials = person.credentials = held.get(person.pk, {})
        states = (
            tuple(requirement_state(ids, credentials, horizon)[0] for ids in group_ids)
            if credentials
            else nothing_held
        )
        situation = (person.is_supervised, person.is_attested, states)
        statuses = by_situation.get(situation)
        if statuses is None:
            results = _group_results(group_ids, credentials, horizon)
            statuses = by_situation[situation] = {
                position.pk: position_status(
                    result[2] for result in _requirement_results(person, position, groups, results)
                )
                for position, groups in rules
            }
        person.statuses = statuses
        people_in[situation] += 1
    counts = {position.pk: PositionCount(position) for position in positions}
    for situation, number in people_in.items():
        for position_id, position_status_ in by_situation[situation].items():
            count = counts[position_id]
            setattr(count, position_status_, getattr(count, position_status_) + number)
    if status:
        people = [person for person in people if status in person.statuses.values()]
    return {"positions": positions, "people": people, "counts": list(counts.values())}


def _held_of(people) -> HeldCredentials | None:
    """The credentials hr_matrix found for these people, if it did."""
    if not all(
        isinstance(person, MatrixPerson) and person.credentials is not None for person in people
    ):
        return None
    return {person.pk: person.credentials for person in people}


def hr_matrix_rows(
    *, people: list[MatrixPerson], positions, within_days=30, requirements=None
) -> list[MatrixRow]:
    """Full checks for these people: one query (the courses that earn what is missing), or
    none when `requirements` is given; their credentials came with them from hr_matrix."""
    checks = prerequisite_checks(
        people=people,
        positions=positions,
        within_days=within_days,
        requirements=requirements,
        held=_held_of(people),
    )
    position_ids = [position.pk for position in positions]
    return [
        MatrixRow(person, [checks[(person.pk, position_id)] for position_id in position_ids])
        for person in people
    ]


MATRIX_EXPORT_BATCH = 1000


def hr_matrix_rows_all(
    *, people: list[MatrixPerson], positions, within_days=30
) -> Iterator[MatrixRow]:
    """Every row, checked a batch of people at a time, for the streamed exports: the checks
    in memory stay a batch's, and the first rows go out before the last are checked."""
    requirements = position_requirements(positions)
    for start in range(0, len(people), MATRIX_EXPORT_BATCH):
        yield from hr_matrix_rows(
            people=people[start : start + MATRIX_EXPORT_BATCH],
            positions=positions,
            within_days=within_days,
            requirements=requirements,
        )


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
