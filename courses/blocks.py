"""StreamField blocks for lesson bodies: what a trainer can put on a lesson page."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250, help_text="Describe the image for people who cannot see it."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, max_length=120, help_text="Defaults to its title.")

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A YouTube or Vimeo link.")
    transcript = blocks.TextBlock(
        required=False, help_text="A transcript for people who can't play it."
    )

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", "Note"), ("caution", "Caution"), ("reflection", "Reflection prompt")],
        default="note",
    )
    text = blocks.TextBlock()

    class Meta:
        icon = "help"
        template = "courses/blocks/callout.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, icon="title", template="courses/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol", "h3"])
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    key_points = blocks.ListBlock(
        blocks.CharBlock(max_length=200), icon="list-ul", template="courses/blocks/key_points.html"
    )
