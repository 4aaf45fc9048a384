from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from courses.models import CourseIndexPage
from courses.packages.files import (
    PackageRefused,
    package_files_from_folder,
    package_files_from_zip,
)
from courses.packages.importer import PackageInvalid, course_package_import


class Command(BaseCommand):
    help = (
        "Import a course package (a folder or a .zip; docs/course-packages.md) into the "
        "catalogue. Drafts submitted for approval unless --publish. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A package folder (holding course.yaml) or a .zip.")
        parser.add_argument(
            "--user",
            help="Email of the person the pages are created by (and who leads dated "
            "sessions). Defaults to the first active superuser.",
        )
        parser.add_argument("--publish", action="store_true", help="Publish every page.")

    def handle(self, *args, path, user=None, publish=False, **options):
        source = Path(path)
        acting_user = self._user(user)
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            raise CommandError("There is no course catalogue page to import into.")
        try:
            if source.is_dir():
                files = package_files_from_folder(source)
            elif source.is_file():
                files = package_files_from_zip(source.read_bytes(), label=source.name)
            else:
                raise CommandError(f"{source}: no such file or folder.")
            result = course_package_import(
                source=files, parent=catalogue, acting_user=acting_user, publish=publish
            )
        except (PackageRefused, PackageInvalid) as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{source} was not imported ({len(error.problems)} problem"
                f"{'s' if len(error.problems) != 1 else ''})."
            ) from None
        course = result.course
        state = "published" if publish else "drafts submitted for approval"
        self.stdout.write(
            self.style.SUCCESS(f"Imported {course.code}: {result.pages} pages ({state}).")
        )
        if result.sessions_unscheduled:
            self.stdout.write(
                f"{len(result.sessions_unscheduled)} session(s) without starts_at were not added."
            )

    def _user(self, email):
        users = get_user_model().objects.filter(is_active=True)
        user = (
            users.filter(email__iexact=email).first()
            if email
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError(
                f"No active user {email}." if email else "No superuser: name one with --user."
            )
        return user
