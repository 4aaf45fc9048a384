"""Publishing the status lists: rebuilt from the database in the transaction that changes a
bit, stored signed, and served as stored (decision 0011)."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..models import Credential, StatusList, status_list_capacity
from ..status_lists import (
    LIST_NUMBERS,
    bitstring,
    etag_of,
    sign_status_list,
    status_list_document,
)


def _set_indexes(purpose: str):
    credentials = Credential.objects.order_by()
    if purpose == StatusList.Purpose.REVOCATION:
        credentials = credentials.filter(status=Credential.Status.REVOKED)
    else:
        credentials = credentials.filter(suspended_at__isnull=False)
    return credentials.values_list("status_list_index", flat=True)


def status_list_length() -> int:
    """The lists' length: room for every index handed out (they only ever grow)."""
    highest = Credential.objects.aggregate(highest=Max("status_list_index"))["highest"]
    length = status_list_capacity(0)
    while highest is not None and highest >= length:
        length *= 2
    return length


@transaction.atomic
def status_list_publish(*, purpose: str) -> StatusList:
    """Rebuild one list from the credentials, sign it and store it with a new version.

    Called by every service that changes a bit, inside its transaction: the row lock orders
    concurrent changes, and the list a verifier gets is never behind a committed change.
    Reads only the indexes whose bit is set, so it costs little even with many credentials.
    """
    number = LIST_NUMBERS[purpose]
    StatusList.objects.get_or_create(number=number, defaults={"purpose": purpose})
    status_list = StatusList.objects.select_for_update().get(number=number)
    indexes = list(_set_indexes(purpose))
    length = status_list_length()
    built_at = timezone.now().replace(microsecond=0)
    token = sign_status_list(
        status_list_document(purpose=purpose, bits=bitstring(indexes, length), built_at=built_at)
    )
    status_list.version += 1
    status_list.entries = length
    status_list.set_bits = len(indexes)
    status_list.token = token
    status_list.etag = etag_of(token)
    status_list.built_at = built_at
    status_list.save()
    return status_list


def status_list_published(*, number: int) -> StatusList | None:
    """The list as stored, signed at first request if it never was (after a migration, or in
    a new demo); None for a list number the hub does not publish."""
    purpose = {n: p for p, n in LIST_NUMBERS.items()}.get(number)
    if purpose is None:
        return None
    status_list = StatusList.objects.filter(number=number).first()
    if status_list is None or not status_list.token:
        status_list = status_list_publish(purpose=purpose)
    return status_list


def status_lists_publish_all() -> list[StatusList]:
    return [status_list_publish(purpose=purpose) for purpose in LIST_NUMBERS]


def status_lists_cover(*, index: int) -> None:
    """After an index is handed out: a list too short to hold it grows now (published lists
    only; one never built is built whole at first request)."""
    if StatusList.objects.filter(entries__lte=index).exclude(token="").exists():
        status_lists_publish_all()
