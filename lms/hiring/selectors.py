"""Reads for HR: each position's prerequisites checked for people, and the matrix of them."""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.dateformat import format as date_format

from certificates.expiry import status_on
from certificates.models import Credential, CredentialType
from courses.selectors import course_titles_awarding
from lms.people.models import SupervisorAssignment, User

from .models import Attestation, Position

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
        .values_list("holder_id", "credential_type_id", "status", "expires_on", "suspended_at")
    )
    for holder_id, type_id, stored_status, expires_on, suspended_at in rows:
        credential_type = types[type_id]
        status = status_on(
            stored_status=stored_status,
            expires_on=expires_on,
            today=today,
            window_days=credential_type.renewal_window_days,
            grace_days=credential_type.grace_days,
            suspended=suspended_at is not None,
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
