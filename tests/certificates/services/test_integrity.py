"""The read-only integrity check run after a restore, and `manage.py verify_certificates`."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Credential, CredentialType
from certificates.services.integrity import credentials_integrity_check
from tests.certificates.helpers import PDF_BYTES, storage
from tests.factories import CredentialFactory, CredentialTypeFactory


def with_pdf(credential: Credential) -> Credential:
    """Store a small PDF for the credential and record its hash, as rendering does."""
    content = PDF_BYTES + credential.code.encode()
    credential.pdf.save(f"{credential.code[:2]}/{credential.code}.pdf", ContentFile(content))
    credential.pdf_sha256 = Credential.sha256_of(content)
    credential.save(update_fields=["pdf", "pdf_sha256"])
    return credential


def credentials_with_pdfs(number: int) -> list[Credential]:
    return [with_pdf(CredentialFactory()) for _ in range(number)]


@pytest.fixture
def external_licence(db):
    """External licences never get a PDF from the hub."""
    return CredentialFactory(
        credential_type=CredentialTypeFactory(kind=CredentialType.Kind.EXTERNAL_LICENCE)
    )


def problems_by_code(report) -> dict[str, tuple[str, ...]]:
    return {problem.code: problem.problems for problem in report.problems}


@pytest.mark.django_db
def test_intact_credentials_all_verify_and_those_without_a_pdf_are_counted_apart(
    external_licence,
):
    intact = credentials_with_pdfs(2)
    revoked = with_pdf(CredentialFactory(status="revoked", revoked_at=timezone.now()))

    report = credentials_integrity_check()

    assert report.ok
    assert report.checked == 4
    assert report.verified_by_code == 4  # a revoked credential still verifies (as revoked)
    assert report.pdf_matching == 3
    assert report.without_pdf == [external_licence.display_code]
    assert {c.pk for c in [*intact, revoked]}.isdisjoint(p.credential_id for p in report.problems)


@pytest.mark.django_db
def test_an_altered_pdf_and_a_missing_pdf_are_problems_naming_their_credentials():
    altered, missing, intact = credentials_with_pdfs(3)
    with storage().open(altered.pdf.name, "wb") as stored:
        stored.write(PDF_BYTES + b"tampered")
    storage().delete(missing.pdf.name)

    report = credentials_integrity_check()

    assert not report.ok
    assert report.pdf_matching == 1
    assert report.verified_by_code == 3  # the codes still verify; the files are wrong
    assert problems_by_code(report) == {
        altered.display_code: (f"PDF file {altered.pdf.name} does not match its recorded SHA-256",),
        missing.display_code: (f"PDF file missing: {missing.pdf.name}",),
    }
    assert intact.display_code not in problems_by_code(report)


@pytest.mark.django_db
def test_a_code_that_no_longer_finds_its_credential_is_a_problem():
    credential = with_pdf(CredentialFactory())
    # "I" is never printed: public verification reads it as "1" and finds nothing.
    Credential.objects.filter(pk=credential.pk).update(code="I" + credential.code[1:])

    report = credentials_integrity_check()

    assert report.verified_by_code == 0
    assert [(p.credential_id, p.problems) for p in report.problems] == [
        (credential.pk, ("its printed code does not find it",))
    ]


@pytest.mark.django_db
def test_a_hash_without_a_file_and_a_file_without_a_hash_are_problems():
    hash_only, file_only = credentials_with_pdfs(2)
    Credential.objects.filter(pk=hash_only.pk).update(pdf="")
    Credential.objects.filter(pk=file_only.pk).update(pdf_sha256="")

    report = credentials_integrity_check()

    assert report.without_pdf == []
    assert problems_by_code(report) == {
        hash_only.display_code: ("a PDF hash is recorded but no PDF file",),
        file_only.display_code: (f"PDF file {file_only.pdf.name} has no recorded SHA-256",),
    }


@pytest.mark.django_db
def test_two_credentials_with_one_pdf_hash_are_problems():
    first, second = credentials_with_pdfs(2)
    # An upload of the PDF would find only one of them.
    with storage().open(first.pdf.name, "rb") as original:
        content = original.read()
    with storage().open(second.pdf.name, "wb") as stored:
        stored.write(content)
    Credential.objects.filter(pk=second.pk).update(pdf_sha256=first.pdf_sha256)

    report = credentials_integrity_check()

    assert problems_by_code(report) == {
        first.display_code: (f"another credential has the same PDF hash ({second.pk})",),
        second.display_code: (f"another credential has the same PDF hash ({first.pk})",),
    }


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_number_of_credentials(
    django_assert_max_num_queries, external_licence
):
    credentials_with_pdfs(3)
    with django_assert_max_num_queries(2):  # the walk, and one lookup per chunk
        small = credentials_integrity_check()

    credentials_with_pdfs(20)
    with django_assert_max_num_queries(2):
        large = credentials_integrity_check()

    assert (small.checked, large.checked) == (4, 24)
    assert large.ok and large.pdf_matching == 23


@pytest.mark.django_db
def test_lookups_are_one_query_per_chunk_not_per_credential(django_assert_max_num_queries):
    credentials_with_pdfs(12)

    with django_assert_max_num_queries(1 + 3):
        report = credentials_integrity_check(chunk_size=5)

    assert report.ok and report.checked == report.verified_by_code == report.pdf_matching == 12


# The command ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_prints_a_summary_and_lists_credentials_without_a_pdf(external_licence):
    credentials_with_pdfs(2)
    out = StringIO()

    call_command("verify_certificates", verbosity=2, stdout=out)

    assert out.getvalue().splitlines() == [
        "credentials checked: 3",
        "verified by code: 3",
        "PDF present, SHA-256 matching: 2",
        "no PDF yet (not a failure): 1",
        f"  no PDF yet: {external_licence.display_code}",
        "All credentials verified.",
    ]


@pytest.mark.django_db
def test_the_command_fails_naming_the_credential_with_a_problem():
    broken, _ = credentials_with_pdfs(2)
    storage().delete(broken.pdf.name)
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match=r"1 credential\(s\) failed the check"):
        call_command("verify_certificates", stdout=out, stderr=err)

    assert "PDF present, SHA-256 matching: 1" in out.getvalue()
    assert err.getvalue().strip() == (
        f"PROBLEM {broken.display_code} (credential {broken.pk}): "
        f"PDF file missing: {broken.pdf.name}"
    )
