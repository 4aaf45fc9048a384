"""A database that goes away mid-request gets a calm "try again" page, never a traceback."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Answer 503 when a view loses the database: a dropped connection, a restart, a timeout.

    Services are atomic, so by the time the error reaches here PostgreSQL has rolled the
    write back and there is nothing half-saved to explain. Only exceptions raised by views
    pass through `process_exception`; one raised inside another middleware still gets the
    plain 500 page.
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
        # Rendered without the request: the context processors would query the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
