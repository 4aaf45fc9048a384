"""The CE ledger: hours, evidence checks, reviews, and progress in a credential's cycle."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates.ce_cycles import ce_progress, hours_text, months_held, prorate
from certificates.expiry import one_period_from
from certificates.models import CECategoryRule, CERecord, Credential
from certificates.services.ce import ce_record_review, ce_record_submit, parse_hours
from certificates.uploads import MAX_EVIDENCE_BYTES, check_evidence_file
from lms.core.errors import Conflict, DomainError
from lms.people.models import AuditEntry, Notification
from tests.certificates.helpers import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    ce_record,
    storage,
    stored_files,
    upload,
)
from tests.factories import (
    CredentialFactory,
    CredentialTypeFactory,
    ce_category_rule,
    ce_rule_of,
)

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


# ce_progress ---------------------------------------------------------------------------
#
# Credentials are made directly (not through the issuing service) so that these tests pin the
# CE rules alone: a renewal is `issued_as="renewal"` and supersedes its predecessor.

RENEWAL, NEW = Credential.IssuedAs.RENEWAL, Credential.IssuedAs.NEW


def certify(holder, credential_type, issued_on: date, *, supersedes=None, issued_as=NEW):
    """A credential as the recertification service leaves it: a renewal runs one period on
    from the previous expiry; a new certification (a retake too) from its own issue date."""
    if supersedes is not None:
        supersedes.status = Credential.Status.SUPERSEDED
        supersedes.save(update_fields=["status"])
    if issued_as == RENEWAL:
        expires_on = one_period_from(credential_type.rules, supersedes.expires_on)
    else:
        expires_on = credential_type.expiry_for(issued_on=issued_on)
    return CredentialFactory(
        holder=holder,
        credential_type=credential_type,
        issued_on=issued_on,
        expires_on=expires_on,
        supersedes=supersedes,
        issued_as=issued_as,
    )


def cbhpss_cycles(holder, credential_type, cycles: int, *, certified_on=date(2024, 8, 15)):
    """Certified on `certified_on` (15 August 2024), then renewed each December."""
    credentials = [certify(holder, credential_type, certified_on)]
    for year in range(certified_on.year, certified_on.year + cycles - 1):
        credentials.append(
            certify(
                holder,
                credential_type,
                date(year, 12, 15),
                supersedes=credentials[-1],
                issued_as=RENEWAL,
            )
        )
    return credentials


def yearly_type(**settings):
    """A licence ending every 31 December with 20 CE hours a year."""
    return CredentialTypeFactory(
        issuer="Montana Board of Behavioral Health",
        kind="external_licence",
        issued_by_hub=False,
        validity_rule="fixed_date",
        fixed_expiry_month=12,
        fixed_expiry_day=31,
        ce_hours_required=Decimal("20"),
        **settings,
    )


@pytest.mark.django_db
def test_the_first_cycle_requires_no_ce(holder, cbhpss_type):
    (first,) = cbhpss_cycles(holder, cbhpss_type, 1)
    ce_record(holder, hours=3, completed_on=date(2024, 9, 1))

    progress = ce_progress(first)

    assert (progress.cycle_start, progress.cycle_end) == (date(2024, 8, 15), date(2024, 12, 31))
    assert progress.required == 0
    assert progress.first_cycle and progress.first_cycle_rule == "exempt"
    assert [category.required for category in progress.categories] == [0]
    assert progress.met
    assert progress.percent == 100
    assert progress.working[:2] == [
        "No CE hours needed this cycle; 3 hours earned.",
        "First cycle: no CE required before the first renewal (Montana Board of Behavioral "
        "Health's rule). Hours you earn now still count: those above the standard 20 hours "
        "carry forward.",
    ]


@pytest.mark.django_db
def test_a_renewed_cycle_requires_20_hours_and_the_category_minimum(
    holder, cbhpss_type, suicide_prevention
):
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)
    ce_record(holder, hours=18, completed_on=date(2025, 3, 1))

    progress = ce_progress(second)
    assert (progress.cycle_start, progress.cycle_end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert progress.required == 20
    assert not progress.first_cycle
    assert (progress.earned, progress.carried_forward) == (18, 0)
    assert progress.percent == 90
    assert not progress.met

    ce_record(holder, hours=2, completed_on=date(2025, 12, 31), category=suicide_prevention)
    progress = ce_progress(second)
    assert progress.earned == 20
    assert progress.categories[0].earned == 2
    assert progress.met


@pytest.mark.django_db
def test_category_hours_count_toward_the_total_too(holder, cbhpss_type, suicide_prevention):
    """The Board's 2 hours of suicide prevention are "of the 20 hours"."""
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)
    ce_record(holder, hours=18, completed_on=date(2025, 3, 1))
    ce_record(holder, hours=2, completed_on=date(2025, 4, 1), category=suicide_prevention)

    progress = ce_progress(second)

    assert (progress.total, progress.categories[0].earned) == (20, 2)
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
@pytest.mark.parametrize(
    ("first_cycle_hours", "carried"),
    [(0, 0), (12, 0), (20, 0), (20.25, 0.25), (26, 6), (40, 20), (55, 20)],
)
def test_an_exempt_first_cycle_carries_only_hours_above_the_standard_requirement(
    holder, cbhpss_type, first_cycle_hours, carried
):
    """The issue's bug: every hour of an exempt first cycle used to carry forward."""
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)
    if first_cycle_hours:
        ce_record(holder, hours=first_cycle_hours, completed_on=date(2024, 10, 1))

    progress = ce_progress(second)

    assert progress.carried_forward == Decimal(str(carried))
    assert progress.total == Decimal(str(carried))
    assert progress.earned == 0


