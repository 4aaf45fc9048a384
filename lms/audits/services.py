"""Asking for an audit packet: for one person (the holder, their current supervisor, an
administrator) or for a random sample of a credential type's holders (administrators), over a
period. Audited; the packet is built by a Celery task queued after commit."""

import logging
import random
import secrets
from datetime import date

from django.db import transaction

from certificates.models import CredentialType
from certificates.tasks import BROKER_UNAVAILABLE
from lms.core.errors import DomainError, NotAllowed
from lms.people.models import User
from lms.people.services import audit_record

from . import permissions
from .models import AuditPacket
from .selectors import sample_candidate_ids
from .tasks import audit_packet_build_task

logger = logging.getLogger(__name__)

LONGEST_YEARS = 7  # as long as the hub keeps the records a packet holds (decision 0007)
SAMPLE_MAX = 200


def _queue(packet_id: int) -> None:
    try:
        audit_packet_build_task.delay(packet_id)
    except BROKER_UNAVAILABLE as error:
        logger.warning("Audit packet %s was not queued: broker unavailable (%s)", packet_id, error)


def _check_period(period_start: date, period_end: date) -> None:
    if period_end < period_start:
        raise DomainError("The period ends before it starts.")
    if (period_end - period_start).days > LONGEST_YEARS * 366:
        raise DomainError(f"Choose a period of at most {LONGEST_YEARS} years.")


def sample_draw(*, candidate_ids: list[int], size: int, seed: int) -> list[int]:
    """`size` ids drawn from `candidate_ids` (ascending) with `seed`: the same arguments always
    draw the same people, so a board (or anyone with the manifest) can repeat the draw."""
    # Not for security: a reproducible draw is the point, the seed itself is random.
    return random.Random(seed).sample(candidate_ids, min(size, len(candidate_ids)))  # noqa: S311


@transaction.atomic
def audit_packet_request(
    *, person: User, period_start: date, period_end: date, acting_user: User
) -> AuditPacket:
    if not permissions.can_request_packet_for(acting_user, person):
        raise NotAllowed(
            "An audit packet is for the person themselves, their supervisor or an administrator."
        )
    _check_period(period_start, period_end)
    packet = AuditPacket.objects.create(
        requested_by=acting_user,
        scope=AuditPacket.Scope.PERSON,
        person=person,
        people=[person.pk],
        period_start=period_start,
        period_end=period_end,
    )
    audit_record(
        actor=acting_user,
        action="audit_packet.requested",
        target=packet,
        subject=person,
        detail={"period": [period_start.isoformat(), period_end.isoformat()]},
    )
    # Not delay_on_commit: a broker outage must not fail the request from the on-commit hook.
    transaction.on_commit(lambda: _queue(packet.pk))
    return packet


@transaction.atomic
def audit_sample_request(
    *,
    credential_type: CredentialType,
    size: int,
    period_start: date,
    period_end: date,
    acting_user: User,
    seed: int | None = None,
) -> AuditPacket:
    """A board's draw: `size` people at random from the current holders of the type. The seed
    and the drawn people are kept (and printed in the manifest) so the draw can be repeated."""
    if not permissions.can_request_sample(acting_user):
        raise NotAllowed("A random sample is for administrators.")
    _check_period(period_start, period_end)
    if not 1 <= size <= SAMPLE_MAX:
        raise DomainError(f"Choose a sample of 1 to {SAMPLE_MAX} people.")
    candidates = sample_candidate_ids(credential_type=credential_type)
    if not candidates:
        raise DomainError(f"Nobody holds a current {credential_type.name} to draw from.")
    seed = secrets.randbits(63) if seed is None else seed
    drawn = sample_draw(candidate_ids=candidates, size=size, seed=seed)
    packet = AuditPacket.objects.create(
        requested_by=acting_user,
        scope=AuditPacket.Scope.SAMPLE,
        credential_type=credential_type,
        sample_size=size,
        seed=str(seed),
        drawn_from=len(candidates),
        people=drawn,
        period_start=period_start,
        period_end=period_end,
    )
    audit_record(
        actor=acting_user,
        action="audit_packet.sample_drawn",
        target=packet,
        detail={
            "credential_type": credential_type.name,
            "size": size,
            "seed": str(seed),
            "drawn_from": len(candidates),
            "people": drawn,
            "period": [period_start.isoformat(), period_end.isoformat()],
        },
    )
    transaction.on_commit(lambda: _queue(packet.pk))
    return packet


def audit_packet_downloaded(*, packet: AuditPacket, acting_user: User) -> None:
    audit_record(
        actor=acting_user,
        action="audit_packet.downloaded",
        target=packet,
        subject=packet.person,
        detail={"sha256": packet.zip_sha256},
    )
