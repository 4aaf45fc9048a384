"""The content tree trainers author in Wagtail: Home, catalogue, course, module, lesson or quiz."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.forms import BaseChildFormSet
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from certificates.ce_details import approval_text

from ..blocks import LessonBodyBlock
from ..caching import any_view_restrictions, page_at_path

SIMPLE_RICH_TEXT = ["bold", "italic", "link", "ul", "ol", "h2", "h3"]


class CachedViewRestrictionsMixin:
    """Wagtail asks every page view for the view restrictions of the page and its ancestors
    (a query). The hub seldom restricts pages, so first ask the cache whether any page has a
    restriction at all; saving or deleting one changes the content version."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


SERVE_HOOK = "serve_course_page"


class ServedByView:
    """A page whose response a view builds (enrolment checks, progress, a catalogue's filters):
    courses.views.pages.page_serve, registered for the `serve_course_page` hook in
    courses/wagtail_hooks.py. The view module imports the models, never the reverse; live
    pages and Wagtail's previews both come through here."""

    def serve(self, request, *args, **kwargs):
        for serve_page in hooks.get_hooks(SERVE_HOOK):
            response = serve_page(self, request)
            if response is not None:
                return response
        raise ImproperlyConfigured(f"No {SERVE_HOOK} hook serves {type(self).__name__} pages.")


class HomePage(CachedViewRestrictionsMixin, Page):
    """The hub's front door: what it is, and where each person goes next."""

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text="One or two sentences under the title.",
    )
    body = RichTextField(blank=True, features=SIMPLE_RICH_TEXT)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]
    max_count = 1

    def route(self, request, path_components):
        # Wagtail routes one tree level at a time, two queries per level, and a lesson is four
        # levels below home; find the page by its url_path instead (one query, the path
        # itself cached). Anything that is not an exact page path (e.g. a routable page's own
        # sub-URLs) goes Wagtail's way.
        if len(path_components) > 1:
            page = page_at_path(home=self, path_components=path_components)
            if page is not None:
                return page.route(request, [])  # still a 404 when not live
        return super().route(request, path_components)


class Track(models.Model):
    """A curriculum line (e.g. Recovery Doula). Its trainer groups may edit its courses."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    trainer_groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="tracks",
        help_text="Trainers in these groups may edit and submit this track's courses.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("trainer_groups", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Delivery(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    BLENDED = "blended", "Blended (online and in person)"
    LIVE_ONLINE = "live_online", "Live online (video sessions)"

    @classmethod
    def ce_wording(cls, value: str) -> str:
        """How a CE certificate names the format, in the words boards use for it: live (a
        presenter and learners at the same time, in a room or on video) or self-paced (home
        study). The hub's online lessons are self-paced; its sessions are live."""
        return {
            cls.ONLINE: "Self-paced online",
            cls.IN_PERSON: "Live, in person",
            cls.BLENDED: "Live in person and self-paced online",
            cls.LIVE_ONLINE: "Live online (interactive video)",
        }.get(value, "")


class CourseIndexPage(ServedByView, CachedViewRestrictionsMixin, Page):
    """The catalogue: every live course, filterable by track and delivery."""

    intro = RichTextField(blank=True, features=SIMPLE_RICH_TEXT)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1


