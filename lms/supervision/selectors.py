"""Reads for supervisors: a summary per supervisee, and one supervisee's whole record."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from certificates.ce_cycles import (
    CEProgress,
    approved_ce_records,
    asks_for_ce,
    ce_progress,
    rule_versions,
)
from certificates.models import Credential, CredentialType
from certificates.selectors import ce_records_of, review_queue_count
from courses.selectors import active_enrolment_counts, learner_dashboard
from lms.people.models import User
from lms.people.permissions import supervisees_of, user_has_role
from lms.people.roles import Role

from .models import HoursWorked, SupervisionLog, SupervisionRatio, SupervisionTopic


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
        "suspended_at",  # a suspension holds the status word (Credential.status_on)
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
    # Each type (and its CE rule versions) once, shared by every credential of that type, rather
    # than a copy joined to each credential.
    types = {
        credential_type.pk: credential_type
        for credential_type in CredentialType.objects.filter(pk__in=held_types).prefetch_related(
            "ce_rules__category_rules__category"
        )
    }
    for held in credentials.values():
        for credential in held:
            credential.credential_type = types[credential.credential_type_id]
            if credential.supersedes_id:
                credential.supersedes.credential_type = types[
                    credential.supersedes.credential_type_id
                ]
    type_asks_for_ce = {
        type_id: asks_for_ce(rule_versions(credential_type))
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
                and type_asks_for_ce[credential.credential_type_id]
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


def supervisor_dashboard(*, supervisor) -> dict:
    """The supervisor dashboard: a summary per supervisee and the reviews waiting."""
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


def supervisee_record(*, peer: User) -> dict:
    """What a supervisor sees of one supervisee: learning, credentials, CE and supervision."""
    return {
        "peer": peer,
        "learning": learner_dashboard(user=peer),
        "credentials": list(
            Credential.objects.filter(holder=peer)
            .exclude(status=Credential.Status.SUPERSEDED)
            .select_related("credential_type")
        ),
        "ce_records": ce_records_of(user=peer),
        "logs": SupervisionLog.objects.filter(peer=peer).select_related("supervisor"),
    }


def supervision_logs_of(*, peer: User):
    return SupervisionLog.objects.filter(peer=peer).select_related("supervisor")


@dataclass
class SupervisionReport:
    """A supervisee's supervision over a period: sessions, time, topics, and (where a credential
    they hold asks for one) supervision against the hours they worked."""

    peer: User
    start: date
    end: date
    logs: list[SupervisionLog]
    total_minutes: int
    topics: list[tuple[str, int]]  # (topic in words, sessions), most discussed first
    hours_worked: list[HoursWorked]
    hours_worked_total: Decimal
    # (credential type, N) for each current credential asking 1 hour of supervision per N worked.
    ratio_rules: list[tuple[CredentialType, int]]

    @property
    def total_hours(self) -> Decimal:
        return Decimal(self.total_minutes) / 60

    @property
    def sessions(self) -> int:
        return len(self.logs)

    @property
    def hours_worked_per_supervision_hour(self) -> Decimal | None:
        if not self.total_minutes or not self.hours_worked:
            return None
        return (self.hours_worked_total / self.total_hours).quantize(Decimal("0.1"))

    def ratio_met(self, every: int) -> bool | None:
        """1 hour of supervision for every `every` hours worked; None without hours worked."""
        if not self.hours_worked:
            return None
        return self.total_hours * every >= self.hours_worked_total


def supervision_report(*, peer: User, start: date, end: date) -> SupervisionReport:
    """Every supervision record of the peer held from `start` to `end` (archived ones too: they
    are kept, and an audit asks for all), the hours worked in the months the period touches,
    and the supervision ratios their current credentials ask for (4 queries)."""
    logs = list(
        SupervisionLog.objects.filter(peer=peer, held_on__range=(start, end))
        .select_related("supervisor")
        .order_by("held_on", "id")
    )
    counts: dict[str, int] = defaultdict(int)
    for log in logs:
        for topic in log.topics:
            counts[topic] += 1
    labels = dict(SupervisionTopic.choices)
    hours_worked = list(
        HoursWorked.objects.filter(peer=peer, month__range=(start.replace(day=1), end)).order_by(
            "month"
        )
    )
    ratio_rules = [
        (ratio.credential_type, ratio.hours_worked_per_hour)
        for ratio in SupervisionRatio.objects.filter(
            credential_type__credentials__holder=peer,
            credential_type__credentials__status__in=Credential.CURRENT_STATUSES,
        )
        .select_related("credential_type")
        .distinct()
        .order_by("credential_type__name")
    ]
    return SupervisionReport(
        peer=peer,
        start=start,
        end=end,
        logs=logs,
        total_minutes=sum(log.duration_minutes for log in logs),
        topics=sorted(
            ((labels.get(topic, topic), n) for topic, n in counts.items()),
            key=lambda item: (-item[1], item[0]),
        ),
        hours_worked=hours_worked,
        hours_worked_total=sum((entry.hours for entry in hours_worked), Decimal("0")),
        ratio_rules=ratio_rules,
    )


SUPERVISION_REPORT_COLUMNS = [
    "date",
    "peer",
    "supervisor",
    "minutes",
    "minutes as first recorded",
    "topics",
    "summary",
    "attestation",
    "attested at",
    "acknowledged at",
    "archived",
]


def supervision_report_rows(report: SupervisionReport) -> list[list]:
    """The report's rows for a CSV (`SUPERVISION_REPORT_COLUMNS`), then a blank row and the
    totals: one definition for the report's download and the audit packet's log."""
    peer_name = report.peer.certificate_name or report.peer.preferred_name
    rows: list[list] = [
        [
            log.held_on.isoformat(),
            peer_name,
            log.supervisor.certificate_name or log.supervisor.preferred_name,
            log.duration_minutes,
            log.duration_minutes_as_recorded or "",
            "; ".join(log.topic_labels),
            log.summary,
            log.attestation_text,
            log.supervisor_attested_at.isoformat(),
            log.acknowledged_at.isoformat() if log.acknowledged_at else "",
            "yes" if log.archived_at else "no",
        ]
        for log in report.logs
    ]
    rows.append([])
    rows.append(["total minutes", report.total_minutes, "sessions", report.sessions])
    if report.hours_worked:
        rows.append(["hours worked", str(report.hours_worked_total)])
    return rows


def hours_worked_of(*, peer: User):
    return HoursWorked.objects.filter(peer=peer).select_related("entered_by")
