"""Reads for audit packets: who a sample is drawn from, and one person's records for a period
(credentials, CE cycles, CE records and evidence, hub courses, supervision)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q, QuerySet

from certificates.ce_cycles import (
    CEProgress,
    approved_ce_records,
    ce_progress,
    cycle_name,
    cycle_start_of,
)
from certificates.ce_details import CEDetails
from certificates.models import CERecord, Credential, CredentialType, ExternalCredentialClaim
from courses.models import Attendance
from courses.selectors import Module, course_outlines
from lms.people.models import User
from lms.supervision.selectors import SupervisionReport, supervision_report

# A sample ------------------------------------------------------------------------------


def sample_candidate_ids(*, credential_type: CredentialType) -> list[int]:
    """The active people holding a current credential of the type, by id ascending: the list a
    sample is drawn from (ascending, so the same seed draws the same people again)."""
    return list(
        Credential.objects.filter(
            credential_type=credential_type,
            status__in=Credential.CURRENT_STATUSES,
            holder__is_active=True,
        )
        .order_by("holder_id")
        .values_list("holder_id", flat=True)
        .distinct()
    )


def sample_credential_types() -> QuerySet[CredentialType]:
    return CredentialType.objects.order_by("name")


# A hub course's details -----------------------------------------------------------------


@dataclass
class SessionAttended:
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    trainer: str
    hours: Decimal


@dataclass
class CourseDetails:
    """What an auditor asks of a hub course: its agenda, the CE certificate's board fields
    (presenters and their credentials, objectives, approvals, hours by category, format)
    and the person's sessions."""

    code: str
    title: str
    description: str
    provider: str
    ce: CEDetails
    ce_hours: Decimal
    contact_hours: Decimal
    completed_on: date
    credential_code: str
    modules: list[Module] = field(default_factory=list)
    sessions: list[SessionAttended] = field(default_factory=list)

    @property
    def online_minutes(self) -> int:
        return sum(step.minutes for module in self.modules for step in module.steps)

    @property
    def file_stem(self) -> str:
        return "".join(c if c.isalnum() or c in "-_" else "-" for c in self.code) or "course"


def course_details(credential: Credential) -> CourseDetails | None:
    """The course behind a hub credential: the certificate's snapshot (course title and
    description, provider, CE hours and the board fields, `Credential.ce`, as issued) and, from the
    course page (`credential.enrolment.course`), its modules and lessons with their minutes and
    the sessions the person attended. None for a credential no course completion issued.

    The one place a packet's course details are read: add any further detail here.
    """
    enrolment = getattr(credential, "enrolment", None)
    if enrolment is None:
        return None
    course = enrolment.course
    modules = course_outlines([course]).get(course.pk, [])
    sessions = [
        SessionAttended(
            title=attendance.session.title,
            starts_at=attendance.session.starts_at,
            ends_at=attendance.session.ends_at,
            location=attendance.session.location,
            trainer=(
                attendance.session.trainer.certificate_name
                or attendance.session.trainer.preferred_name
            )
            if attendance.session.trainer_id
            else "",
            hours=attendance.hours,
        )
        for attendance in Attendance.objects.filter(enrolment=enrolment)
        .select_related("session__trainer")
        .order_by("session__starts_at")
    ]
    return CourseDetails(
        code=course.code,
        title=credential.course_title or course.title,
        description=credential.course_description or course.summary,
        provider=credential.provider,
        ce=credential.ce,
        ce_hours=credential.ce_hours,
        contact_hours=credential.contact_hours,
        completed_on=credential.issued_on,
        credential_code=credential.display_code,
        modules=modules,
        sessions=sessions,
    )


# One person's records for a period ----------------------------------------------------


@dataclass
class CECycle:
    name: str
    progress: CEProgress


@dataclass
class PersonRecords:
    person: User
    start: date
    end: date
    credentials: list[Credential]  # in force at some time in the period
    cycles: list[CECycle]
    ce_records: list[CERecord]  # completed in the period, any status
    certificates: list[Credential]  # issued by the hub in the period, not revoked
    evidence: list[CERecord]  # approved, with a file, completed in the period
    claims: list[ExternalCredentialClaim]  # verified, with a file, issued in the period
    courses: list[CourseDetails]
    supervision: SupervisionReport

    @property
    def ce_by_category(self) -> list[tuple[str, Decimal, int]]:
        """Approved hours in the period by category: (category, hours, records)."""
        totals: dict[str, list] = {}
        for record in self.ce_records:
            if record.status != CERecord.Status.APPROVED:
                continue
            name = record.category.name if record.category_id else "No category"
            entry = totals.setdefault(name, [Decimal("0"), 0])
            entry[0] += record.hours
            entry[1] += 1
        return sorted((name, hours, count) for name, (hours, count) in totals.items())

    @property
    def ce_approved_total(self) -> Decimal:
        return sum((hours for _, hours, _ in self.ce_by_category), Decimal("0"))


def person_records(*, person: User, start: date, end: date, today: date) -> PersonRecords:
    """Everything of `person` a packet for `start`..`end` holds, and nothing of anyone else:
    every query below is filtered by this one holder."""
    in_force = Q(issued_on__lte=end) & (Q(expires_on__isnull=True) | Q(expires_on__gte=start))
    credentials = list(
        Credential.objects.filter(in_force, holder=person)
        .select_related("credential_type", "supersedes__supersedes__supersedes")
        .prefetch_related("credential_type__ce_rules__category_rules__category")
        .order_by("credential_type__name", "issued_on")
    )
    for credential in credentials:
        credential.status_today = credential.status_word_on(today)  # the word every page shows
    records = approved_ce_records(holder_ids=[person.pk])[person.pk]
    cycles = []
    for credential in credentials:
        if credential.status == Credential.Status.REVOKED or not credential.expires_on:
            continue
        if cycle_start_of(credential) > end:
            continue
        progress = ce_progress(credential, approved_records=records, today=today)
        if progress is not None:
            cycles.append(
                CECycle(
                    name=cycle_name(progress.cycle_start, progress.cycle_end), progress=progress
                )
            )
    ce_records = list(
        CERecord.objects.filter(holder=person, completed_on__range=(start, end))
        .select_related("category")
        .order_by("completed_on", "pk")
    )
    certificates = [
        credential
        for credential in credentials
        if credential.credential_type.issued_by_hub
        and start <= credential.issued_on <= end
        and credential.status != Credential.Status.REVOKED
    ]
    claims = list(
        ExternalCredentialClaim.objects.filter(
            holder=person,
            status=ExternalCredentialClaim.Status.VERIFIED,
            issued_on__range=(start, end),
        )
        .exclude(evidence="")
        .select_related("credential_type")
        .order_by("issued_on", "pk")
    )
    course_credentials = (
        Credential.objects.filter(
            holder=person,
            issued_on__range=(start, end),
            enrolment__isnull=False,
        )
        .exclude(status=Credential.Status.REVOKED)
        .select_related("enrolment__course")
        .order_by("issued_on", "pk")
    )
    courses = [details for c in course_credentials if (details := course_details(c)) is not None]
    return PersonRecords(
        person=person,
        start=start,
        end=end,
        credentials=credentials,
        cycles=cycles,
        ce_records=ce_records,
        certificates=certificates,
        evidence=[
            record
            for record in ce_records
            if record.status == CERecord.Status.APPROVED and record.evidence
        ],
        claims=claims,
        courses=courses,
        supervision=supervision_report(peer=person, start=start, end=end),
    )
