"""HR matrix: who it covers, and one status per cell that the filters, the counts, the page's
words and both exports all agree on (issue 12 item 6, issue 14 item 3)."""

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.hiring.models import Position
from lms.hiring.selectors import check_in_words, hr_matrix, positions_with_requirements
from lms.people.models import SupervisorAssignment
from lms.people.roles import Role
from tests.factories import CredentialFactory, CredentialTypeFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days(n):
    return TODAY() + timedelta(days=n)


def position_for(*credential_types, roles=(Role.PEER,), slug="peer-specialist", **flags):
    position = Position(
        name=f"Position {slug}",
        slug=slug,
        requires_supervisor=flags.get("requires_supervisor", False),
        requires_attestation=flags.get("requires_attestation", False),
    )
    position.required_credential_types = list(credential_types)
    position.applies_to_groups = [Group.objects.get(name=name) for name in roles]
    position.save()
    return position


# Who the matrix covers ------------------------------------------------------------------------


def listed(**filters):
    return {
        person.pk
        for person in hr_matrix(positions=positions_with_requirements(), **filters)["people"]
    }


def test_everyone_in_a_positions_roles_and_every_credential_holder_is_listed(db):
    licence = CredentialTypeFactory(name="Licence")
    position_for(licence, roles=[Role.PEER])
    peer = UserFactory(roles=[Role.PEER])  # holds nothing: listed as missing everything
    trainer_with_credential = UserFactory(roles=[Role.TRAINER])
    CredentialFactory(holder=trainer_with_credential, credential_type=CredentialTypeFactory())
    revoked_only = UserFactory(roles=[Role.SUPERVISOR])
    CredentialFactory(
        holder=revoked_only, credential_type=licence, status="revoked", revoked_at=timezone.now()
    )
    trainer = UserFactory(roles=[Role.TRAINER])
    hr_person = UserFactory(roles=[Role.HR])
    gone = UserFactory(roles=[Role.PEER], is_active=False)

    people = listed()

    assert {peer.pk, trainer_with_credential.pk, revoked_only.pk} <= people
    assert not {trainer.pk, hr_person.pk, gone.pk} & people


def test_the_roles_are_set_per_position(db):
    licence = CredentialTypeFactory(name="Licence")
    position_for(licence, roles=[Role.PEER], slug="peers")
    position_for(licence, roles=[Role.TRAINER], slug="trainers")
    peer, trainer = UserFactory(roles=[Role.PEER]), UserFactory(roles=[Role.TRAINER])

    assert {peer.pk, trainer.pk} <= listed()
    assert peer.pk in listed(position_slug="peers")
    assert trainer.pk not in listed(position_slug="peers")
    assert trainer.pk in listed(position_slug="trainers")


def test_demo_positions_apply_to_peers(db):
    from lms.hiring.demo import _seed_positions

    _seed_positions()
    peers = Group.objects.get(name=Role.PEER)
    assert Position.objects.exists()
    for position in Position.objects.all():
        assert list(position.applies_to_groups.all()) == [peers]


# One status per cell: filters x statuses -------------------------------------------------------

# Each person's situation against a position that asks for one licence (renewal window 60
# days, grace 14): the cell it must show with "expiring within 30 days", and the licence held
# (stored status, expiry in days from today).
SITUATIONS = {
    "active, a year left": ("met", ("active", 365)),
    "never expires": ("met", ("active", None)),
    # Inside the type's renewal window but beyond HR's 30 days: the position is met.
    "renewal due in 45 days": ("met", ("renewal_due", 45)),
    "expires in 10 days, job not run": ("expiring", ("active", 10)),
    "renewal due in 20 days": ("expiring", ("renewal_due", 20)),
    "expires today": ("expiring", ("renewal_due", 0)),
    "expires on day 30": ("expiring", ("active", 30)),
    "expires on day 31": ("met", ("active", 31)),
    "in grace, job not run": ("expiring", ("renewal_due", -3)),
    "in grace, job marked it expired": ("expiring", ("expired", -13)),
    "past its grace": ("missing", ("active", -15)),
    "revoked": ("missing", ("revoked", 365)),
    "superseded only": ("missing", ("superseded", 365)),
    "expired early by an administrator": ("missing", ("expired", 100)),
    "holds nothing": ("missing", None),
}
STATUSES = ("met", "missing", "expiring")


@pytest.fixture
def world(db, hr):
    licence = CredentialTypeFactory(
        name="State licence",
        validity_rule="months",
        validity_months=12,
        renewal_window_days=60,
        grace_days=14,
    )
    position = position_for(licence)
    people = {}
    for name, (cell, credential) in SITUATIONS.items():
        person = UserFactory(roles=[Role.PEER], certificate_name=name)
        if credential is not None:
            status, expires = credential
            CredentialFactory(
                holder=person,
                credential_type=licence,
                status=status,
                expires_on=None if expires is None else days(expires),
                revoked_at=timezone.now() if status == "revoked" else None,
            )
        people[name] = (person, cell)
    return {"licence": licence, "position": position, "people": people, "hr": hr}


def page_cells(client, **params) -> dict[str, str]:
    """Name → the chip word each row of the page shows (every page of it)."""
    cells, page = {}, 1
    while True:
        response = client.get(reverse("hiring:hr_matrix"), {**params, "page": page})
        assert response.status_code == 200
        for row in response.context["page_obj"]:
            [check] = row.checks
            cells[row.person.certificate_name] = check_in_words(check).word
        if not response.context["page_obj"].has_next():
            return cells
        page += 1