class CoursePageForm(WagtailAdminPageForm):
    """Checks the CE hours split by category fits the course's CE hours."""

    def clean(self):
        cleaned = super().clean()
        rows = [
            form.cleaned_data
            for form in self.formsets["ce_hours_split"].forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        split = sum((row["hours"] for row in rows if row.get("hours")), Decimal("0"))
        ce_hours = cleaned.get("ce_hours")
        if ce_hours is not None and split > ce_hours:
            self.add_error(
                "ce_hours",
                f"The hours in other CE categories add up to {split}, more than the course's "
                f"{ce_hours} CE hours.",
            )
        categories = [row["category"] for row in rows if row.get("category")]
        if len(set(categories)) != len(categories) or cleaned.get("ce_category") in categories:
            self.add_error(
                None,
                "Name each CE category once: the course's own category takes the hours not "
                "split out.",
            )
        return cleaned


class CoursePage(ServedByView, CachedViewRestrictionsMixin, Page):
    code = models.CharField(max_length=30, help_text="Short unique code, e.g. PS-ETH-40.")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="courses")
    summary = models.TextField(help_text="What the course is about, in two or three sentences.")
    audience = models.CharField(max_length=255, blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.ONLINE)
    required_contact_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("500"))],
        help_text="Online lesson time plus session attendance needed to complete.",
    )
    estimated_hours = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(0)]
    )
    ce_hours = models.DecimalField(
        "CE hours awarded",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("200"))],
    )
    ce_category = models.ForeignKey(
        "certificates.CECategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="CE category",
    )
    credential_type = models.ForeignKey(
        "certificates.CredentialType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awarding_courses",
        help_text="The certificate this course awards on completion.",
    )
    prerequisite_credential_types = ParentalManyToManyField(
        "certificates.CredentialType", blank=True, related_name="required_by_courses"
    )
    prerequisite_courses = ParentalManyToManyField(
        "courses.CoursePage", blank=True, symmetrical=False, related_name="unlocks_courses"
    )
    sequential = models.BooleanField(
        default=False, help_text="Modules unlock in order: finish one to open the next."
    )
    learning_objectives = models.TextField(
        blank=True,
        help_text="One per line, each something a learner can do afterwards (e.g. 'Name three "
        "warning signs of suicide'). Printed on CE certificates: boards and NAADAC ask for them.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("track")]),
                FieldPanel("summary"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("delivery"), FieldPanel("estimated_hours")]),
                FieldPanel("sequential"),
            ],
            heading="About the course",
        ),
        MultiFieldPanel(
            [
                FieldPanel("required_contact_hours"),
                FieldRowPanel([FieldPanel("ce_hours"), FieldPanel("ce_category")]),
                FieldPanel("credential_type"),
            ],
            heading="Hours and certificate",
        ),
        MultiFieldPanel(
            [
                FieldPanel("learning_objectives"),
                InlinePanel("presenters", label="Presenters"),
                InlinePanel("ce_approvals", label="CE approvals"),
                InlinePanel(
                    "ce_hours_split",
                    label="Hours in other CE categories",
                    help_text="Part of the CE hours that counts toward another category (e.g. 2 "
                    "of 6 hours on suicide prevention); the rest counts toward the CE category "
                    "above.",
                ),
            ],
            heading="What the CE certificate tells a board",
        ),
        MultiFieldPanel(
            [
                FieldPanel("prerequisite_credential_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisite_courses", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Prerequisites",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("code"),
        index.FilterField("delivery"),
    ]

    base_form_class = CoursePageForm
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    def clean(self):
        super().clean()
        clash = CoursePage.objects.filter(code__iexact=self.code).exclude(pk=self.pk)
        if self.code and clash.exists():
            raise ValidationError({"code": "Another course already uses this code."})

    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]

    def ce_hours_by_category(self) -> list[tuple[object, Decimal]]:
        """The course's CE hours split by category: each split row, then what is left in the
        course's CE category (None: no category). Empty when the course awards no CE."""
        split = self.ce_hours_split.select_related("category")
        portions = [(row.category, row.hours) for row in split]
        rest = self.ce_hours - sum((hours for _, hours in portions), Decimal("0"))
        if rest > 0:
            portions.append((self.ce_category, rest))
        return [(category, hours) for category, hours in portions if hours > 0]


class CoursePresenter(Orderable):
    """Who presents a course, with the credentials boards ask to see on a CE certificate."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="presenters")
    name = models.CharField(max_length=200)
    credentials = models.CharField(
        max_length=200,
        blank=True,
        help_text="Degrees, licences and certifications, e.g. 'MSW, LAC, CPRS'.",
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")])]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class CourseCEApproval(Orderable):
    """One body's approval of the course for CE, with the numbers it asks providers to print
    (NAADAC: the provider number on every certificate)."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="ce_approvals")
    body = models.CharField(
        "approving body", max_length=200, help_text="e.g. NAADAC, or a state board."
    )
    provider_number = models.CharField(max_length=100, blank=True)
    approval_number = models.CharField(max_length=100, blank=True)

    panels = [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("provider_number"), FieldPanel("approval_number")]),
    ]

    def __str__(self):
        return approval_text(self.body, self.provider_number, self.approval_number)

    def clean(self):
        super().clean()
        if not (self.provider_number.strip() or self.approval_number.strip()):
            raise ValidationError("Give the provider number, the approval number or both.")


class CourseCEHours(Orderable):
    """CE hours of the course that count toward a category other than the course's own."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="ce_hours_split")
    category = models.ForeignKey(
        "certificates.CECategory", on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("200"))],
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("hours")])]

    def __str__(self):
        return f"{self.hours} h of {self.category}"


class ModulePage(CachedViewRestrictionsMixin, Page):
    summary = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    def serve(self, request, *args, **kwargs):
        # A module is a heading in its course, not a page of its own.
        return redirect(self.get_parent().url)


class LessonPage(ServedByView, CachedViewRestrictionsMixin, Page):
    estimated_minutes = models.PositiveSmallIntegerField(
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Study time; counts toward the course's contact hours once completed.",
    )
    body = StreamField(LessonBodyBlock(), use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", "Highest attempt"
    LAST = "last", "Last attempt"


class ReviewState(models.TextChoices):
    """Which review options apply to a learner's result, from where they stand in the quiz."""

    RETRY = "retry", "Not passed, another attempt allowed"
    PASSED = "passed", "Passed"
    FINAL = "final", "Not passed, no attempts left"


