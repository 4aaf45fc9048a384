"""CE rosters for CE-tracking services: who earned CE in a hub course, with their licence,
the course's and the provider's numbers, the date and the hours by subject.

One row per person, licence and subject (a person may hold a licence in two states; a course
may give hours in two CE categories); a person with no licence on record still has rows, with
the licence columns blank, so the roster counts everyone who earned the hours. A certificate
for the time attended (partial credit) counts what it awarded. Field by field:
docs/ce-roster.md.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from certificates.models import Credential, CredentialType
from lms.core.text import hours_number

from .models import CoursePage, Enrolment

ROSTER_COLUMNS = [
    "Attendee",
    "Licence number",
    "Licence type",
    "Licence state",
    "Course",
    "Course approval number",
    "Provider",
    "Provider number",
    "Completion date",
    "Hours",
    "Subject",
    "Delivery",
]


@dataclass(frozen=True)
class RosterRow:
    attendee: str
    licence_number: str
    licence_type: str
    licence_state: str
    completed_on: date
    hours: Decimal
    subject: str


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end, time.max), zone),
    )


def roster_rows(*, course: CoursePage, start: date, end: date) -> list[RosterRow]:
    """Completions (and partial credits) of the course from `start` to `end` (local days, both
    included), in a fixed number of queries: the enrolments with their certificates, the
    attendees' current licences, the course's CE hours by category."""
    since, until = _day_bounds(start, end)
    enrolments = list(
        Enrolment.objects.filter(
            course=course,
            status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.PARTIAL],
            completed_at__gte=since,
            completed_at__lte=until,
        )
        .select_related("learner", "credential")
        .order_by("completed_at", "learner__certificate_name")
    )
    licences: dict[int, list[Credential]] = {}
    for credential in (
        Credential.objects.filter(
            holder_id__in=[e.learner_id for e in enrolments],
            credential_type__kind=CredentialType.Kind.EXTERNAL_LICENCE,
            status__in=Credential.CURRENT_STATUSES,
        )
        .exclude(external_number="")
        .select_related("credential_type")
        .order_by("credential_type__name")
    ):
        licences.setdefault(credential.holder_id, []).append(credential)
    course_portions = [
        (category.name if category else "", hours)
        for category, hours in course.ce_hours_by_category()
    ]
    rows = []
    for enrolment in enrolments:
        completed_on = timezone.localdate(enrolment.completed_at)
        for subject, hours in _hours_awarded(enrolment, course_portions):
            for licence in licences.get(enrolment.learner_id) or [None]:
                rows.append(
                    RosterRow(
                        attendee=enrolment.learner.certificate_name,
                        licence_number=licence.external_number if licence else "",
                        licence_type=licence.credential_type.name if licence else "",
                        licence_state=licence.credential_type.jurisdiction if licence else "",
                        completed_on=completed_on,
                        hours=hours,
                        subject=subject,
                    )
                )
    return rows


def _hours_awarded(enrolment: Enrolment, course_portions) -> list[tuple[str, Decimal]]:
    """The hours by subject the enrolment's certificate printed (what a partial credit
    awarded), else the course's; certificates issued before hours were printed by subject
    (December 2026) read from the course."""
    credential = enrolment.credential
    printed = credential.ce.hours_by_category if credential else ()
    if printed:
        return [(row.category, row.hours) for row in printed]
    return course_portions


def approvals_text(course: CoursePage) -> str:
    """Each body's numbers for the course, e.g. "NAADAC: provider no. 1234, approval no. 56"."""
    return "; ".join(str(approval) for approval in course.ce_approvals.all())


def roster_cells(course: CoursePage, rows: list[RosterRow]) -> list[list[str]]:
    """The rows as the file's cells, in ROSTER_COLUMNS' order."""
    return [
        [
            row.attendee,
            row.licence_number,
            row.licence_type,
            row.licence_state,
            course.title,
            approvals_text(course),
            settings.HUB_NAME,
            settings.HUB_CE_PROVIDER_NUMBER,
            row.completed_on.isoformat(),
            hours_number(row.hours),
            row.subject,
            course.get_delivery_display(),
        ]
        for row in rows
    ]
