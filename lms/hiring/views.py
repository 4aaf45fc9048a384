"""HR's screens: the prerequisite matrix (and its exports), the candidate check, and the
lived-experience attestation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import (
    FileResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from certificates.selectors import credential_by_code
from lms.people.emails import normalise_email
from lms.people.models import User

from . import permissions
from .forms import AttestationForm, CandidateForm, MatrixFilterForm
from .selectors import (
    hr_matrix,
    hr_matrix_rows,
    hr_matrix_rows_all,
    positions_with_requirements,
    prerequisite_checks,
)
from .services.attestations import attestation_record
from .services.exports import matrix_csv_lines, matrix_export_audit, matrix_xlsx_file

MATRIX_PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hr_matrix_view(request):
    if not permissions.can_use_hr_screens(request.user):
        raise PermissionDenied("This page is for HR.")
    # An export writes an audit entry, so it is a POST (the page's Export buttons): a GET
    # (a prefetch, a crawler, a pasted link) never starts one. Filters stay in the query.
    if request.method != "POST" and request.GET.get("export"):
        return HttpResponseNotAllowed(
            ["POST"], content="Exports start from the Export buttons on the HR page."
        )
    if request.method == "POST" and request.POST.get("export") not in ("csv", "xlsx"):
        return HttpResponseBadRequest("Choose CSV or Excel to export.")
    positions = positions_with_requirements()
    form = MatrixFilterForm(request.GET or None, positions=positions)
    if form.is_bound and not form.is_valid():
        return render(request, "hiring/hr_matrix.html", {"form": form}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    within_days = filters.get("within") or 30
    # Filtering and ordering happen in the database; rows are checked only for the people
    # shown (a page of 50), or a batch at a time while an export streams.
    matrix = hr_matrix(
        positions=positions,
        position_slug=filters.get("position", ""),
        status=filters.get("status", ""),
        within_days=within_days,
        search=filters.get("q", ""),
    )
    positions, people = matrix["positions"], matrix["people"]
    export = request.POST.get("export") if request.method == "POST" else None
    if export in ("csv", "xlsx"):
        matrix_export_audit(
            acting_user=request.user,
            export_format=export,
            filters={k: v for k, v in filters.items() if v},
            row_count=len(people),
        )
        rows = hr_matrix_rows_all(people=people, positions=positions, within_days=within_days)
        if export == "csv":
            response = StreamingHttpResponse(
                matrix_csv_lines(positions=positions, rows=rows),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="prerequisites.csv"'
            return response
        return FileResponse(
            matrix_xlsx_file(positions=positions, rows=rows),
            as_attachment=True,
            filename="prerequisites.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    # The page shows 50 people at a time; filters and exports always cover everyone.
    page = Paginator(people, MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = hr_matrix_rows(
        people=page.object_list, positions=positions, within_days=within_days
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "hiring/hr_matrix.html",
        {
            "form": form,
            "positions": positions,
            "page_obj": page,
            "total": len(people),
            "counts": matrix["counts"],
            "query_string": params.urlencode(),
        },
    )


@login_required
def hr_candidate_view(request):
    if not permissions.can_use_hr_screens(request.user):
        raise PermissionDenied("This page is for HR.")
    form = CandidateForm(request.GET or None)
    people = []
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        credential = credential_by_code(query)
        if credential is not None:
            people = [credential.holder]
        else:
            people = list(
                User.objects.filter(
                    Q(certificate_name__icontains=query)
                    | Q(preferred_name__icontains=query)
                    | Q(email=normalise_email(query)),
                    is_active=True,
                )[:20]
            )
    positions = positions_with_requirements()
    checks = prerequisite_checks(people=people, positions=positions, within_days=90)
    results = [
        (person, [checks[(person.pk, position.pk)] for position in positions]) for person in people
    ]
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "hiring/hr_candidate.html",
        {"form": form, "results": results, "searched": form.is_bound},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attestation_view(request, user_id: int):
    if not permissions.can_record_attestation(request.user):
        raise PermissionDenied("Attestations are recorded by HR or an administrator.")
    person = get_object_or_404(User, pk=user_id)
    current = getattr(person, "attestation", None) if hasattr(person, "attestation") else None
    form = AttestationForm(
        request.POST or None, initial={"on_file": "yes" if current and current.on_file else "no"}
    )
    if request.method == "POST":
        if form.is_valid():
            attestation_record(
                person=person, on_file=form.cleaned_data["on_file"], acting_user=request.user
            )
            messages.success(request, "Attestation recorded.")
            return redirect(f"{reverse('hiring:hr_candidate')}?q={person.email}")
        return render(
            request,
            "hiring/attestation.html",
            {"form": form, "person": person, "current": current},
            status=400,
        )
    return render(
        request,
        "hiring/attestation.html",
        {"form": form, "person": person, "current": current},
    )
