"""A review that can't be saved shows the queue again, with the error at that item's form and
what the reviewer chose and typed kept: not a separate error page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import CERecord
from tests.certificates.helpers import ce_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(peer, supervisor, assign_supervisor):
    assign_supervisor(supervisor, peer)
    return ce_record(
        peer,
        hours=3,
        completed_on=timezone.localdate() - timedelta(days=5),
        status=CERecord.Status.PENDING,
    )


def test_declining_without_a_note_shows_the_form_again_with_the_error(client, supervisor, pending):
    client.force_login(supervisor)
    url = reverse("certificates:ce_review", args=[pending.pk])
    response = client.post(url, {"decision": "reject", "note": "  "})
    assert response.status_code == 400
    assert response.templates[0].name == "certificates/review_queue.html"
    page = response.content.decode()
    form = page[page.index(f'id="review_ce_{pending.pk}"') :]
    assert 'class="error" id="review_error_ce_' in form[:600]
    assert f'id="reject_ce_{pending.pk}" checked' in form
    assert f'aria-describedby="review_error_ce_{pending.pk}"' in form
    assert f'href="#review_ce_{pending.pk}"' in page  # the summary at the top leads there
    assert CERecord.objects.get(pk=pending.pk).status == CERecord.Status.PENDING


def test_no_decision_or_an_overlong_note_says_what_to_fix(client, supervisor, pending):
    client.force_login(supervisor)
    url = reverse("certificates:ce_review", args=[pending.pk])
    response = client.post(url, {"note": "Looks fine"})
    assert response.status_code == 400
    assert "Choose a decision: approve or decline." in response.content.decode()
    assert ">Looks fine</textarea>" in response.content.decode()
    too_long = client.post(url, {"decision": "approve", "note": "x" * 1001})
    assert too_long.status_code == 400
    assert "at most 1000 characters" in too_long.content.decode()


def test_a_saved_review_goes_back_to_the_queue_with_a_message(client, supervisor, pending):
    client.force_login(supervisor)
    url = reverse("certificates:ce_review", args=[pending.pk])
    response = client.post(url, {"decision": "reject", "note": "No hours shown."}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("certificates:review_queue")
    assert "Review saved." in response.content.decode()
    again = client.post(url, {"decision": "approve"})
    assert again.status_code == 409
    assert "Not saved:" in again.content.decode()
