from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.models import CoursePage
from courses.packages.exporter import PackageExportError, course_package_export
from courses.packages.files import package_folder_write, package_zip


class Command(BaseCommand):
    help = (
        "Export a course as a course package: a .zip, or a folder when OUT doesn't end in "
        ".zip (docs/course-packages.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="The course's code, e.g. PS-ETH-40.")
        parser.add_argument("out", help="Where to write: name.zip, or a folder.")
        parser.add_argument(
            "--no-session-dates",
            action="store_true",
            help="Write the sessions as a plan (title, hours, place, capacity) without dates.",
        )

    def handle(self, *args, code, out, no_session_dates=False, **options):
        course = CoursePage.objects.filter(code__iexact=code).first()
        if course is None:
            raise CommandError(f"No course with code {code}.")
        try:
            files = course_package_export(course=course, session_dates=not no_session_dates)
        except PackageExportError as error:
            raise CommandError(error.message) from None
        target = Path(out)
        if target.suffix.lower() == ".zip":
            target.write_bytes(package_zip(files, folder=course.code.lower()))
        else:
            if target.exists() and any(target.iterdir()):
                raise CommandError(f"{target} is not empty.")
            package_folder_write(files, target)
        self.stdout.write(self.style.SUCCESS(f"Exported {course.code} to {target}."))
