"""One spelling of an email address, used everywhere an address is stored, typed or looked up.

Unicode lets one address be typed many ways: full-width letters, ligatures, the long s
(U+017F), the dotless i (U+0131), a Kelvin sign for K. PostgreSQL's UPPER() (behind `iexact`)
folds some of those onto ASCII letters, so "supervisor@example.org" typed with long s and
dotless i found that account while the sign-in lockout counted it as another address.

So: an address is NFKC-normalised and case-folded (NFKC again after folding, as Unicode
recommends for caseless matching), and compared exactly with the stored address, which was
normalised the same way when saved. Account addresses must be ASCII once normalised: a
spelling that still holds a non-ASCII character ("supervisor" with a dotless i) can't be an
account's address at all, so it never matches one. Internationalised domains are entered in
their ASCII (xn--) form.
"""

import unicodedata

from django.core.exceptions import ValidationError


def normalise_email(value) -> str:
    """The one spelling of an address: stripped, NFKC-normalised, case-folded."""
    if not isinstance(value, str):
        return ""
    folded = unicodedata.normalize("NFKC", value.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def is_account_email(normalised: str) -> bool:
    """Printable ASCII with no spaces, one @: the only addresses an account may have."""
    return (
        bool(normalised)
        and normalised.isascii()
        and all("!" <= char <= "~" for char in normalised)
        and normalised.count("@") == 1
    )


def validate_account_email(value) -> str:
    """The normalised address, or ValidationError if an account may not have it."""
    normalised = normalise_email(value)
    if not is_account_email(normalised):
        raise ValidationError(
            "Use an email address written in plain (ASCII) letters, digits and symbols; "
            "for an international domain, its xn-- form.",
            code="invalid_email",
        )
    return normalised