@pytest.mark.django_db
def test_carried_hours_never_carry_again(holder, cbhpss_type):
    _, second, third = cbhpss_cycles(holder, cbhpss_type, 3)
    ce_record(holder, hours=40, completed_on=date(2024, 9, 1))  # 20 above: all carried into 2025
    ce_record(holder, hours=25, completed_on=date(2025, 4, 1))

    assert ce_progress(second).carried_forward == 20
    assert ce_progress(second).total == 45
    # 2025's own 25 hours are 5 above the 20; the 20 carried into 2025 stay behind.
    assert ce_progress(third).carried_forward == 5


@pytest.mark.django_db
def test_only_the_surplus_of_the_cycle_just_ended_carries_forward(holder, cbhpss_type):
    _, _, third = cbhpss_cycles(holder, cbhpss_type, 3)
    ce_record(holder, hours=30, completed_on=date(2025, 4, 1))
    ce_record(holder, hours=5, completed_on=date(2025, 9, 1))
    ce_record(holder, hours=6, completed_on=date(2024, 9, 1))  # two cycles back: never carried

    progress = ce_progress(third)

    assert progress.required == 20
    assert progress.carried_forward == 15  # 35 earned in 2025 - 20 required
    assert progress.previous_cycle == (date(2025, 1, 1), date(2025, 12, 31))
    assert progress.working[:2] == [
        "20 hours needed; 15 hours carried from 2025; 5 hours to go.",
        "Carried forward: 35 hours earned in 2025, 15 hours above the standard 20 hours.",
    ]


@pytest.mark.django_db
def test_the_carry_forward_cap_is_said(holder, cbhpss_type):
    *_, third = cbhpss_cycles(holder, cbhpss_type, 3)
    ce_record(holder, hours=46, completed_on=date(2025, 4, 1))
    ce_record(holder, hours=6, completed_on=date(2026, 2, 1))

    progress = ce_progress(third)

    assert progress.carried_forward == 20
    assert progress.working[:2] == [
        "20 hours needed; 20 hours carried from 2025; 6 hours earned; total met.",
        "Carried forward: 46 hours earned in 2025, 26 hours above the standard 20 hours "
        "(at most 20 hours carry).",
    ]


@pytest.mark.django_db
def test_a_type_without_carry_forward_carries_nothing(holder):
    credential_type = yearly_type(ce_first_cycle="exempt")
    first = certify(holder, credential_type, date(2025, 3, 1))
    second = certify(
        holder, credential_type, date(2025, 12, 1), supersedes=first, issued_as=RENEWAL
    )
    ce_record(holder, hours=35, completed_on=date(2025, 6, 1))

    progress = ce_progress(second)

    assert progress.carried_forward == 0
    assert not any("carried" in line.lower() for line in progress.working)