def test_every_cell_shows_the_status_its_situation_gives(client, world):
    client.force_login(world["hr"])
    cells = page_cells(client)
    assert cells == {
        name: {"met": "Met", "missing": "Missing", "expiring": "Expiring"}[cell]
        for name, (_person, cell) in world["people"].items()
    }


@pytest.mark.parametrize("cell_status", STATUSES)
@pytest.mark.parametrize("status_filter", STATUSES)
def test_a_status_filter_lists_exactly_the_people_whose_cell_shows_it(
    client, world, status_filter, cell_status
):
    client.force_login(world["hr"])
    shown = page_cells(client)
    filtered = page_cells(client, status=status_filter)
    with_cell_status = {name for name, word in shown.items() if word.lower() == cell_status}
    assert with_cell_status, f"no situation gives {cell_status}"
    if status_filter == cell_status:
        assert with_cell_status <= set(filtered)
        assert set(filtered) == with_cell_status
    else:
        assert not with_cell_status & set(filtered)
    # What the filtered page shows in those cells is the status filtered on.
    assert set(filtered.values()) <= {status_filter.capitalize()}


@pytest.mark.parametrize("within", [30, 60, 90])
def test_the_counts_are_the_cells_counted(client, world, within):
    client.force_login(world["hr"])
    response = client.get(reverse("hiring:hr_matrix"), {"within": within})
    [count] = response.context["counts"]
    cells = list(page_cells(client, within=within).values())
    assert (count.met, count.missing, count.expiring) == (
        cells.count("Met"),
        cells.count("Missing"),
        cells.count("Expiring"),
    )
    html = response.content.decode()
    assert f"✓ {count.met} met" in html
    assert f"✕ {count.missing} missing" in html
    assert f"⟳ {count.expiring} expiring" in html


def test_the_grace_period_reads_as_the_holder_and_verification_read_it(client, world):
    person, _cell = world["people"]["in grace, job marked it expired"]
    credential = person.credentials.get()
    assert credential.status_word_on(TODAY()) == "In grace period"
    assert credential.public_status(TODAY()) == "valid"
    client.force_login(world["hr"])
    html = unescape(client.get(reverse("hiring:hr_matrix"), {"q": "job marked"}).content.decode())
    expired_on = (
        f"{credential.expires_on:%b} {credential.expires_on.day}, {credential.expires_on.year}"
    )
    assert f"State licence: In grace period, expired {expired_on}" in html


# The same words on the page and in both exports -------------------------------------------------


def details_on_page(html: str, name: str) -> tuple[str, list[str]]:
    """The chip word and the lines in a person's (single) cell on the page."""
    row = html[html.index(f">{name}<") :]
    row = row[: row.index("</tr>")]
    cell = row[row.index("<td") :]
    word = re.search(r'class="chip chip--\w+">\W*(\w+)', cell).group(1)
    return word, [unescape(line) for line in re.findall(r"<li>(.*?)</li>", cell)]


def test_page_csv_and_excel_say_the_same_words(client, hr, supervisor):
    licence = CredentialTypeFactory(name="State licence", renewal_window_days=60)
    course_certificate = CredentialTypeFactory(name="40-hour course")
    make_course(
        modules=1,
        lessons_per_module=1,
        quiz=False,
        credential_type=course_certificate,
        title="Ethics and boundaries",
    )
    position_for(licence, course_certificate, requires_supervisor=True)
    person = UserFactory(roles=[Role.PEER], certificate_name="Alex Both")
    CredentialFactory(
        holder=person, credential_type=licence, status="renewal_due", expires_on=days(12)
    )
    SupervisorAssignment.objects.create(supervisor=supervisor, peer=person, starts_on=days(-5))
    client.force_login(hr)

    html = client.get(reverse("hiring:hr_matrix")).content.decode()
    word, lines = details_on_page(html, "Alex Both")
    assert word == "Missing"
    assert lines == [
        "Missing: 40-hour course (earned by Ethics and boundaries)",
        f"State licence: Renewal due, expires {days(12):%b} {days(12).day}, {days(12).year}",
    ]

    content = b"".join(
        client.post(reverse("hiring:hr_matrix"), {"export": "csv"}).streaming_content
    )
    csv_rows = list(csv.reader(io.StringIO(content.decode())))
    xlsx = client.post(reverse("hiring:hr_matrix"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    xlsx_rows = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    for rows in (csv_rows, xlsx_rows):
        assert rows[0][2:] == [
            "Position peer-specialist",
            "Position peer-specialist: what is missing or expiring",
        ]
        [row] = [row for row in rows if row[0] == "Alex Both"]
        assert row[2] == word
        assert row[3] == "; ".join(lines)


def test_the_roles_a_position_applies_to_are_set_and_shown_in_the_snippet_admin(
    client, administrator
):
    position = position_for(CredentialTypeFactory(name="Licence"), roles=[Role.PEER, Role.TRAINER])
    client.force_login(administrator)

    listing = client.get(reverse("wagtailsnippets_hiring_position:list"))
    assert listing.status_code == 200
    assert "Applies to roles" in listing.content.decode()
    assert "Peer, Trainer" in listing.content.decode()

    form = client.get(reverse("wagtailsnippets_hiring_position:edit", args=[position.pk]))
    assert form.status_code == 200
    assert 'name="applies_to_groups"' in form.content.decode()
