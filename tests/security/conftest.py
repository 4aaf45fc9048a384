"""The certificates and courses fixtures, for the bad-input tests."""

from tests.certificates.conftest import (  # noqa: F401 - fixtures, used by name
    assign_supervisor,
    holder,
    hub_type,
    two_year_type,
)
