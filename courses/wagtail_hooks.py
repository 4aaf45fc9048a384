from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CoursePage, LessonPage, Track
from .models.pages import SERVE_HOOK
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