@pytest.mark.django_db
def test_a_renewal_cycle_starts_the_day_after_the_previous_expiry(holder, two_year_type):
    """Renewed early (90 days before expiry), the new cycle still starts the day after the old
    expiry; hours before it belong to the cycle just ended."""
    ce_rule_of(two_year_type, hours_per_cycle=Decimal("12"), carry_forward_max_hours=Decimal("6"))
    first = certify(holder, two_year_type, date(2023, 5, 31))
    second = certify(holder, two_year_type, date(2025, 3, 2), supersedes=first, issued_as=RENEWAL)
    ce_record(holder, hours=15, completed_on=date(2025, 3, 10))  # inside the first cycle
    ce_record(holder, hours=2, completed_on=date(2025, 6, 1))

    progress = ce_progress(second)

    assert (progress.cycle_start, progress.cycle_end) == (date(2025, 6, 1), date(2027, 5, 31))
    assert (progress.earned, progress.carried_forward) == (2, 3)
    assert (
        progress.working[0]
        == "12 hours needed; 3 hours carried from the cycle May 31, 2023 to May 31, 2025; "
        "2 hours earned; 7 hours to go."
    )


@pytest.mark.django_db
def test_a_retake_starts_a_new_chain(holder, cbhpss_type, suicide_prevention):
    """A new certification that supersedes a credential is a first cycle again: exempt, no
    carry-forward, and no category window reaching into the old chain."""
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)
    ce_record(holder, hours=30, completed_on=date(2025, 5, 1), category=suicide_prevention)
    retake = certify(holder, cbhpss_type, date(2026, 9, 1), supersedes=second, issued_as=NEW)

    progress = ce_progress(retake)

    assert retake.supersedes_id == second.pk and not retake.is_renewal
    assert progress.first_cycle
    assert (progress.cycle_start, progress.cycle_end) == (date(2026, 9, 1), date(2026, 12, 31))
    assert (progress.required, progress.carried_forward) == (0, 0)
    assert progress.categories[0].window_start == date(2026, 9, 1)
    assert progress.categories[0].earned == 0

    renewed = certify(holder, cbhpss_type, date(2026, 12, 1), supersedes=retake, issued_as=RENEWAL)
    progress = ce_progress(renewed)
    assert progress.carried_forward == 0  # 2025's surplus belongs to the old chain
    assert progress.categories[0].window_start == date(2026, 9, 1)
    assert progress.categories[0].earned == 0


@pytest.mark.django_db
def test_the_category_minimum_is_judged_over_its_own_window(
    holder, cbhpss_type, suicide_prevention
):
    first, second, third = cbhpss_cycles(holder, cbhpss_type, 3)
    ce_record(holder, hours=2, completed_on=date(2024, 7, 1), category=suicide_prevention)
    ce_record(holder, hours=2, completed_on=date(2024, 10, 1), category=suicide_prevention)

    first_progress, second_progress, third_progress = map(ce_progress, (first, second, third))

    # Never before the chain's first issue date; the exempt first cycle's hours count.
    assert second_progress.categories[0].window_start == date(2024, 8, 15)
    assert second_progress.categories[0].earned == 2
    assert second_progress.categories[0].met
    assert first_progress.categories[0].required == 0
    assert third_progress.categories[0].window_start == date(2025, 1, 1)
    assert third_progress.categories[0].earned == 0
    assert not third_progress.categories[0].met
    assert not third_progress.met

    ce_record(holder, hours=1.5, completed_on=date(2025, 6, 1), category=suicide_prevention)
    ce_record(holder, hours=0.5, completed_on=date(2026, 6, 1), category=suicide_prevention)
    third_progress = ce_progress(third)
    assert third_progress.categories[0].earned == 2
    assert third_progress.categories[0].met
    assert third_progress.working[-2] == (
        "Suicide prevention (tests): 2 hours needed (every 2 cycles, counted from January 1, "
        "2025); 2 hours earned; met. These hours count toward the total too."
    )


@pytest.mark.django_db
def test_a_three_cycle_minimum_reaches_three_cycles_back(holder, cbhpss_type, suicide_prevention):
    CECategoryRule.objects.filter(rule__credential_type=cbhpss_type).update(every_cycles=3)
    chain = cbhpss_cycles(holder, cbhpss_type, 4)
    ce_record(holder, hours=2, completed_on=date(2025, 2, 1), category=suicide_prevention)

    windows = [ce_progress(credential).categories[0] for credential in chain]

    assert [w.window_start for w in windows] == [
        date(2024, 8, 15),
        date(2024, 8, 15),
        date(2024, 8, 15),
        date(2025, 1, 1),
    ]
    assert [w.earned for w in windows] == [0, 2, 2, 2]
    assert windows[3].met


