"""A database that goes away mid-request gets a calm "try again" page, never a traceback."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Answer 503 when a view loses the database: a dropped connection, a restart, a timeout.

    Services are atomic, so by the time the error reaches here PostgreSQL has rolled the
    write back and there is nothing half-saved to explain. Only exceptions raised by views
    pass through `process_exception`; `server_error` (handler500) answers the same page for
    one raised inside another middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable during %s %s", request.method, request.path, exc_info=exception
        )
        return database_unavailable_response()


def database_unavailable_response() -> HttpResponse:
    # Rendered without the request: the context processors would query the database.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: the 503 page when the database went away outside a view (a middleware
    saving the session, looking up a two-factor device), else the plain 500 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))


def bad_request(request, exception):
    """handler400: the standalone 400 page, rendered without the request.

    A bad Host header (DisallowedHost) is refused by CommonMiddleware or SecurityMiddleware
    before AuthenticationMiddleware has run, so there is no `request.user` yet and the
    context processors (site navigation) would fail, turning the 400 into a 500. The page
    needs nothing from the request, and shows nothing about whoever sent it.
    """
    return HttpResponseBadRequest(render_to_string("400.html"))
