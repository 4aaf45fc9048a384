from django.urls import path
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CourseIndexPage, CoursePage, LessonPage, Track
from .models.pages import SERVE_HOOK
from .packages import views as package_views
from .services.authoring import (
    course_permissions_sync,
    lesson_place_before_quiz,
    track_permissions_sync,
)
from .views.pages import page_serve


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "folder-open-inverse"
    menu_label = "Tracks"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]


register_snippet(TrackViewSet)


# Course pages are served by views (courses.views.pages); the models reach them through this
# hook rather than importing them.
hooks.register(SERVE_HOOK, page_serve)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def sync_course_permissions(request, page):
    if isinstance(page.specific, CoursePage):
        course_permissions_sync(course=page.specific)


@hooks.register("after_create_page")
def place_new_lesson_before_quiz(request, page):
    if isinstance(page.specific, LessonPage):
        lesson_place_before_quiz(lesson=page.specific)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_track_permissions(request, instance):
    if isinstance(instance, Track):
        track_permissions_sync(track=instance)


# Course packages (courses/packages/, docs/course-packages.md): import a course from a zip,
# export one as a zip. Wagtail's page permissions decide who sees and may use each.
@hooks.register("register_admin_urls")
def register_course_package_urls():
    return [
        path("courses/import/", package_views.course_import, name="courses_package_import"),
        path(
            "courses/<int:page_id>/export/",
            package_views.course_export,
            name="courses_package_export",
        ),
    ]


class ImportCourseMenuItem(MenuItem):
    def is_shown(self, request):
        return package_views.catalogue_for_import(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_import_course_menu_item():
    return ImportCourseMenuItem(
        "Import a course", package_views.import_url(), icon_name="upload", order=210
    )


class ExportCourseButton(PageMenuItem):
    label = "Export as a package (.zip)"
    icon_name = "download"

    def is_shown(self, user):
        return self.page.specific_class is CoursePage and package_views.can_export(user, self.page)

    @property
    def url(self):
        return package_views.export_url(self.page)


class ImportCourseButton(PageMenuItem):
    label = "Import a course"
    icon_name = "upload"

    def is_shown(self, user):
        return self.page.specific_class is CourseIndexPage and bool(
            package_views.catalogue_for_import(user)
        )

    @property
    def url(self):
        return package_views.import_url()


@hooks.register("register_page_header_buttons")
def course_package_header_buttons(page, user, view_name, next_url=None):
    yield ExportCourseButton(page=page, priority=80)
    yield ImportCourseButton(page=page, priority=16)


@hooks.register("register_page_listing_more_buttons")
def course_package_listing_buttons(page, user, next_url=None):
    yield ExportCourseButton(page=page, priority=45)
