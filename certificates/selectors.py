"""Read queries for credentials, the CE ledger and verification."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from lms.models import Attestation, SupervisionLog, SupervisorAssignment, User

from .models import CERecord, Credential, CredentialType, Position, normalise_code
from .services.ce import CEProgress, approved_ce_records, ce_progress


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


def credential_by_pdf_hash(sha256: str) -> Credential | None:
    return Credential.objects.filter(pdf_sha256=sha256).select_related("credential_type").first()


def ce_records_of(*, user) -> QuerySet[CERecord]:
    return CERecord.objects.filter(holder=user).select_related("category")


# Position prerequisites (HR) ---------------------------------------------------------


@dataclass
class PrerequisiteItem:
    """One requirement of a position for one person."""

    label: str
    state: str  # "met" | "missing" | "expiring"
    expires_on: date | None = None
    earned_by: list[str] = field(default_factory=list)  # course titles that earn it


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
        self.status = "missing" if self.missing else "expiring" if self.expiring else "met"


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


def prerequisite_checks(
    *,
    people: list[User],
    positions: list[Position],
    within_days: int = 30,
    today=None,
    requirements: PositionRequirements | None = None,
) -> dict[tuple[int, int], PositionCheck]:
    """Every person against every position, in a fixed number of queries.

    A credential counts while it is current and not past its expiry date; it is
    "expiring" when it lapses within `within_days`. `requirements` saves its query when
    the caller checks people in batches.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=within_days)
    person_ids = [person.pk for person in people]
    held: dict[int, dict[int, date | None]] = defaultdict(dict)
    for holder_id, type_id, expires_on in (
        Credential.objects.filter(holder_id__in=person_ids, status__in=Credential.CURRENT_STATUSES)
        .exclude(expires_on__lt=today)
        .values_list("holder_id", "credential_type_id", "expires_on")
    ):
        held[holder_id][type_id] = expires_on
    if people and not hasattr(people[0], "is_supervised"):
        people = list(with_supervision_and_attestation(User.objects.filter(pk__in=person_ids)))
    requirements = requirements or position_requirements(positions)
    earned_by = requirements.earned_by
    requirements = requirements.by_position

    # Items that are the same for everyone are made once and shared (nobody changes an
    # item): an export checks every person against every position.
    missing_item = {
        ids: PrerequisiteItem(label, "missing", earned_by=earned_by[ids])
        for reqs in requirements.values()
        for label, ids in reqs
    }
    supervisor_items = {
        state: PrerequisiteItem("An active supervisor", state) for state in ("met", "missing")
    }
    attestation_items = {
        state: PrerequisiteItem("Lived-experience attestation on file", state)
        for state in ("met", "missing")
    }
    position_rules = [(position, position.pk, requirements[position.pk]) for position in positions]

    def credential_item(label, type_ids_any, credentials):
        expiries = [credentials[type_id] for type_id in type_ids_any if type_id in credentials]
        if not expiries:
            return missing_item[type_ids_any]
        # The longest-lasting credential of the group counts; None means it never expires.
        expires = None if None in expiries else max(expiries)
        state = "expiring" if expires is not None and expires <= horizon else "met"
        return PrerequisiteItem(label, state, expires_on=expires)

    checks = {}
    for person in people:
        person_id = person.pk
        credentials = held.get(person_id, {})
        for position, position_id, reqs in position_rules:
            items = [credential_item(label, ids, credentials) for label, ids in reqs]
            if position.requires_supervisor:
                items.append(supervisor_items["met" if person.is_supervised else "missing"])
            if position.requires_attestation:
                items.append(attestation_items["met" if person.is_attested else "missing"])
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
    dates = ("credential_type_id", "status", "issued_on", "expires_on", "supersedes_id")
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
        statuses = [credential.public_status(today) for credential in held]
        due = sum(
            1 for c in held if c.status == Credential.Status.RENEWAL_DUE and c.expires_on >= today
        )
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
                active=statuses.count("valid") - due,
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
    from lms.permissions import learner_records_visible_to

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
    return pending_ce.values("pk").union(pending_claims.values("pk"), all=True).count()


def supervisor_dashboard(*, supervisor) -> dict:
    """The supervisor dashboard: a summary per supervisee and the reviews waiting."""
    from lms.permissions import supervisees_of, user_has_role
    from lms.roles import Role

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


def review_queue_for(*, reviewer) -> dict:
    """Pending CE and external credentials of the peers this person may review."""
    from lms.permissions import learner_records_visible_to

    from .models import ExternalCredentialClaim

    people = learner_records_visible_to(reviewer).exclude(pk=reviewer.pk)
    return {
        "pending_ce": list(
            CERecord.objects.filter(holder__in=people, status=CERecord.Status.PENDING)
            .select_related("holder", "category")
            .order_by("created_at")
        ),
        "pending_claims": list(
            ExternalCredentialClaim.objects.filter(
                holder__in=people, status=ExternalCredentialClaim.Status.PENDING
            )
            .select_related("holder", "credential_type")
            .order_by("created_at")
        ),
    }


