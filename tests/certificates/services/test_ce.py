"""The CE ledger: hours, evidence checks, reviews, and progress in a credential's cycle."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates.models import CERecord, Credential
from certificates.services.ce import ce_progress, ce_record_review, ce_record_submit, parse_hours
from certificates.services.issuance import credential_issue
from certificates.uploads import MAX_EVIDENCE_BYTES, check_evidence_file
from lms.errors import Conflict, DomainError
from lms.models import AuditEntry, Notification
from tests.certificates.helpers import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    ce_record,
    storage,
    stored_files,
    upload,
)
from tests.factories import CredentialTypeFactory

APPROVED, PENDING, REJECTED = (
    CERecord.Status.APPROVED,
    CERecord.Status.PENDING,
    CERecord.Status.REJECTED,
)

# parse_hours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "-1",
        "-0.25",
        "0",
        "0.00",
        "200.25",
        "201",
        "1e3",
        "NaN",
        "nan",
        "sNaN",
        "inf",
        "Infinity",
        "-inf",
        "",
        "   ",
        "one hour",
        "1,5",
        "1.5h",
        "0x10",
        None,
        "1.1",
        "1.3",
        "0.1",
        "2.33",
        float("nan"),
        float("inf"),
    ],
    ids=repr,
)
def test_parse_hours_refuses(raw):
    with pytest.raises(DomainError):
        parse_hours(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0.25", "0.25"),
        (" 1.5 ", "1.5"),
        ("2", "2"),
        (3, "3"),
        ("199.75", "199.75"),
        ("200", "200"),
        (Decimal("1.25"), "1.25"),
    ],
)
def test_parse_hours_accepts_quarter_hours_up_to_200(raw, expected):
    assert parse_hours(raw) == Decimal(expected)


@given(quarters=st.integers(min_value=1, max_value=800))
def test_every_quarter_hour_up_to_200_is_accepted(quarters):
    hours = Decimal(quarters) / 4
    assert parse_hours(str(hours)) == hours


@given(
    hours=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("200"), places=2).filter(
        lambda hours: (hours * 4) % 1
    )
)
def test_hours_between_quarter_hours_are_refused(hours):
    with pytest.raises(DomainError, match="quarter hours"):
        parse_hours(str(hours))


# ce_record_submit ---------------------------------------------------------------------


def submit(holder, **fields):
    values = {
        "holder": holder,
        "title": "Suicide prevention: QPR Gatekeeper",
        "provider": "Montana Suicide Prevention Program",
        "completed_on": timezone.localdate() - timedelta(days=10),
        "hours": "1.5",
        "category": None,
        "evidence": upload("certificate.pdf", PDF_BYTES, "application/pdf"),
    }
    return ce_record_submit(**(values | fields))


def assert_nothing_saved(holder):
    assert not CERecord.objects.filter(holder=holder).exists()
    assert stored_files(f"ce-evidence/{holder.pk}") == []


@pytest.mark.django_db
def test_submit_records_pending_ce_with_its_evidence(holder, suicide_prevention):
    record = submit(holder, category=suicide_prevention, hours=" 1.5 ")

    assert record.status == PENDING
    assert record.source == CERecord.Source.EXTERNAL
    assert record.hours == Decimal("1.5")
    assert record.category == suicide_prevention
    assert record.evidence.name.startswith(f"ce-evidence/{holder.pk}/")
    with record.evidence.open("rb") as stored:
        assert stored.read() == PDF_BYTES


@pytest.mark.django_db
def test_a_png_named_pdf_is_accepted_as_the_png_it_is(holder):
    record = submit(holder, evidence=upload("scan.pdf", PNG_BYTES, "application/pdf"))
    with record.evidence.open("rb") as stored:
        assert stored.read() == PNG_BYTES


@pytest.mark.django_db
def test_a_jpeg_is_accepted(holder):
    assert submit(holder, evidence=upload("photo.jpg", JPEG_BYTES, "image/jpeg")).pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (upload("empty.pdf", b"", "application/pdf"), "Attach your evidence"),
        (
            upload(
                "huge.pdf",
                b"%PDF-1.4\n" + b"0" * (MAX_EVIDENCE_BYTES - 9) + b"%%EOF\n",
                "application/pdf",
            ),
            "larger than 10 MB",
        ),
        (upload("notes.pdf", b"I attended the workshop.\n", "application/pdf"), "PDF, PNG or JPEG"),
        (upload("page.pdf", b"<html><script>alert(1)</script>", "application/pdf"), "PDF, PNG"),
        (upload("cut.pdf", PDF_BYTES.replace(b"%%EOF", b""), "application/pdf"), "damaged"),
        (upload("cut.pdf", PDF_BYTES[:20], "application/pdf"), "damaged"),
    ],
    ids=["empty", "over 10 MB", "text named .pdf", "html named .pdf", "no %%EOF", "truncated"],
)
def test_submit_refuses_bad_evidence_and_saves_nothing(holder, evidence, message):
    with pytest.raises(DomainError, match=message):
        submit(holder, evidence=evidence)
    assert_nothing_saved(holder)


def test_a_file_of_exactly_10_mb_is_not_refused_for_its_size():
    body = b"%PDF-1.4\n" + b"0" * (MAX_EVIDENCE_BYTES - 15) + b"%%EOF\n"
    assert len(body) == MAX_EVIDENCE_BYTES
    assert check_evidence_file(upload("big.pdf", body)) == "application/pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"completed_on": timedelta(days=1)}, "future"),
        ({"completed_on": -timedelta(days=365 * 6)}, "older than five years"),
        ({"hours": "0"}, "more than 0"),
        ({"hours": "250"}, "at most 200"),
        ({"hours": "1.1"}, "quarter hours"),
        ({"hours": "lots"}, "must be a number"),
        ({"title": "   "}, "title"),
        ({"provider": ""}, "provider"),
    ],
    ids=["future", "too old", "zero hours", "too many hours", "1.1 hours", "text", "title", "prov"],
)
def test_submit_refuses_bad_details_and_saves_nothing(holder, fields, message):
    if "completed_on" in fields:  # days from today
        fields = {"completed_on": timezone.localdate() + fields["completed_on"]}
    with pytest.raises(DomainError, match=message):
        submit(holder, **fields)
    assert_nothing_saved(holder)


@pytest.mark.django_db
def test_the_evidence_name_cannot_climb_out_of_the_holders_folder(holder):
    record = submit(holder, evidence=upload("../../../escape.pdf", PDF_BYTES))
    assert record.evidence.name.startswith(f"ce-evidence/{holder.pk}/")
    assert ".." not in record.evidence.name
    assert storage().exists(record.evidence.name)


# ce_record_review ---------------------------------------------------------------------


@pytest.mark.django_db
def test_approving_records_the_reviewer_audits_and_tells_the_peer(holder, administrator):
    record = submit(holder)

    ce_record_review(record=record, approve=True, note="", acting_user=administrator)

    record.refresh_from_db()
    assert record.status == APPROVED
    assert record.reviewed_by == administrator
    assert record.reviewed_at is not None
    entry = AuditEntry.objects.get(action="ce.approve", target_id=str(record.pk))
    assert (entry.actor, entry.subject, entry.detail) == (administrator, holder, {"hours": "1.50"})
    assert Notification.objects.filter(recipient=holder, message__contains="was approved")


@pytest.mark.django_db
@pytest.mark.parametrize("note", ["", "  ", None])
def test_rejecting_needs_a_note(holder, administrator, note):
    record = submit(holder)
    with pytest.raises(DomainError, match="Say why"):
        ce_record_review(record=record, approve=False, note=note, acting_user=administrator)
    record.refresh_from_db()
    assert record.status == PENDING
    assert not AuditEntry.objects.filter(target_id=str(record.pk), action__startswith="ce.")


@pytest.mark.django_db
def test_rejecting_keeps_the_note_for_the_peer(holder, administrator):
    record = submit(holder)
    ce_record_review(
        record=record, approve=False, note=" Certificate unreadable. ", acting_user=administrator
    )
    record.refresh_from_db()
    assert (record.status, record.review_note) == (REJECTED, "Certificate unreadable.")
    assert AuditEntry.objects.filter(action="ce.reject", target_id=str(record.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("first_approves", [True, False])
def test_a_second_review_is_a_conflict(holder, administrator, first_approves):
    record = submit(holder)
    ce_record_review(record=record, approve=first_approves, note="ok", acting_user=administrator)
    with pytest.raises(Conflict):
        ce_record_review(
            record=record, approve=not first_approves, note="changed", acting_user=administrator
        )
    record.refresh_from_db()
    assert record.status == (APPROVED if first_approves else REJECTED)
    assert AuditEntry.objects.filter(target_id=str(record.pk)).count() == 1


# ce_progress: CBHPSS rules ------------------------------------------------------------


def cbhpss_cycles(holder, credential_type, cycles: int) -> list[Credential]:
    """Certified 15 August 2024, then renewed each December: one credential per cycle."""
    credentials = [
        credential_issue(
            holder=holder,
            credential_type=credential_type,
            source=Credential.Source.EXTERNAL,
            issued_on=date(2024, 8, 15),
        )
    ]
    for year in range(2024, 2024 + cycles - 1):
        credentials.append(
            credential_issue(
                holder=holder,
                credential_type=credential_type,
                source=Credential.Source.EXTERNAL,
                issued_on=date(year, 12, 15),
                supersedes=credentials[-1],
            )
        )
    return credentials


@pytest.mark.django_db
def test_the_first_cycle_requires_no_ce(holder, cbhpss_type):
    (first,) = cbhpss_cycles(holder, cbhpss_type, 1)

    progress = ce_progress(first)

    assert (progress.cycle_start, progress.cycle_end) == (date(2024, 8, 15), date(2024, 12, 31))
    assert progress.required == 0
    assert [category.required for category in progress.categories] == [0]
    assert progress.met
    assert progress.percent == 100


@pytest.mark.django_db
def test_a_renewed_cycle_requires_20_hours_and_the_category_minimum(
    holder, cbhpss_type, suicide_prevention
):
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)
    ce_record(holder, hours=18, completed_on=date(2025, 3, 1))

    progress = ce_progress(second)
    assert (progress.cycle_start, progress.cycle_end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert progress.required == 20
    assert (progress.earned, progress.carried_forward) == (18, 0)
    assert progress.percent == 90
    assert not progress.met

    ce_record(holder, hours=2, completed_on=date(2025, 12, 31), category=suicide_prevention)
    progress = ce_progress(second)
    assert progress.earned == 20
    assert progress.categories[0].earned == 2
    assert progress.met


@pytest.mark.django_db
def test_only_approved_hours_of_the_holder_inside_the_cycle_count(
    holder, other_peer, cbhpss_type, suicide_prevention
):
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)
    ce_record(holder, hours=5, completed_on=date(2025, 1, 1))
    ce_record(holder, hours=10, completed_on=date(2025, 5, 1), status=PENDING)
    ce_record(holder, hours=10, completed_on=date(2025, 5, 2), status=REJECTED)
    ce_record(holder, hours=3, completed_on=date(2025, 6, 1), status=PENDING, category=None)
    ce_record(
        holder, hours=2, completed_on=date(2025, 7, 1), status=REJECTED, category=suicide_prevention
    )
    ce_record(holder, hours=7, completed_on=date(2026, 1, 1))
    ce_record(other_peer, hours=4, completed_on=date(2025, 8, 1))

    progress = ce_progress(second)

    assert progress.earned == 5
    assert progress.categories[0].earned == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("first_cycle_hours", "carried"), [(0, 0), (12, 12), (20, 20), (26, 20)])
def test_surplus_from_the_previous_cycle_carries_forward_up_to_the_maximum(
    holder, cbhpss_type, first_cycle_hours, carried
):
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)
    if first_cycle_hours:
        ce_record(holder, hours=first_cycle_hours, completed_on=date(2024, 10, 1))

    progress = ce_progress(second)

    assert progress.carried_forward == carried
    assert progress.total == carried
    assert progress.earned == 0


@pytest.mark.django_db
def test_only_the_surplus_over_the_previous_requirement_carries_forward(holder, cbhpss_type):
    _, _, third = cbhpss_cycles(holder, cbhpss_type, 3)
    ce_record(holder, hours=30, completed_on=date(2025, 4, 1))
    ce_record(holder, hours=5, completed_on=date(2025, 9, 1))
    ce_record(holder, hours=6, completed_on=date(2024, 9, 1))  # two cycles back: never carried

    progress = ce_progress(third)

    assert progress.required == 20
    assert progress.carried_forward == 15  # 35 earned in 2025 - 20 required


@pytest.mark.django_db
def test_the_category_minimum_is_counted_over_two_cycles(holder, cbhpss_type, suicide_prevention):
    _, second, third = cbhpss_cycles(holder, cbhpss_type, 3)
    ce_record(holder, hours=2, completed_on=date(2024, 10, 1), category=suicide_prevention)

    second_progress, third_progress = ce_progress(second), ce_progress(third)

    assert second_progress.categories[0].window_start == date(2024, 1, 1)
    assert second_progress.categories[0].earned == 2
    assert second_progress.categories[0].met
    assert third_progress.categories[0].window_start == date(2025, 1, 1)
    assert third_progress.categories[0].earned == 0
    assert not third_progress.categories[0].met

    ce_record(holder, hours=1.5, completed_on=date(2025, 6, 1), category=suicide_prevention)
    ce_record(holder, hours=0.5, completed_on=date(2026, 6, 1), category=suicide_prevention)
    third_progress = ce_progress(third)
    assert third_progress.categories[0].earned == 2
    assert third_progress.categories[0].met


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("issued_on", "required"),
    [
        (date(2025, 1, 1), 20),  # a full year
        (date(2025, 7, 1), 11),  # 184 of 365 days: 10.08, rounded up to whole hours
        (date(2025, 12, 1), 2),  # 31 days: 1.7, rounded up
    ],
)
def test_a_short_cycle_is_pro_rated_when_the_type_says_so(holder, issued_on, required):
    credential_type = CredentialTypeFactory(
        validity_rule="fixed_date",
        fixed_expiry_month=12,
        fixed_expiry_day=31,
        ce_hours_required=Decimal("20"),
        ce_prorated=True,
    )
    credential = credential_issue(
        holder=holder, credential_type=credential_type, source="manual", issued_on=issued_on
    )
    assert ce_progress(credential).required == required

    credential_type.ce_prorated = False
    credential_type.save()
    credential.refresh_from_db()
    assert ce_progress(credential).required == 20


@pytest.mark.django_db
def test_no_progress_for_credentials_without_ce_or_expiry(holder, hub_type, two_year_type):
    lifelong = credential_issue(
        holder=holder, credential_type=hub_type, source="manual", issued_on=date(2025, 1, 1)
    )
    no_ce = credential_issue(
        holder=holder, credential_type=two_year_type, source="manual", issued_on=date(2025, 1, 1)
    )
    assert ce_progress(lifelong) is None
    assert ce_progress(no_ce) is None
