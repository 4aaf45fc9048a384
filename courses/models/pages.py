from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The hub's front door: what it is, and where each person goes next."""

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text="One or two sentences under the title.",
    )
    body = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol", "h2", "h3"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []  # course catalogue pages arrive with the courses work
    max_count = 1
