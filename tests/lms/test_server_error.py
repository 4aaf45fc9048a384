"""handler500: a database that went away outside a view still gets the calm 503 page."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from lms.middleware import server_error


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection"), InterfaceError("connection already closed")],
)
def test_a_lost_database_outside_a_view_answers_503(error):
    try:
        raise error
    except type(error):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Traceback" not in response.content.decode()


def test_any_other_error_answers_the_plain_500_page():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "a bug" not in response.content.decode()


def test_the_project_uses_it():
    from lms import urls

    assert urls.handler500 == "lms.middleware.server_error"
