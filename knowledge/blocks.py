"""StreamField blocks of case studies and curricula. Templates live in templates/blocks/.

Ordered lists with structure (building blocks, indicators, sessions) are StreamFields rather
than inline models: they travel with each revision and wagtail-localize translates every text
in them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

PLAIN_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]

CURRENCIES = [
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("XOF", "XOF"),
    ("XAF", "XAF"),
    ("KES", "KES"),
    ("ETB", "ETB"),
    ("GHS", "GHS"),
    ("NGN", "NGN"),
    ("ZAR", "ZAR"),
    ("BRL", "BRL"),
    ("MXN", "MXN"),
    ("PEN", "PEN"),
    ("COP", "COP"),
    ("INR", "INR"),
    ("IDR", "IDR"),
    ("PHP", "PHP"),
    ("VND", "VND"),
    ("CNY", "CNY"),
]


class BuildingBlockBlock(blocks.StructBlock):
    """A reusable part of a solution: what was done, what made it work, what was learnt."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    description = blocks.RichTextBlock(label=_("description"), features=PLAIN_RICH_TEXT)
    enabling_factors = blocks.RichTextBlock(
        label=_("enabling factors"), features=PLAIN_RICH_TEXT, required=False
    )
    lessons_learned = blocks.RichTextBlock(
        label=_("lessons learned"), features=PLAIN_RICH_TEXT, required=False
    )

    class Meta:
        icon = "placeholder"
        label = _("Building block")
        template = "blocks/building_block.html"


class ImpactIndicatorBlock(blocks.StructBlock):
    indicator = blocks.CharBlock(label=_("indicator"), max_length=200)
    baseline = blocks.DecimalBlock(label=_("baseline"), required=False)
    value = blocks.DecimalBlock(label=_("value"))
    unit = blocks.CharBlock(label=_("unit"), max_length=60, required=False)
    year = blocks.IntegerBlock(label=_("year"), min_value=1900, max_value=2100, required=False)
    source = blocks.CharBlock(label=_("source"), max_length=300, required=False)

    class Meta:
        icon = "table"
        label = _("Impact indicator")


class FinanceBlock(blocks.StructBlock):
    source = blocks.CharBlock(label=_("source of funds"), max_length=200)
    amount = blocks.DecimalBlock(label=_("amount"), required=False, min_value=0)
    currency = blocks.ChoiceBlock(label=_("currency"), choices=CURRENCIES, default="USD")
    note = blocks.CharBlock(label=_("note"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Finance source")


class ActorBlock(blocks.StructBlock):
    KINDS = [("organisation", _("Organisation")), ("person", _("Person"))]

    name = blocks.CharBlock(label=_("name"), max_length=200)
    kind = blocks.ChoiceBlock(label=_("kind"), choices=KINDS, default="organisation")
    role = blocks.CharBlock(label=_("role"), max_length=200, required=False)
    url = blocks.URLBlock(label=_("website"), required=False)

    class Meta:
        icon = "group"
        label = _("Actor")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Link")


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")


class LearningObjectiveBlock(blocks.CharBlock):
    class Meta:
        icon = "tick"
        label = _("Learning objective")


class ActivityBlock(blocks.StructBlock):
    """One step of a training session, with its timing."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    minutes = blocks.IntegerBlock(label=_("minutes"), min_value=1, max_value=600)
    method = blocks.ChoiceBlock(
        label=_("method"),
        choices=[
            ("presentation", _("Presentation")),
            ("discussion", _("Group discussion")),
            ("exercise", _("Exercise")),
            ("field-visit", _("Field visit")),
            ("role-play", _("Role play")),
            ("reflection", _("Reflection")),
        ],
        default="discussion",
    )
    description = blocks.RichTextBlock(label=_("description"), features=PLAIN_RICH_TEXT)
    materials = blocks.CharBlock(label=_("materials"), max_length=300, required=False)


class SessionBlock(blocks.StructBlock):
    """A training session: its objective and its timed activities."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    objective = blocks.CharBlock(label=_("objective"), max_length=300, required=False)
    activities = blocks.ListBlock(ActivityBlock(), label=_("activities"))

    class Meta:
        icon = "time"
        label = _("Session")
        template = "blocks/session.html"