# First cycle: pro-rated by the months held ------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), 12),
        (date(2025, 1, 2), date(2025, 12, 31), 12),
        (date(2025, 6, 30), date(2025, 12, 31), 7),
        (date(2025, 7, 1), date(2025, 12, 31), 6),
        (date(2025, 7, 2), date(2025, 12, 31), 6),
        (date(2025, 12, 1), date(2025, 12, 31), 1),
        (date(2025, 12, 31), date(2025, 12, 31), 1),
        (date(2024, 2, 29), date(2024, 12, 31), 11),
        (date(2025, 1, 31), date(2025, 2, 28), 2),  # one month from 31 Jan is 28 Feb
        (date(2025, 1, 31), date(2025, 2, 27), 1),
        (date(2025, 3, 15), date(2026, 3, 15), 13),
    ],
)
def test_months_held_counts_a_started_month_as_a_whole_one(start, end, months):
    assert months_held(start, end) == months


@pytest.mark.parametrize(
    ("required", "held", "expected"),
    [
        ("20", 12, "20"),
        ("20", 6, "10"),
        ("20", 7, "11.75"),  # 11.67
        ("20", 1, "1.75"),  # 1.67
        ("20", 11, "18.5"),  # 18.33
        ("20", 13, "20"),
        ("12", 1, "1"),
        ("0.25", 1, "0.25"),
        ("7.5", 5, "3.25"),  # 3.125
    ],
)
def test_prorate_rounds_up_to_the_quarter_hour(required, held, expected):
    assert prorate(Decimal(required), held=held, period=12) == Decimal(expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("issued_on", "required"),
    [
        (date(2025, 1, 1), "20"),
        (date(2025, 1, 2), "20"),  # January is started: 12 months
        (date(2025, 1, 31), "20"),
        (date(2025, 2, 28), "18.5"),  # 11 months: 18.33
        (date(2024, 2, 29), "18.5"),  # a leap day: 11 months too
        (date(2025, 6, 30), "11.75"),  # 7 months: 11.67
        (date(2025, 7, 1), "10"),
        (date(2025, 7, 2), "10"),
        (date(2025, 12, 1), "1.75"),
        (date(2025, 12, 31), "20"),  # certified on 31 December: runs to the next one, a full year
    ],
)
def test_a_first_cycle_is_pro_rated_by_the_months_held(holder, issued_on, required):
    credential_type = yearly_type(ce_first_cycle="prorated")
    credential = certify(holder, credential_type, issued_on)

    progress = ce_progress(credential)

    assert progress.required == Decimal(required)
    assert progress.standard_required == 20


@pytest.mark.django_db
def test_the_pro_rating_is_explained(holder, suicide_prevention):
    credential_type = yearly_type(ce_first_cycle="prorated")
    ce_category_rule(credential_type, suicide_prevention, min_hours=2, every_cycles=2)
    credential = certify(holder, credential_type, date(2025, 7, 2))
    ce_record(holder, hours=1, completed_on=date(2025, 8, 1), category=suicide_prevention)

    progress = ce_progress(credential)

    assert progress.working == [
        "10 hours needed; 1 hour earned; 9 hours to go.",
        "Pro-rated: 10 of 20 hours because certified on July 2, 2025: 6 of 12 months held "
        "(a started month counts), rounded up to the quarter hour.",
        "Suicide prevention (tests): 2 hours needed (every 2 cycles, counted from July 2, "
        "2025); 1 hour earned; 1 hour to go. These hours count toward the total too.",
        "Rule: Test rule from 2000-01-01, in force from January 1, 2000, the version in force "
        "when this cycle began.",
    ]


