"""Every renewal route goes through one service, and outside credentials change only through a
verified card. The date rules themselves: tests/certificates/test_recertification_rules.py."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from certificates.expiry import (
    OutOfWindow,
    ValidityRule,
    add_months,
    compute_expiry,
    end_of_month,
    next_fixed_date,
    one_period_from,
)
from certificates.models import Credential, CredentialType, ExternalCredentialClaim
from certificates.selectors import recertification_preview
from certificates.services.claims import (
    external_credential_claim_review,
    external_credential_claim_submit,
)
from certificates.services.recertification import (
    HUB_ROUTES,
    CourseCompletion,
    RenewalRoute,
    credential_issue_for_course_completion,
    credential_recertify,
)
from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.people.models import Notification
from lms.people.roles import Role
from tests.certificates.helpers import PNG_BYTES, ce_record, upload
from tests.factories import (
    CredentialFactory,
    CredentialTypeFactory,
    UserFactory,
    ce_rule_of,
    make_course,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def mhfa_type(db):
    """The National Council's rule: 3 years; recertify in the 90 days before expiry, else
    retake the course."""
    return CredentialTypeFactory(
        name="Mental Health First Aid (test)",
        code="mhfa-test",
        issuer="National Council for Mental Wellbeing",
        kind=CredentialType.Kind.EXTERNAL_LICENCE,
        issued_by_hub=False,
        validity_rule=ValidityRule.MONTHS,
        validity_months=36,
        renewal_window_days=90,
        out_of_window=OutOfWindow.RETAKE,
    )


@pytest.fixture
def refresher_type(db):
    """A hub credential renewed by a refresher course: 24 months, 60-day window, refuse early."""
    return CredentialTypeFactory(
        name="Naloxone trainer (test)",
        code="naloxone-test",
        validity_rule=ValidityRule.MONTHS,
        validity_months=24,
        renewal_window_days=60,
        refresher_course=make_course(modules=1, lessons_per_module=1, quiz=False),
    )


def hold(holder, credential_type, *, expires_in_days, **fields):
    expires_on = today() + timedelta(days=expires_in_days)
    return CredentialFactory(
        holder=holder,
        credential_type=credential_type,
        issued_on=min(today(), expires_on) - timedelta(days=300),
        expires_on=expires_on,
        **fields,
    )


def claim(holder, credential_type, *, issued_on, expires_on=None, number="C-123"):
    return external_credential_claim_submit(
        holder=holder,
        credential_type=credential_type,
        number=number,
        issued_on=issued_on,
        expires_on=expires_on,
        evidence=upload("card.png", PNG_BYTES),
    )


def refresher_completed(holder, credential_type, *, on=None):
    return credential_issue_for_course_completion(
        completion=CourseCompletion(
            holder_id=holder.pk,
            course_page_id=credential_type.refresher_course_id,
            course_title="Refresher",
            course_description="",
            credential_type_id=None,
            contact_hours=Decimal("4"),
            ce_hours=Decimal("0"),
            ce_portions=(),
            ce_details={},
            completed_on=on or today(),
        )
    )


# Outside credentials: never by the holder alone ----------------------------------------


@pytest.mark.parametrize("route", sorted(HUB_ROUTES))
def test_an_outside_credential_is_never_renewed_by_a_hub_route(holder, cbhpss_type, route):
    current = hold(holder, cbhpss_type, expires_in_days=20)
    with pytest.raises(NotAllowed, match="record the renewed card"):
        credential_recertify(
            holder=holder, credential_type=cbhpss_type, completed_on=today(), route=route
        )
    assert list(Credential.objects.filter(holder=holder)) == [current]


def test_the_holder_of_an_outside_licence_sees_how_to_renew_it_not_a_renew_button(
    client, holder, cbhpss_type
):
    current = hold(holder, cbhpss_type, expires_in_days=20, status="renewal_due")
    client.force_login(holder)

    page = client.get(reverse("certificates:detail", args=[current.pk])).content.decode()
    renew = client.post(reverse("certificates:renew", args=[current.pk]))

    assert "Renew now" not in page
    assert "Record your renewed card" in page
    assert renew.status_code == 403
    assert Credential.objects.filter(holder=holder).count() == 1
    assert Credential.objects.get(pk=current.pk).status == "renewal_due"


def test_an_administrator_cannot_renew_an_outside_licence_without_a_verified_card(
    client, administrator, holder, cbhpss_type
):
    current = hold(holder, cbhpss_type, expires_in_days=20)
    client.force_login(administrator)

    page = client.get(reverse("certificates:detail", args=[current.pk])).content.decode()
    response = client.post(
        reverse("certificates:record_renewal", args=[current.pk]),
        {"completed_on": today().isoformat()},
    )

    assert "Record a renewal" not in page
    assert response.status_code == 403
    assert Credential.objects.filter(holder=holder).count() == 1


def test_a_verified_card_renews_an_outside_licence_from_its_previous_expiry(
    holder, supervisor, cbhpss_type, assign_supervisor
):
    assign_supervisor(supervisor, holder)
    current = CredentialFactory(
        holder=holder,
        credential_type=cbhpss_type,
        issued_on=date(2026, 1, 5),
        expires_on=date(2026, 12, 31),
    )
    recorded = claim(holder, cbhpss_type, issued_on=today())
    assert Credential.objects.filter(holder=holder).count() == 1  # nothing changes yet

    external_credential_claim_review(claim=recorded, approve=True, note="", acting_user=supervisor)

    renewed = Credential.objects.get(claim=recorded)
    assert renewed.is_renewal and renewed.supersedes == current
    assert renewed.expires_on == date(2027, 12, 31)  # the next 31 December, not the same one
    assert renewed.status_on(today()) == "active"  # not "renewal due" at once
    assert (renewed.verified_by, renewed.source) == (supervisor, "external")


def test_a_card_renewed_before_the_window_opens_is_refused_at_once_with_the_date(
    holder, cbhpss_type
):
    hold(holder, cbhpss_type, expires_in_days=200)
    opens = today() + timedelta(days=200 - 90)
    with pytest.raises(Conflict, match=f"{opens:%B %-d, %Y}"):
        claim(holder, cbhpss_type, issued_on=today())
    assert not ExternalCredentialClaim.objects.exists()


def test_mhfa_renewed_a_year_early_is_a_retake_counted_from_the_card(
    holder, supervisor, mhfa_type, assign_supervisor
):
    assign_supervisor(supervisor, holder)
    current = hold(holder, mhfa_type, expires_in_days=365)
    preview = recertification_preview(
        holder=holder, credential_type=mhfa_type, completed_on=today()
    )
    assert not preview.is_renewal

    recorded = claim(holder, mhfa_type, issued_on=today())
    external_credential_claim_review(claim=recorded, approve=True, note="", acting_user=supervisor)

    retake = Credential.objects.get(claim=recorded)
    assert retake.issued_as == "new"  # a new chain, and it says so
    assert retake.supersedes == current  # history kept
    # Three years from the card, not four from the old expiry.
    assert retake.expires_on == add_months(today(), 36)


def test_mhfa_renewed_60_days_early_keeps_its_remaining_days(
    holder, supervisor, mhfa_type, assign_supervisor
):
    assign_supervisor(supervisor, holder)
    current = hold(holder, mhfa_type, expires_in_days=60)
    recorded = claim(holder, mhfa_type, issued_on=today())
    external_credential_claim_review(claim=recorded, approve=True, note="", acting_user=supervisor)
    renewed = Credential.objects.get(claim=recorded)
    assert renewed.is_renewal
    assert renewed.expires_on == add_months(current.expires_on, 36)


def test_a_printed_expiry_is_taken_but_never_beyond_what_the_rule_allows(holder, mhfa_type):
    hold(holder, mhfa_type, expires_in_days=30)
    ceiling = recertification_preview(
        holder=holder, credential_type=mhfa_type, completed_on=today()
    ).expires_on
    with pytest.raises(DomainError, match="later than"):
        claim(holder, mhfa_type, issued_on=today(), expires_on=ceiling + timedelta(days=400))
    recorded = claim(holder, mhfa_type, issued_on=today(), expires_on=ceiling - timedelta(days=1))
    assert recorded.expires_on == ceiling - timedelta(days=1)


def test_the_claim_form_shows_the_expiry_the_hub_will_compute(client, holder, mhfa_type):
    hold(holder, mhfa_type, expires_in_days=30)
    client.force_login(holder)
    response = client.get(
        reverse("certificates:external"),
        {"credential_type": mhfa_type.pk, "issued_on": today().isoformat(), "check": "1"},
    )
    expected = recertification_preview(
        holder=holder, credential_type=mhfa_type, completed_on=today()
    ).expires_on
    assert response.status_code == 200
    assert f"{expected:%B %-d, %Y}" in response.content.decode()
    assert "renewal" in response.content.decode()
    assert not ExternalCredentialClaim.objects.exists()  # a preview saves nothing


# Hub routes ----------------------------------------------------------------------------


def test_a_refresher_two_years_early_renews_nothing_and_says_when(holder, refresher_type):
    current = hold(holder, refresher_type, expires_in_days=700)
    refresher_completed(holder, refresher_type)
    assert list(Credential.objects.filter(holder=holder)) == [current]
    notice = Notification.objects.filter(recipient=holder).latest("pk")
    assert "renewal window opens on" in notice.message


def test_a_refresher_in_the_window_renews_from_the_previous_expiry(holder, refresher_type):
    current = hold(holder, refresher_type, expires_in_days=30)
    refresher_completed(holder, refresher_type)
    renewed = Credential.objects.get(holder=holder, status="active")
    assert renewed.supersedes == current and renewed.is_renewal
    assert renewed.expires_on == add_months(current.expires_on, 24)


def test_a_refresher_for_an_outside_credential_is_refused_by_the_type(refresher_type):
    refresher_type.issued_by_hub = False
    with pytest.raises(Exception, match="Only a credential the hub issues"):
        refresher_type.full_clean()


def test_past_grace_the_course_again_is_a_new_certification(holder, refresher_type):
    lapsed = hold(holder, refresher_type, expires_in_days=-40)  # flagged by nobody yet
    renewed = credential_recertify(
        holder=holder,
        credential_type=refresher_type,
        completed_on=today(),
        route=RenewalRoute.COURSE,
    )
    lapsed.refresh_from_db()
    assert lapsed.status == "expired"
    assert renewed.issued_as == "new" and renewed.supersedes is None
    assert renewed.expires_on == add_months(today(), 24)


def test_the_holder_renews_a_hub_credential_with_ce_met_only_in_the_window(
    client, holder, refresher_type
):
    ce_rule_of(refresher_type, hours_per_cycle=Decimal("2"))
    current = hold(holder, refresher_type, expires_in_days=61)
    ce_record(holder, hours=2, completed_on=today())
    client.force_login(holder)

    early = client.post(reverse("certificates:renew", args=[current.pk]))
    assert early.status_code == 409
    assert Credential.objects.filter(holder=holder).count() == 1

    Credential.objects.filter(pk=current.pk).update(expires_on=today() + timedelta(days=60))
    page = client.get(reverse("certificates:detail", args=[current.pk])).content.decode()
    assert "Renew now" in page
    done = client.post(reverse("certificates:renew", args=[current.pk]))
    assert done.status_code == 302
    renewed = Credential.objects.get(holder=holder, status="active")
    assert renewed.expires_on == add_months(today() + timedelta(days=60), 24)
    assert renewed.is_renewal


def test_an_administrator_records_a_renewal_through_the_same_rules(
    client, administrator, holder, refresher_type
):
    current = hold(holder, refresher_type, expires_in_days=300)
    client.force_login(administrator)
    url = reverse("certificates:record_renewal", args=[current.pk])

    early = client.post(url, {"completed_on": today().isoformat()})
    future = client.post(url, {"completed_on": (today() + timedelta(days=1)).isoformat()})

    assert early.status_code == 409
    assert "renewal window opens on" in early.content.decode()
    assert future.status_code == 400
    assert Credential.objects.filter(holder=holder).count() == 1


# Property: no holder changes an outside type without a verification row ---------------


class TestOutsideTypesNeedAVerificationRow(TestCase):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        route=st.sampled_from(list(RenewalRoute)),
        expires_in=st.integers(-60, 800),
        completed_ago=st.integers(0, 120),
    )
    def test_every_route(self, route, expires_in, completed_ago):
        holder = UserFactory(roles=[Role.PEER])
        reviewer = UserFactory(roles=[Role.ADMINISTRATOR])
        outside = CredentialTypeFactory(
            kind=CredentialType.Kind.EXTERNAL_LICENCE,
            issued_by_hub=False,
            issuer="A board",
            validity_rule=ValidityRule.MONTHS,
            validity_months=24,
            renewal_window_days=90,
            grace_days=30,
        )
        hold(holder, outside, expires_in_days=expires_in)
        completed_on = today() - timedelta(days=completed_ago)
        try:
            if route == RenewalRoute.VERIFIED_CARD:
                recorded = claim(holder, outside, issued_on=completed_on)
                external_credential_claim_review(
                    claim=recorded, approve=True, note="", acting_user=reviewer
                )
            else:
                credential_recertify(
                    holder=holder,
                    credential_type=outside,
                    completed_on=completed_on,
                    route=route,
                    acting_user=reviewer,
                )
        except DomainError:
            pass
        for credential in Credential.objects.filter(holder=holder).order_by("pk")[1:]:
            assert ExternalCredentialClaim.objects.filter(
                credential=credential, status="verified", reviewed_by=reviewer
            ).exists()


# Property: every route, rule, basis and window, through the database ----------------------


RULES = st.sampled_from(
    [
        {"validity_rule": ValidityRule.MONTHS, "validity_months": 24},
        {"validity_rule": ValidityRule.MONTHS, "validity_months": 36},
        {"validity_rule": ValidityRule.END_OF_ANNIVERSARY_MONTH, "validity_months": 36},
        {
            "validity_rule": ValidityRule.FIXED_DATE,
            "fixed_expiry_month": 12,
            "fixed_expiry_day": 31,
        },
    ]
)


class TestEveryRouteKeepsTheRules(TestCase):
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        route=st.sampled_from(list(RenewalRoute)),
        rule=RULES,
        basis=st.sampled_from(["previous_expiry", "completion", "fixed"]),
        out_of_window=st.sampled_from(list(OutOfWindow)),
        window=st.sampled_from([0, 30, 90]),
        grace=st.sampled_from([0, 14]),
        expires_in=st.integers(-40, 500),
    )
    def test_every_route(self, route, rule, basis, out_of_window, window, grace, expires_in):
        holder = UserFactory(roles=[Role.PEER])
        reviewer = UserFactory(roles=[Role.ADMINISTRATOR])
        outside = route == RenewalRoute.VERIFIED_CARD
        credential_type = CredentialTypeFactory(
            kind=CredentialType.Kind.EXTERNAL_LICENCE if outside else "hub_course",
            issued_by_hub=not outside,
            renewal_window_days=window,
            grace_days=grace,
            renewal_date_basis=basis,
            out_of_window=out_of_window,
            ce_hours_required=Decimal("1"),
            **rule,
        )
        current = hold(holder, credential_type, expires_in_days=expires_in)
        rules = credential_type.rules
        # A credential of the type's own schedule: a 31 December, or a month's end.
        if rule["validity_rule"] == ValidityRule.FIXED_DATE:
            current.expires_on = next_fixed_date(
                current.expires_on, month=12, day=31, inclusive=True
            )
        elif rule["validity_rule"] == ValidityRule.END_OF_ANNIVERSARY_MONTH:
            current.expires_on = end_of_month(current.expires_on)
        current.save(update_fields=["expires_on"])
        # The CE of the cycle being renewed is met.
        ce_record(holder, hours=1, completed_on=min(today(), current.expires_on))
        try:
            if outside:
                recorded = claim(holder, credential_type, issued_on=today())
                external_credential_claim_review(
                    claim=recorded, approve=True, note="", acting_user=reviewer
                )
            else:
                credential_recertify(
                    holder=holder,
                    credential_type=credential_type,
                    completed_on=today(),
                    route=route,
                    acting_user=reviewer,
                )
        except DomainError:
            # Refused only before the window (by a type that refuses, or on the holder's own
            # request, which never makes a retake) or, for the holder, after a lapse; and then
            # nothing changed.
            before_window = today() < current.expires_on - timedelta(days=window)
            lapsed = today() > current.expires_on + timedelta(days=grace)
            holder_route = route == RenewalRoute.HOLDER
            assert (before_window and (out_of_window == "refuse" or holder_route)) or (
                holder_route and lapsed
            )
            assert list(Credential.objects.filter(holder=holder)) == [current]
            return
        new = Credential.objects.filter(holder=holder).latest("pk")
        assert new.pk != current.pk
        from_previous = one_period_from(rules, current.expires_on)
        from_completion = compute_expiry(rules=rules, completed_on=today())
        # Never beyond one period from the later basis; never already expired.
        assert today() < new.expires_on <= max(from_previous, from_completion)
        if new.is_renewal:
            assert new.expires_on > current.expires_on  # loses nothing already held
            assert new.status_on(today()) == "active"  # not "renewal due" on the day
        if outside:
            assert ExternalCredentialClaim.objects.filter(
                credential=new, status="verified"
            ).exists()


def test_the_reviewer_sees_what_verifying_a_card_will_record(
    client, holder, supervisor, mhfa_type, assign_supervisor
):
    assign_supervisor(supervisor, holder)
    current = hold(holder, mhfa_type, expires_in_days=30)
    claim(holder, mhfa_type, issued_on=today())
    client.force_login(supervisor)

    page = client.get(reverse("certificates:review_queue")).content.decode()

    assert "Verifying records a renewal of the Mental Health First Aid (test)" in page
    assert f"valid until {add_months(current.expires_on, 36):%B %-d, %Y}" in page


def test_a_card_already_waiting_is_not_sent_twice(holder, mhfa_type):
    hold(holder, mhfa_type, expires_in_days=30)
    claim(holder, mhfa_type, issued_on=today())
    with pytest.raises(Conflict, match="still waiting for verification"):
        claim(holder, mhfa_type, issued_on=today())
    assert ExternalCredentialClaim.objects.filter(holder=holder).count() == 1
