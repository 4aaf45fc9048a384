"""Public verification pages (HTML and JSON) with any text as the code: a known code in any
accepted spelling finds its certificate; anything else is the same 404, never a 500."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from certificates.models import CODE_ALPHABET, Credential, normalise_code
from tests.factories import CredentialFactory
from tests.security.helpers import PROPERTY, text_of

pytestmark = pytest.mark.django_db

CODE = "01KM7Q9X2BHDW4TN"
NOT_FOUND_WORDS = "No certificate has that code"
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@pytest.fixture
def credential(holder, two_year_type):
    return CredentialFactory(holder=holder, credential_type=two_year_type, code=CODE)


def lookup(client, code: str):
    cache.clear()  # the per-client rate limit: many examples share one client
    quoted = quote(code, safe="")
    return client.get(f"/verify/{quoted}/"), client.get(f"/verify/{quoted}.json")


def assert_not_found(page, json):
    assert page.status_code == 404
    assert NOT_FOUND_WORDS in text_of(page) or "We can't find that page" in text_of(page)
    assert json.status_code == 404
    if json["Content-Type"] == "application/json":
        assert json.json() == {"status": "not_found"}


def assert_found(page, json):
    assert page.status_code == 200
    assert json.status_code == 200
    assert json.json()["holder_name"] == "Winona Redbird-Castillo"


@PROPERTY
@given(
    code=st.one_of(
        any_text.filter(bool),
        st.binary(min_size=1, max_size=40).map(lambda raw: raw.decode("latin-1")),
    )
)
def test_any_text_as_a_code_finds_the_certificate_or_is_not_found(client, credential, code):
    page, json = lookup(client, code)

    if normalise_code(code) == CODE:
        assert_found(page, json)
    else:
        assert_not_found(page, json)
    assert Credential.objects.get(pk=credential.pk).status == "active"


@PROPERTY
@given(
    code=st.lists(st.sampled_from(CODE), min_size=16, max_size=16).map("".join),
    separators=st.lists(st.sampled_from(["", "-", " ", "--"]), min_size=15, max_size=15),
    lower=st.lists(st.booleans(), min_size=16, max_size=16),
)
def test_only_the_exact_code_in_any_spelling_matches(client, credential, code, separators, lower):
    typed = "".join(
        (symbol.lower() if low else symbol) + separator
        for symbol, low, separator in zip(code, lower, [*separators, ""], strict=True)
    )
    page, json = lookup(client, typed)

    if code == CODE and len(typed) <= 40:
        assert_found(page, json)
    else:
        assert_not_found(page, json)


@pytest.mark.parametrize(
    "code",
    [
        "".join(chr(ord(symbol) + 0xFEE0) for symbol in CODE),  # full-width
        "01\u041a\u041c7Q9X2BHDW4TN",  # Cyrillic Ka and Em
        "0\u0131KM7Q9X2BHDW4TN",  # dotless i
        "01KM7Q9X2BHDW4T\u0274",  # small capital N
        "01KM7Q9X2BHDW4TN\u200b",  # zero-width space
        "01KM7Q9X2BHDW4TN\x00",
        "\x0001KM7Q9X2BHDW4TN",
        "01KM7Q9X2BHDW4TN' OR '1'='1",
        "' OR 1=1 --",
        "%",
        "_" * 16,
        "01KM7Q9X2BHDW4T%",
        "01KM7Q9X2BHDW4T_",
        "A" * 10_000,
        CODE * 625,
    ],
    ids=lambda code: repr(code[:20]),
)
def test_look_alikes_wildcards_injection_and_huge_codes_are_not_found(client, credential, code):
    assert_not_found(*lookup(client, code))


@PROPERTY
@given(code=any_text)
def test_the_code_form_answers_any_text_without_failing(client, credential, code):
    cache.clear()
    response = client.get(reverse("certificates:verify"), {"code": code})

    canonical = normalise_code(code)
    if canonical == CODE:
        assert response.status_code == 302
        assert response.url == "/verify/01KM-7Q9X-2BHD-W4TN/"
    elif not code.strip() or "\x00" in code or len(code.strip()) > 40:
        assert response.status_code in (200, 400)  # empty: the form again; else in words
        if response.status_code == 400:
            assert any(
                words in text_of(response)
                for words in ("Null characters", "at most 40 characters", "required")
            )
    else:
        assert response.status_code == 404
        assert NOT_FOUND_WORDS in text_of(response)


def test_every_symbol_of_the_alphabet_round_trips():
    for symbol in CODE_ALPHABET:
        assert normalise_code(symbol * 16) == symbol * 16
