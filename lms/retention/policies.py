"""The retention policy: one row per data class, with its period, what happens after it, and
where the period comes from. Read by the `retention_report` command (a dry run) and applied by
the daily job (`jobs.retention_apply_task`). docs/decisions/0007-retention.md has the reasons.

A record is past its period when the date it is counted from is *before* the day that many
years ago (`add_months`, so 29 February counts from 28 February in other years): a session
held on 2 December 2019 is kept through 2 December 2026 and goes on the 3rd.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from certificates.expiry import add_months
from certificates.models import CERecord, Credential, ExternalCredentialClaim
from lms.audits.models import AuditPacket
from lms.people.models import AuditEntry, Notification
from lms.supervision.models import HoursWorked, SupervisionLog

MONTANA_CE = "ARM 24.219.421 (Montana Board of Behavioral Health): CE records kept at least 3 years"
MONTANA_SUPERVISION = "ARM 24.219 (Montana): supervision records kept 7 years"


class Action:
    DELETE = "delete"  # the rows go
    DELETE_FILE = "delete_file"  # the uploaded file goes; the row (the ledger) stays
    KEEP = "keep"  # no period: kept while the hub runs


@dataclass(frozen=True)
class Policy:
    key: str
    data_class: str
    years: int | None
    counted_from: str
    action: str
    source: str
    # A period in days instead of years (a file kept for the day's work, not for a board).
    days: int | None = None
    # The file a DELETE_FILE policy deletes (the row stays, the field is cleared).
    file_field: str = "evidence"

    @property
    def keeps_forever(self) -> bool:
        return self.years is None and self.days is None

    @property
    def period(self) -> str:
        if self.days is not None:
            return f"{self.days} days from {self.counted_from}"
        return f"{self.years} years from {self.counted_from}" if self.years else "kept"

    def cutoff(self, today: date) -> date | None:
        """Records counted from before this day are past the period."""
        if self.days is not None:
            return today - timedelta(days=self.days)
        return None if self.years is None else add_months(today, -12 * self.years)

    def past_period(self, today: date) -> QuerySet | None:
        """What is past its period on `today` (None for a policy that keeps everything)."""
        cutoff = self.cutoff(today)
        if cutoff is None:
            return None
        return PAST_PERIOD[self.key](cutoff)


POLICIES = [
    Policy(
        key="ce_evidence",
        data_class="CE evidence files (certificates a peer uploads)",
        years=7,
        counted_from="the day the CE was completed",
        action=Action.DELETE_FILE,
        source=(
            f"{MONTANA_CE}; the hub keeps 7 so an audit of the last 7 years finds the evidence "
            "beside the supervision records"
        ),
    ),
    Policy(
        key="ce_records",
        data_class="CE ledger rows (title, provider, date, hours, review)",
        years=None,
        counted_from="",
        action=Action.KEEP,
        source=(
            "The hub: a credential's CE cycles are judged from its whole chain, and the rows "
            "hold no evidence; their files follow the CE evidence period"
        ),
    ),
    Policy(
        key="claim_evidence",
        data_class="Evidence of credentials from other bodies (renewed cards)",
        years=7,
        counted_from="the day the claim was reviewed",
        action=Action.DELETE_FILE,
        source="The hub, as CE evidence; the verified credential itself is kept",
    ),
    Policy(
        key="supervision_logs",
        data_class="Supervision records",
        years=7,
        counted_from="the day of the session",
        action=Action.DELETE,
        source=MONTANA_SUPERVISION,
    ),
    Policy(
        key="hours_worked",
        data_class="Hours worked (for supervision ratios)",
        years=7,
        counted_from="the month worked",
        action=Action.DELETE,
        source=f"{MONTANA_SUPERVISION}: kept as long as the supervision it is set against",
    ),
    Policy(
        key="notifications",
        data_class="In-app notifications",
        years=1,
        counted_from="the day sent",
        action=Action.DELETE,
        source="The hub: reminders and messages are of no use after a year (data minimisation)",
    ),
    Policy(
        key="audit_trail",
        data_class="Audit trail",
        years=7,
        counted_from="the day recorded",
        action=Action.DELETE,
        source=(
            "The hub: as long as the longest-kept record it describes (supervision, 7 years), "
            "so every kept record's history can be shown"
        ),
    ),
    Policy(
        key="audit_packets",
        data_class="Audit packet zips (copies of records prepared for an audit)",
        years=None,
        days=30,
        counted_from="the day the packet was prepared",
        action=Action.DELETE_FILE,
        file_field="zip",
        source=(
            "The hub: a packet only copies records kept elsewhere; 30 days leaves time to "
            "send it, and the request (who, for whom, when, the zip's SHA-256) stays"
        ),
    ),
    Policy(
        key="credentials",
        data_class="Issued credentials and their PDFs",
        years=None,
        counted_from="",
        action=Action.KEEP,
        source="The hub: public verification answers for a certificate as long as it exists",
    ),
]

PAST_PERIOD = {
    "ce_evidence": lambda cutoff: CERecord.objects.filter(completed_on__lt=cutoff).exclude(
        evidence=""
    ),
    "claim_evidence": lambda cutoff: ExternalCredentialClaim.objects.filter(
        reviewed_at__date__lt=cutoff
    ).exclude(evidence=""),
    "supervision_logs": lambda cutoff: SupervisionLog.objects.filter(held_on__lt=cutoff),
    "hours_worked": lambda cutoff: HoursWorked.objects.filter(month__lt=cutoff.replace(day=1)),
    "notifications": lambda cutoff: Notification.objects.filter(created_at__date__lt=cutoff),
    "audit_trail": lambda cutoff: AuditEntry.objects.filter(created_at__date__lt=cutoff),
    "audit_packets": lambda cutoff: AuditPacket.objects.filter(
        finished_at__date__lt=cutoff
    ).exclude(zip=""),
}
# Kept whatever their age, named so the report lists them.
KEPT_MODELS = {"ce_records": CERecord, "credentials": Credential}


def policy(key: str) -> Policy:
    return next(p for p in POLICIES if p.key == key)