@dataclass(frozen=True)
class ReviewOptions:
    """What a learner sees after an attempt, question by question."""

    correctness: bool  # whether each answer was right
    feedback: bool  # the feedback on the choice they picked, and a trainer's marking comment
    right_answers: bool  # the correct choices, each question's explanation, the marking guide

    @property
    def any(self) -> bool:
        return self.correctness or self.feedback or self.right_answers


class QuizPageForm(WagtailAdminPageForm):
    """Checks each question's choices fit its kind before a quiz can be saved."""

    def clean(self):
        cleaned = super().clean()
        for question_form in self.formsets["questions"].forms:
            if not question_form.is_valid() or question_form.cleaned_data.get("DELETE"):
                continue
            kind = question_form.cleaned_data.get("kind")
            choice_formset = question_form.formsets["choices"]
            choices = [
                choice.cleaned_data
                for choice in choice_formset.forms
                if choice.is_valid()
                and choice.cleaned_data
                and not choice_formset._should_delete_form(choice)  # deleted, or left blank
            ]
            problem = Question.choices_problem(
                kind, [bool(choice.get("is_correct")) for choice in choices]
            )
            if problem:
                question_form.add_error(None, problem)
                self.add_error(None, "Some questions need their choices fixed (see below).")
        return cleaned


def _review_field(label: str, help_text: str, *, default: bool) -> models.BooleanField:
    return models.BooleanField(label, default=default, help_text=help_text)


REVIEW_CORRECTNESS_HELP = "Marks each answer right or not yet."
REVIEW_FEEDBACK_HELP = (
    "Shows the feedback written for the choice the learner picked, and a trainer's comment "
    "on a written reflection."
)
REVIEW_ANSWERS_HELP = (
    "Shows the correct choices, each question's explanation and the reflection marking guide."
)


class QuizPage(ServedByView, CachedViewRestrictionsMixin, Page):
    intro = RichTextField(blank=True, features=SIMPLE_RICH_TEXT)
    pass_mark_percent = models.PositiveSmallIntegerField(
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="The grade needed to pass, in percent.",
    )
    max_attempts = models.PositiveSmallIntegerField(
        "attempts allowed",
        default=0,
        help_text="How many attempts a learner may make; 0 means unlimited. Passing ends the "
        "quiz for that learner.",
        validators=[MaxValueValidator(50)],
    )
    attempt_delay_minutes = models.PositiveIntegerField(
        "time between attempts (minutes)",
        default=0,
        validators=[MaxValueValidator(10080)],
        help_text="How long a learner waits after an attempt before the next one opens; "
        "0 means no wait. Up to 10080 (one week). A pause to review the lessons often helps "
        "more than an immediate retry.",
    )
    grading_method = models.CharField(
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
        help_text="Which attempt gives the learner's grade for the quiz. Passing any attempt "
        "passes the quiz (no attempts follow a pass), so this changes the grade shown while the "
        "quiz is not passed yet.",
    )
    shuffle_questions = models.BooleanField(default=True)
    shuffle_choices = models.BooleanField(default=True)
    pool_size = models.PositiveSmallIntegerField(
        default=0,
        help_text="Draw this many questions for each attempt; 0 uses every question.",
        validators=[MaxValueValidator(200)],
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="0 means no time limit.", validators=[MaxValueValidator(600)]
    )
    # Review options, as Moodle has them: what a learner sees after an attempt, in each of the
    # three places a learner can stand. The defaults never give the right answers away while
    # another attempt is allowed.
    review_retry_correctness = _review_field(
        "whether each answer was right", REVIEW_CORRECTNESS_HELP, default=True
    )
    review_retry_feedback = _review_field("feedback", REVIEW_FEEDBACK_HELP, default=True)
    review_retry_right_answers = _review_field(
        "the right answers", REVIEW_ANSWERS_HELP, default=False
    )
    review_passed_correctness = _review_field(
        "whether each answer was right", REVIEW_CORRECTNESS_HELP, default=True
    )
    review_passed_feedback = _review_field("feedback", REVIEW_FEEDBACK_HELP, default=True)
    review_passed_right_answers = _review_field(
        "the right answers", REVIEW_ANSWERS_HELP, default=True
    )
    review_final_correctness = _review_field(
        "whether each answer was right", REVIEW_CORRECTNESS_HELP, default=True
    )
    review_final_feedback = _review_field("feedback", REVIEW_FEEDBACK_HELP, default=True)
    review_final_right_answers = _review_field(
        "the right answers", REVIEW_ANSWERS_HELP, default=True
    )

    base_form_class = QuizPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark_percent"), FieldPanel("grading_method")]),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("attempt_delay_minutes")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldRowPanel([FieldPanel("pool_size"), FieldPanel("time_limit_minutes")]),
            ],
            heading="Rules",
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_retry_correctness"),
                FieldPanel("review_retry_feedback"),
                FieldPanel("review_retry_right_answers"),
            ],
            heading="Review after a failed attempt that can be retried",
            help_text="What a learner sees while another attempt is allowed. Showing the right "
            "answers here lets the next attempt be answered from memory rather than learning.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_passed_correctness"),
                FieldPanel("review_passed_feedback"),
                FieldPanel("review_passed_right_answers"),
            ],
            heading="Review after a pass",
            help_text="What a learner sees once they have passed.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_final_correctness"),
                FieldPanel("review_final_feedback"),
                FieldPanel("review_final_right_answers"),
            ],
            heading="Review after the last allowed attempt",
            help_text="What a learner sees when they have not passed and no attempts are left.",
        ),
        InlinePanel("questions", label="Questions", min_num=1),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    def review_options(self, state: str) -> ReviewOptions:
        return ReviewOptions(
            correctness=getattr(self, f"review_{state}_correctness"),
            feedback=getattr(self, f"review_{state}_feedback"),
            right_answers=getattr(self, f"review_{state}_right_answers"),
        )


