"""Read queries for credentials, the CE ledger and verification."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from lms.models import Attestation, SupervisionLog, SupervisorAssignment, User

from .models import CERecord, Credential, Position, normalise_code
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
    person: User
    position: Position
    items: list[PrerequisiteItem]

    @property
    def status(self) -> str:
        states = {item.state for item in self.items}
        if "missing" in states:
            return "missing"
        if "expiring" in states:
            return "expiring"
        return "met"

    @property
    def missing(self) -> list[PrerequisiteItem]:
        return [item for item in self.items if item.state == "missing"]

    @property
    def expiring(self) -> list[PrerequisiteItem]:
        return [item for item in self.items if item.state == "expiring"]


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
            SupervisorAssignment.objects.filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=today),
                peer=OuterRef("pk"),
                starts_on__lte=today,
            )
        ),
        is_attested=Exists(Attestation.objects.filter(person=OuterRef("pk"), on_file=True)),
    )


def prerequisite_checks(
    *, people: list[User], positions: list[Position], within_days: int = 30, today=None
) -> dict[tuple[int, int], PositionCheck]:
    """Every person against every position, in a fixed number of queries.

    A credential counts while it is current and not past its expiry date; it is
    "expiring" when it lapses within `within_days`.
    """
    from courses.selectors import course_titles_awarding

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
    # Each position's credential requirements, worked out once rather than per person:
    # (label, the type ids of which one is enough, titles of the courses that earn one).
    requirements = {}
    for position in positions:
        groups = [(ct.name, [ct]) for ct in position.required_credential_types.all()] + [
            (
                f"{group.label}: one of "
                + ", ".join(ct.name for ct in group.credential_types.all()),
                list(group.credential_types.all()),
            )
            for group in position.any_of_groups.all()
        ]
        requirements[position.pk] = [(label, [ct.pk for ct in types]) for label, types in groups]
    earners = course_titles_awarding(
        credential_type_ids={t for reqs in requirements.values() for _, ids in reqs for t in ids}
    )
    earned_by = {
        tuple(ids): sorted({title for t in ids for title in earners.get(t, [])})
        for reqs in requirements.values()
        for _, ids in reqs
    }

    def credential_item(label, type_ids_any, credentials):
        expiries = [credentials[type_id] for type_id in type_ids_any if type_id in credentials]
        if not expiries:
            return PrerequisiteItem(label, "missing", earned_by=earned_by[tuple(type_ids_any)])
        # The longest-lasting credential of the group counts; None means it never expires.
        expires = None if None in expiries else max(expiries)
        state = "expiring" if expires is not None and expires <= horizon else "met"
        return PrerequisiteItem(label, state, expires_on=expires)

    checks = {}
    for person in people:
        credentials = held.get(person.pk, {})
        for position in positions:
            items = [
                credential_item(label, ids, credentials) for label, ids in requirements[position.pk]
            ]
            if position.requires_supervisor:
                state = "met" if person.is_supervised else "missing"
                items.append(PrerequisiteItem("An active supervisor", state))
            if position.requires_attestation:
                state = "met" if person.is_attested else "missing"
                items.append(PrerequisiteItem("Lived-experience attestation on file", state))
            checks[(person.pk, position.pk)] = PositionCheck(person, position, items)
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
    """Status chips for each supervisee in a fixed number of queries (about 8)."""
    from courses.selectors import active_enrolment_counts

    people = list(supervisees.order_by("preferred_name"))
    ids = [person.pk for person in people]
    today = timezone.localdate()
    credentials = defaultdict(list)
    for credential in (
        Credential.objects.filter(
            holder_id__in=ids,
            status__in=[*Credential.CURRENT_STATUSES, Credential.Status.EXPIRED],
        )
        .select_related("credential_type", "supersedes__supersedes")
        .prefetch_related("credential_type__ce_minimums__category")
    ):
        credentials[credential.holder_id].append(credential)
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
            if credential.is_current:
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
    person: User
    checks: list[PositionCheck]


def hr_matrix(*, positions, position_slug="", status="", within_days=30, search="") -> dict:
    """People by positions, with filters; a fixed number of queries whatever the headcount."""
    from lms.roles import Role

    if position_slug:
        positions = [p for p in positions if p.slug == position_slug]
    people = User.objects.filter(is_active=True, groups__name=Role.PEER).order_by(
        "certificate_name", "pk"
    )
    if search:
        people = people.filter(
            Q(certificate_name__icontains=search)
            | Q(preferred_name__icontains=search)
            | Q(email__icontains=search)
        )
    people = list(
        with_supervision_and_attestation(
            people.only("pk", "email", "preferred_name", "certificate_name")
        )
    )
    checks = prerequisite_checks(people=people, positions=positions, within_days=within_days)
    rows = []
    for person in people:
        person_checks = [checks[(person.pk, position.pk)] for position in positions]
        if status and not any(check.status == status for check in person_checks):
            continue
        rows.append(MatrixRow(person, person_checks))
    return {"positions": positions, "rows": rows}


def current_credentials_expiring(*, user) -> QuerySet[Credential]:
    """The person's current credentials that have an expiry date (for their calendar)."""
    return Credential.objects.filter(
        holder=user, status__in=Credential.CURRENT_STATUSES, expires_on__isnull=False
    ).order_by("expires_on")