@pytest.mark.django_db
def test_a_category_minimum_is_capped_at_a_pro_rated_total(holder, suicide_prevention):
    credential_type = yearly_type(ce_first_cycle="prorated")
    ce_category_rule(credential_type, suicide_prevention, min_hours=2, every_cycles=2)
    credential = certify(holder, credential_type, date(2025, 12, 10))

    progress = ce_progress(credential)

    assert (progress.required, progress.categories[0].required) == (Decimal("1.75"),) * 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("issued_on", "required"),
    [
        (date(2025, 1, 1), "20"),
        (date(2025, 6, 30), "20"),
        (date(2025, 7, 1), "20"),  # on the cutoff day: not after it
        (date(2025, 7, 2), "10"),
        (date(2024, 7, 2), "10"),
        (date(2025, 12, 30), "1.75"),
    ],
)
def test_a_first_cycle_is_pro_rated_only_when_certified_after_the_cutoff(
    holder, issued_on, required
):
    """The Montana Peer Network's "may be less if certifying after July 1"."""
    credential_type = yearly_type(
        ce_first_cycle="prorated_after", ce_first_cycle_cutoff_month=7, ce_first_cycle_cutoff_day=1
    )
    progress = ce_progress(certify(holder, credential_type, issued_on))

    assert progress.required == Decimal(required)
    if required == "20":
        assert progress.working[1] == (
            f"First cycle: the full 20 hours, because certified on {issued_on:%B} "
            f"{issued_on.day}, {issued_on.year}, not after July 1."
        )


@pytest.mark.django_db
def test_a_first_cycle_of_a_full_period_is_never_pro_rated(holder, two_year_type):
    ce_rule_of(two_year_type, hours_per_cycle=Decimal("12"), first_cycle="prorated")
    credential = certify(holder, two_year_type, date(2024, 2, 29))

    progress = ce_progress(credential)

    assert (progress.required, progress.months_held) == (12, 24)


@pytest.mark.django_db
def test_a_full_first_cycle_asks_the_standard_requirement(holder, suicide_prevention):
    credential_type = yearly_type(ce_first_cycle="full")
    ce_category_rule(credential_type, suicide_prevention, min_hours=2)
    progress = ce_progress(certify(holder, credential_type, date(2025, 12, 20)))

    assert (progress.required, progress.categories[0].required) == (20, 2)


@pytest.mark.django_db
def test_no_progress_for_credentials_without_ce_or_expiry(holder, hub_type, two_year_type):
    lifelong = certify(holder, hub_type, date(2025, 1, 1))
    no_ce = certify(holder, two_year_type, date(2025, 1, 1))
    assert ce_progress(lifelong) is None
    assert ce_progress(no_ce) is None


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (Decimal("1"), "1 hour"),
        (Decimal("1.00"), "1 hour"),
        (Decimal("2"), "2 hours"),
        (Decimal("0"), "0 hours"),
        (Decimal("0.25"), "0.25 hours"),
        (Decimal("1.50"), "1.5 hours"),
        (Decimal("20.00"), "20 hours"),
        (Decimal("100"), "100 hours"),
    ],
)
def test_hours_are_said_with_proper_plurals(hours, text):
    assert hours_text(hours) == text


@pytest.mark.django_db
def test_a_renewal_made_early_says_when_its_cycle_starts(holder, cbhpss_type):
    _, second = cbhpss_cycles(holder, cbhpss_type, 2)  # renewed on 15 December 2024

    progress = ce_progress(second, today=date(2024, 12, 20))

    assert progress.working[1] == (
        "This cycle starts on January 1, 2025. CE you finish before then counts for 2024."
    )
    assert not any(
        "starts on" in line for line in ce_progress(second, today=date(2025, 1, 1)).working
    )


@pytest.mark.django_db
def test_a_pro_rating_after_the_cutoff_names_the_cutoff(holder):
    credential_type = yearly_type(
        ce_first_cycle="prorated_after", ce_first_cycle_cutoff_month=7, ce_first_cycle_cutoff_day=1
    )
    progress = ce_progress(certify(holder, credential_type, date(2025, 7, 2)))

    assert progress.working[1].startswith(
        "Pro-rated: 10 of 20 hours because certified on July 2, 2025, after July 1: 6 of 12 "
        "months held"
    )


@pytest.mark.django_db
def test_a_cutoff_rule_without_a_cutoff_day_asks_the_full_requirement(holder):
    """The type form refuses this; a type saved around the form still gets a sane answer."""
    credential_type = yearly_type(ce_first_cycle="prorated_after")
    progress = ce_progress(certify(holder, credential_type, date(2025, 11, 2)))

    assert progress.required == 20
    assert progress.working[1] == (
        "First cycle: the full 20 hours, because no cutoff day is set for this credential."
    )