class BlankChoicesFormSet(BaseChildFormSet):
    """A new question starts with two blank choices to fill in, as before reflections; none is
    required, since a reflection has none (blank ones are ignored). `QuizPageForm` checks
    each question's choices fit its kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = 0 if self.initial_form_count() else 2

    def _should_delete_form(self, form):
        if super()._should_delete_form(form):
            return True
        # A new choice left blank (the admin's script numbers its order, so it never looks
        # unchanged) is dropped rather than refused.
        return (
            form.instance.pk is None
            and not (form["text"].value() or "").strip()
            and not form["is_correct"].value()
        )


class ChoicesInlinePanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = BlankChoicesFormSet
        return options


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple select"
    TRUE_FALSE = "true_false", "True or false"
    REFLECTION = "reflection", "Scenario with a written reflection (a trainer marks it)"

    @classmethod
    def with_choices(cls) -> set[str]:
        return {cls.SINGLE, cls.MULTIPLE, cls.TRUE_FALSE}


class Question(Orderable, ClusterableModel):
    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")
    prompt = models.TextField()
    kind = models.CharField(
        max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    explanation = models.TextField(
        blank=True,
        help_text="Why the right answer is right. Shown after an attempt when the review "
        "options allow the right answers.",
    )
    marking_guide = models.TextField(
        blank=True,
        help_text="Reflection questions only: what a reflection that meets the standard "
        "covers. Trainers see it when marking; learners see it when the review options allow "
        "the right answers.",
    )

    panels = [
        FieldPanel(
            "prompt",
            help_text="For a reflection, describe the scenario and what to reflect on.",
        ),
        FieldPanel("kind"),
        FieldPanel("explanation"),
        FieldPanel("marking_guide"),
        ChoicesInlinePanel(
            "choices",
            label="Choices",
            help_text="Two or more for choice questions; none for a reflection.",
        ),
    ]

    def __str__(self):
        return self.prompt[:80]

    @staticmethod
    def choices_problem(kind: str, correct_flags: list[bool]) -> str | None:
        """Why these choices don't fit the question kind, or None when they do."""
        correct = sum(correct_flags)
        if kind == QuestionKind.REFLECTION:
            if correct_flags:
                return "A reflection question has no choices: the learner writes an answer."
            return None
        if len(correct_flags) < 2:
            return "A question needs at least two choices."
        if kind == QuestionKind.TRUE_FALSE and (len(correct_flags) != 2 or correct != 1):
            return "A true-or-false question has exactly two choices, one of them correct."
        if kind == QuestionKind.SINGLE and correct != 1:
            return "A single-choice question has exactly one correct choice."
        if kind == QuestionKind.MULTIPLE and correct < 1:
            return "A multiple-select question has at least one correct choice."
        return None


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField(default=False)
    feedback = models.CharField(max_length=500, blank=True)

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    def __str__(self):
        return self.text[:80]