# HR matrix ----------------------------------------------------------------------------

MATRIX_STATUSES = ("met", "missing", "expiring")
EXPIRY_WINDOWS = (30, 60, 90)


@dataclass
class MatrixRow:
    person: "User | MatrixPerson"
    checks: list[PositionCheck]


def _position_status(position: Position, counts: dict[tuple[int, ...], tuple[str, str]]) -> Case:
    """The position's status for a person, as SQL over the counts annotated by
    hr_matrix_people: missing when a group of types has no credential held (or the
    supervisor or attestation is missing), expiring when one held lapses within the window."""
    missing, expiring = [], []
    for _label, ids in _requirement_groups(position):
        held, lasting = counts[ids]
        missing.append(Q(**{held: 0}))
        expiring.append(Q(**{lasting: 0}))
    if position.requires_supervisor:
        missing.append(Q(is_supervised=False))
    if position.requires_attestation:
        missing.append(Q(is_attested=False))
    whens = []
    if missing:
        whens.append(When(reduce(or_, missing), then=Value("missing")))
    if expiring:
        whens.append(When(reduce(or_, expiring), then=Value("expiring")))
    return Case(*whens, default=Value("met"), output_field=CharField())


def _is_in(ids: QuerySet) -> Case:
    # `pk IN (uncorrelated subquery)`, which PostgreSQL hashes once, where a correlated
    # EXISTS would run once per person.
    return Case(
        When(pk__in=ids, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def hr_matrix_people(
    *, positions, status="", within_days=30, search="", today=None
) -> QuerySet[User]:
    """The matrix's people in order, filtered by name and by position status, in SQL, with
    `is_supervised` and `is_attested`.

    With a status filter, one aggregate over each person's current credentials counts, per
    group of credential types a position asks for, those held and those lasting beyond the
    window; the position's status follows from the counts, and the filter runs in the
    database (no per-person Python, whatever the headcount).
    """
    from lms.roles import Role

    today = today or timezone.localdate()
    people = User.objects.filter(is_active=True, groups__name=Role.PEER)
    if search:
        people = people.filter(
            Q(certificate_name__icontains=search)
            | Q(preferred_name__icontains=search)
            | Q(email__icontains=search)
        )
    people = people.order_by("certificate_name", "pk").annotate(
        is_supervised=_is_in(SupervisorAssignment.objects.current(today).values("peer_id")),
        is_attested=_is_in(Attestation.objects.filter(on_file=True).values("person_id")),
    )
    if not status:
        return people
    horizon = today + timedelta(days=within_days)
    groups = sorted({ids for p in positions for _label, ids in _requirement_groups(p)})
    # Only current, unexpired credentials are joined, so each count filters on type and
    # expiry alone.
    people = people.annotate(
        current_credential=FilteredRelation(
            "credentials",
            condition=Q(credentials__status__in=Credential.CURRENT_STATUSES)
            & (Q(credentials__expires_on__isnull=True) | Q(credentials__expires_on__gte=today)),
        )
    )
    lasting = Q(current_credential__expires_on__isnull=True) | Q(
        current_credential__expires_on__gt=horizon
    )
    counts, aggregates = {}, {}
    for n, ids in enumerate(groups):
        of_group = Q(current_credential__credential_type_id__in=ids)
        counts[ids] = (f"holds_{n}", f"lasts_{n}")
        aggregates[f"holds_{n}"] = Count("current_credential", filter=of_group)
        aggregates[f"lasts_{n}"] = Count("current_credential", filter=of_group & lasting)
    statuses = {f"position_{p.pk}": _position_status(p, counts) for p in positions}
    people = people.annotate(**aggregates).annotate(**statuses)
    return people.filter(reduce(or_, (Q(**{name: status}) for name in statuses), Q(pk__in=[])))


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


def hr_matrix(*, positions, position_slug="", status="", within_days=30, search="") -> dict:
    """The positions shown and everyone listed, in order, in one query (light rows).

    Rows are checked afterwards, one page (hr_matrix_rows) or batch (hr_matrix_rows_all) at
    a time, so the page never pays for the people it does not show.
    """
    if position_slug:
        positions = [p for p in positions if p.slug == position_slug]
    people = hr_matrix_people(
        positions=positions, status=status, within_days=within_days, search=search
    )
    fields = (*MATRIX_PERSON_FIELDS, "is_supervised", "is_attested")
    return {
        "positions": positions,
        "people": [MatrixPerson(*values) for values in people.values_list(*fields)],
    }


def hr_matrix_rows(
    *, people: list[MatrixPerson], positions, within_days=30, requirements=None
) -> list[MatrixRow]:
    """Full checks (labels, dates, the courses that earn what is missing) for these people:
    2 queries, whatever the headcount."""
    checks = prerequisite_checks(
        people=people, positions=positions, within_days=within_days, requirements=requirements
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
    """Every row, checked a batch of people at a time, for the streamed exports.

    One query per 1,000 people (their credentials) plus one: memory stays flat and the
    first rows go out before the last are checked.
    """
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
