"""Applying the retention policy: the plan (what is past its period, a dry run) and the run
(delete or forget files, only what the plan found, and say so in the audit trail)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from lms.people.models import AuditEntry, User

from .policies import POLICIES, Action, Policy

BATCH = 500


@dataclass
class PlanItem:
    policy: Policy
    cutoff: date | None
    count: int  # past the period (0 for a policy that keeps everything)
    oldest: date | None = None

    @property
    def what_happens(self) -> str:
        if self.policy.action == Action.KEEP:
            return "kept (no period)"
        if not self.count:
            return "nothing past the period"
        verb = "deleted" if self.policy.action == Action.DELETE else "files deleted, rows kept"
        return f"{self.count} {verb}"


def _oldest(queryset) -> date | None:
    field = {
        "CERecord": "completed_on",
        "ExternalCredentialClaim": "reviewed_at",
        "SupervisionLog": "held_on",
        "HoursWorked": "month",
        "AuditPacket": "finished_at",
    }.get(queryset.model.__name__, "created_at")
    value = queryset.order_by(field).values_list(field, flat=True).first()
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def retention_plan(*, today: date | None = None) -> list[PlanItem]:
    """What each policy would do today: nothing is changed (two queries per policy)."""
    today = today or timezone.localdate()
    plan = []
    for policy in POLICIES:
        queryset = policy.past_period(today)
        if queryset is None:
            plan.append(PlanItem(policy=policy, cutoff=None, count=0))
            continue
        count = queryset.count()
        plan.append(
            PlanItem(
                policy=policy,
                cutoff=policy.cutoff(today),
                count=count,
                oldest=_oldest(queryset) if count else None,
            )
        )
    return plan


def _forget_files(queryset, field_name: str = "evidence") -> int:
    """Delete each stored file and clear its field; the row stays."""
    done = 0
    for record in queryset.order_by("pk").iterator(chunk_size=BATCH):
        stored = getattr(record, field_name)
        stored.storage.delete(stored.name)
        type(record).objects.filter(pk=record.pk).update(**{field_name: ""})
        done += 1
    return done


def _delete_rows(queryset) -> int:
    """Delete in batches, by primary key: a long history never becomes one huge statement.
    QuerySet.delete, not each row's delete(): supervision records refuse a person's delete on
    purpose, and this is the one path that may remove them, once past their period."""
    done = 0
    while True:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return done
        queryset.model.objects.filter(pk__in=ids).delete()
        done += len(ids)


@transaction.atomic
def retention_apply(
    *, today: date | None = None, acting_user: User | None = None
) -> list[PlanItem]:
    """Apply every policy: only what is past its period on `today` goes. Each policy that
    changed anything writes an audit entry with its count and cutoff, and the run writes one
    summary entry either way. Safe to run twice (the second run finds nothing)."""
    today = today or timezone.localdate()
    plan = retention_plan(today=today)
    for item in plan:
        if not item.count:
            continue
        queryset = item.policy.past_period(today)
        if item.policy.action == Action.DELETE_FILE:
            item.count = _forget_files(queryset, item.policy.file_field)
        elif item.policy.action == Action.DELETE:
            item.count = _delete_rows(queryset)
        AuditEntry.objects.create(
            actor=acting_user,
            action="retention.applied",
            target_type="retention.Policy",
            target_id=item.policy.key,
            target_repr=item.policy.data_class[:255],
            detail={
                "policy": item.policy.key,
                "action": item.policy.action,
                "count": item.count,
                "cutoff": item.cutoff.isoformat(),
                "oldest": item.oldest.isoformat() if item.oldest else None,
                "source": item.policy.source,
            },
        )
    AuditEntry.objects.create(
        actor=acting_user,
        action="retention.run",
        target_type="retention.Policy",
        target_id="all",
        target_repr="Retention policy",
        detail={
            "today": today.isoformat(),
            "changed": {item.policy.key: item.count for item in plan if item.count},
        },
    )
    return plan
