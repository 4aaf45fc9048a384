"""In-person sessions: sign-up within capacity, and attendance that credits contact hours."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.core.text import hours_text

from ..models import Attendance, Enrolment, Session, SessionSignup
from .completion import enrolment_complete_if_finished


@transaction.atomic
def session_signup(*, session: Session, enrolment: Enrolment, acting_user) -> SessionSignup:
    if enrolment.learner_id != acting_user.pk:
        raise NotAllowed("You can only sign yourself up.")
    if enrolment.course_id != session.course_id or enrolment.status != Enrolment.Status.ACTIVE:
        raise NotAllowed("Sign-up is open to people enrolled in this course.")
    session = Session.objects.select_for_update().get(
        pk=session.pk
    )  # serialises the capacity count
    if session.starts_at <= timezone.now():
        raise DomainError("This session has already started.")
    existing = SessionSignup.objects.filter(session=session, enrolment=enrolment).first()
    if existing:
        return existing
    if session.signups.count() >= session.capacity:
        raise Conflict("This session is full. Please choose another date.")
    return SessionSignup.objects.create(session=session, enrolment=enrolment)


@transaction.atomic
def session_signup_cancel(*, session: Session, enrolment: Enrolment, acting_user) -> None:
    if enrolment.learner_id != acting_user.pk:
        raise NotAllowed("You can only cancel your own place.")
    SessionSignup.objects.filter(session=session, enrolment=enrolment).delete()


# What one Attendance row can hold (its check constraint): a longer session can't credit more.
MAX_HOURS_PER_ATTENDANCE = Decimal("24")


@dataclass(frozen=True)
class AttendanceLine:
    enrolment_id: int
    hours: str  # as typed; validated here


def _parse_attendance_hours(raw: str, session_hours: Decimal) -> Decimal:
    try:
        hours = Decimal(str(raw).strip() or "0")
    except (InvalidOperation, ValueError) as error:
        raise DomainError(f"“{raw}” is not a number of hours.") from error
    if not hours.is_finite():  # NaN and Infinity parse as Decimals but are not hours
        raise DomainError(f"“{raw}” is not a number of hours.")
    if hours < 0:
        raise DomainError("Hours can't be negative.")
    if hours > session_hours:
        raise DomainError(f"Hours can't be more than the session's {hours_text(session_hours)}.")
    if hours > MAX_HOURS_PER_ATTENDANCE:
        raise DomainError(f"One session can credit at most {MAX_HOURS_PER_ATTENDANCE} hours.")
    return hours.quantize(Decimal("0.01"))


@transaction.atomic
def attendance_record(*, session: Session, lines: list[AttendanceLine], acting_user) -> int:
    """Record every attendee's hours in one go; all lines are checked before any is saved."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.starts_at > timezone.now():
        raise DomainError("Attendance can be recorded once the session has started.")
    enrolments = {
        enrolment.pk: enrolment
        for enrolment in Enrolment.objects.filter(
            pk__in=[line.enrolment_id for line in lines], course_id=session.course_id
        ).exclude(status__in=Enrolment.CLOSED_EARLY)
    }
    parsed = []
    for line in lines:
        if line.enrolment_id not in enrolments:
            raise DomainError("Attendance can only be recorded for people enrolled in this course.")
        parsed.append(
            (enrolments[line.enrolment_id], _parse_attendance_hours(line.hours, session.hours))
        )
    for enrolment, hours in parsed:
        try:
            Attendance.objects.update_or_create(
                session=session,
                enrolment=enrolment,
                defaults={"hours": hours, "recorded_by": acting_user},
            )
        except IntegrityError as error:
            raise DomainError("Those hours are outside what a session can credit.") from error
    for enrolment, hours in parsed:
        if hours > 0:
            enrolment_complete_if_finished(enrolment_id=enrolment.pk)
    return len(parsed)
