"""One CBHPSS holder through three yearly cycles, the renewal job running every day.

The Montana rules (domain brief; ARM 24.219 CE rule, rules.mt.gov RID 40269): every CBHPSS
expires on 31 December; renewal by the Board, recorded here as a verified card; no CE in the
first cycle; 20 hours a year after that; hours above 20 carry forward, at most 20; 2 hours of
suicide prevention every 2 years.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.ce_cycles import ce_progress
from certificates.models import Credential, RenewalReminder
from certificates.services.claims import (
    external_credential_claim_review,
    external_credential_claim_submit,
)
from certificates.services.renewals import renewals_flag_due
from tests.certificates.helpers import PNG_BYTES, ce_record, upload
from tests.factories import CECategoryFactory

pytestmark = pytest.mark.django_db


class Clock:
    """Moves the hub's clock (timezone.now, and so localdate) to noon UTC of a day."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def set(self, day: date) -> None:
        moment = datetime.combine(day, time(18, 0), tzinfo=UTC)  # midday in Montana
        self.monkeypatch.setattr(timezone, "now", lambda: moment)


def renew_by_card(holder, supervisor, credential_type, issued_on) -> Credential:
    claim = external_credential_claim_submit(
        holder=holder,
        credential_type=credential_type,
        number="CBHPSS-0412",
        issued_on=issued_on,
        expires_on=None,
        evidence=upload("card.png", PNG_BYTES),
    )
    external_credential_claim_review(claim=claim, approve=True, note="", acting_user=supervisor)
    claim.refresh_from_db()
    return claim.credential


def page_word(client, credential) -> str:
    client.force_login(credential.holder)  # the moved clock has expired yesterday's session
    response = client.get(reverse("certificates:detail", args=[credential.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_three_yearly_cycles_with_surplus_a_topic_minimum_and_a_lapse(
    monkeypatch, client, holder, supervisor, cbhpss_type, suicide_prevention, assign_supervisor
):
    clock = Clock(monkeypatch)
    general = CECategoryFactory(name="General", slug="general-test")
    clock.set(date(2025, 8, 15))
    assign_supervisor(supervisor, holder)

    # 2025: certified in the second half of the year; the first cycle asks for no CE.
    first = renew_by_card(holder, supervisor, cbhpss_type, date(2025, 8, 15))
    assert (first.issued_as, first.expires_on) == ("new", date(2025, 12, 31))
    records = {
        date(2025, 9, 10): (20, general),
        date(2025, 10, 2): (6, general),
        date(2025, 11, 5): (1, suicide_prevention),
    }
    chain = [first]
    day = date(2025, 8, 15)
    while day <= date(2028, 1, 31):
        clock.set(day)
        renewals_flag_due(today=day)
        if day in records:
            hours, category = records[day]
            ce_record(holder, hours=hours, completed_on=day, category=category)

        if day == date(2025, 10, 1):
            assert Credential.objects.get(pk=first.pk).status == "active"
        if day == date(2025, 10, 2):  # 90 days before 31 December
            assert Credential.objects.get(pk=first.pk).status == "renewal_due"
            assert "Renewal due" in page_word(client, first)
        if day == date(2025, 12, 1):
            progress = ce_progress(chain[-1])
            assert progress.required == 0 and progress.met
        if day == date(2025, 12, 10):
            second = renew_by_card(holder, supervisor, cbhpss_type, day)
            # The next 31 December, and not "renewal due" on the day it is renewed.
            assert (second.issued_as, second.expires_on) == ("renewal", date(2026, 12, 31))
            assert second.status_on(day) == "active"
            progress = ce_progress(second)
            # 27 hours in the exempt first cycle: only the 7 above 20 carry.
            assert (progress.required, progress.carried_forward) == (20, 7)
            chain.append(second)
        if day == date(2026, 3, 3):
            ce_record(holder, hours=12, completed_on=day, category=general)
        if day == date(2026, 6, 1):
            ce_record(holder, hours=1, completed_on=day, category=suicide_prevention)
        if day == date(2026, 11, 30):
            progress = ce_progress(chain[-1])
            assert progress.earned == 13 and progress.total == 20 and progress.met
            topic = progress.categories[0]
            assert (topic.required, topic.earned, topic.met) == (2, 2, True)  # 1 in 2025, 1 now
            assert "7 hours carried from 2025" in " ".join(progress.working)
        if day == date(2026, 12, 15):
            third = renew_by_card(holder, supervisor, cbhpss_type, day)
            assert (third.issued_as, third.expires_on) == ("renewal", date(2027, 12, 31))
            assert ce_progress(third).carried_forward == 0  # 13 earned in 2026: no surplus
            chain.append(third)
        if day == date(2027, 6, 1):
            ce_record(holder, hours=Decimal("20.5"), completed_on=day, category=general)
        if day == date(2027, 12, 1):
            progress = ce_progress(chain[-1])
            topic = progress.categories[0]
            # 2026 and 2027: one hour of suicide prevention, so the topic is not met.
            assert progress.total >= 20 and not topic.met and not progress.met
        if day == date(2027, 12, 31):
            assert chain[-1].status_on(day) == "renewal_due"
        if day == date(2028, 1, 1):
            # Not renewed: expired the day after 31 December (no grace), on every page.
            assert Credential.objects.get(pk=chain[-1].pk).status == "expired"
            assert "Expired" in page_word(client, chain[-1])
            verify = client.get(f"/verify/{chain[-1].display_code}.json").json()
            assert (verify["status"], verify["status_word"]) == ("expired", "Expired")
        if day == date(2028, 1, 20):
            fresh = renew_by_card(holder, supervisor, cbhpss_type, date(2028, 1, 15))
            # Past grace: a new certification, a new chain, no carry-forward.
            assert (fresh.issued_as, fresh.supersedes_id) == ("new", None)
            assert fresh.expires_on == date(2028, 12, 31)
            assert ce_progress(fresh).required == 0  # a new first cycle
        day += timedelta(days=1)

    # Each credential reminded once per offset (90, 30, 7 days), however often the job ran.
    for credential in chain:
        offsets = sorted(
            RenewalReminder.objects.filter(credential=credential).values_list(
                "offset_days", flat=True
            )
        )
        assert offsets == sorted({90, 30, 7} & set(offsets))
        assert len(offsets) == len(set(offsets))
    assert RenewalReminder.objects.filter(credential=chain[-1]).count() == 3
