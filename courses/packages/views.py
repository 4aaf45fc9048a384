"""Wagtail admin views: import a course from a zip, export a course as a zip.

Wagtail's own page permissions decide (deny by default): importing needs "add" on the
catalogue, exporting needs "edit" on the course. Wagtail's admin URLs already require admin
access, so anonymous visitors go to the sign-in page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from ..models import CourseIndexPage, CoursePage
from .exporter import PackageExportError, course_package_export
from .files import MAX_ZIP_BYTES, PackageRefused, package_files_from_zip, package_zip
from .importer import PackageInvalid, course_package_import


class CoursePackageUploadForm(forms.Form):
    package = forms.FileField(
        label="Course package (.zip)",
        help_text="A zip exported from a hub, or made as docs/course-packages.md describes.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if upload.size > MAX_ZIP_BYTES:
            raise forms.ValidationError(
                f"The zip is larger than {MAX_ZIP_BYTES // (1024 * 1024)} MB."
            )
        return upload


def catalogue_for_import(user) -> CourseIndexPage | None:
    """The catalogue, when `user` may add courses to it."""
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None or not catalogue.permissions_for_user(user).can_add_subpage():
        return None
    return catalogue


def can_export(user, course) -> bool:
    return course.permissions_for_user(user).can_edit()


@require_http_methods(["GET", "POST"])
def course_import(request):
    catalogue = catalogue_for_import(request.user)
    if catalogue is None:
        raise PermissionDenied
    form = CoursePackageUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["package"]
            try:
                files = package_files_from_zip(upload.read(), label=upload.name)
                result = course_package_import(
                    source=files, parent=catalogue, acting_user=request.user, publish=False
                )
            except PackageRefused as error:
                problems = error.problems
            except PackageInvalid as error:
                problems = error.problems
            else:
                course = result.course
                text = (
                    f"{course.title} ({course.code}) imported: {result.pages} pages, as drafts "
                    "submitted for a lead trainer's approval."
                )
                if result.sessions_unscheduled:
                    count = len(result.sessions_unscheduled)
                    text += f" {count} session{'s' if count != 1 else ''} without a date not added."
                messages.success(request, text)
                return redirect("wagtailadmin_explore", course.pk)
    return TemplateResponse(
        request,
        "courses/packages/import.html",
        {"form": form, "problems": problems, "catalogue": catalogue},
        status=status,
    )


@require_GET
def course_export(request, page_id: int):
    course = get_object_or_404(CoursePage, pk=page_id)
    if not can_export(request.user, course):
        raise PermissionDenied
    try:
        files = course_package_export(course=course)
    except PackageExportError as error:
        return TemplateResponse(
            request,
            "courses/packages/export_problem.html",
            {"course": course, "message": error.message},
            status=error.status_code,
        )
    folder = course.code.lower()
    response = HttpResponse(package_zip(files, folder=folder), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{folder}.zip"'
    return response


def import_url() -> str:
    return reverse("courses_package_import")


def export_url(course) -> str:
    return reverse("courses_package_export", args=[course.pk])
