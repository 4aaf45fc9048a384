"""View helpers shared by every app."""

from django.http import FileResponse
from django.shortcuts import render

from .errors import DomainError
from .uploads import sniff_type


def problem_response(
    request, error: DomainError, *, back_url: str = "", template="problem.html", context=None
):
    """A domain error as a page: its message, at its status (400, 403, 409, 410), with a way
    back. Pages that can show the error beside the form that caused it do that instead."""
    return render(
        request,
        template,
        {"problem": error.message, "back_url": back_url, **(context or {})},
        status=error.status_code,
    )


def private_file_response(field_file) -> FileResponse:
    """Serve an uploaded file (evidence) as what its content is, never what its name claims."""
    handle = field_file.open("rb")
    content_type = sniff_type(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        content_type, "bin"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=f"evidence.{extension}", content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
