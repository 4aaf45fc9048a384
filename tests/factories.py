"""factory_boy factories shared by the whole suite."""

import time
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from certificates.models import CECategoryRule, CERuleVersion
from lms.people.models import User

TEST_PASSWORD = "a-long-test-password-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    preferred_name = factory.Faker("first_name")
    certificate_name = factory.LazyAttribute(lambda o: f"{o.preferred_name} Example")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(role) for role in extracted]))


# Courses ------------------------------------------------------------------------------


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Track"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")


def catalogue():
    from courses.models import CourseIndexPage

    return CourseIndexPage.objects.get()


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


_course_numbers = iter(range(1, 1_000_000))


def make_course(
    *,
    modules: int = 2,
    lessons_per_module: int = 2,
    quiz: bool = True,
    questions: int = 2,
    lesson_minutes: int = 30,
    required_contact_hours: Decimal | int | None = None,
    sequential: bool = False,
    credential_type=None,
    ce_hours: Decimal | int = 0,
    ce_category=None,
    track=None,
    title: str | None = None,
    quiz_options: dict | None = None,
):
    """A live course with modules, lessons and (optionally) a quiz per module.

    Each quiz question has two choices; the first is right ("Right"), the second wrong.
    Required contact hours default to the lessons' total minutes (online only).
    """
    from courses.models import Choice, CoursePage, LessonPage, ModulePage, Question, QuizPage

    number = next(_course_numbers)
    if required_contact_hours is None:
        required_contact_hours = Decimal(modules * lessons_per_module * lesson_minutes) / 60
    course = _add(
        catalogue(),
        CoursePage(
            title=title or f"Course {number}",
            slug=f"course-{number}",
            code=f"C-{number}",
            track=track or TrackFactory(),
            summary="A course for tests.",
            required_contact_hours=Decimal(required_contact_hours),
            sequential=sequential,
            credential_type=credential_type,
            ce_hours=Decimal(ce_hours),
            ce_category=ce_category,
        ),
    )
    for m in range(1, modules + 1):
        module = _add(course, ModulePage(title=f"Module {m}", slug=f"module-{m}"))
        for lesson_number in range(1, lessons_per_module + 1):
            _add(
                module,
                LessonPage(
                    title=f"Lesson {m}.{lesson_number}",
                    slug=f"lesson-{lesson_number}",
                    estimated_minutes=lesson_minutes,
                    body=[("paragraph", "<p>Peer support is mutual.</p>")],
                ),
            )
        if quiz:
            quiz_page = QuizPage(
                title=f"Quiz {m}", slug="quiz", pass_mark_percent=50, **(quiz_options or {})
            )
            for q in range(questions):
                question = Question(prompt=f"Question {q + 1}?", kind="single")
                question.choices = [
                    Choice(text="Right", is_correct=True, feedback="Yes."),
                    Choice(text="Wrong", is_correct=False, feedback="Not quite."),
                ]
                quiz_page.questions.add(question)
            _add(module, quiz_page)
    return CoursePage.objects.get(pk=course.pk)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Enrolment"

    learner = factory.SubFactory(UserFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Session"

    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=5))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4))
    location = "Community room"
    trainer = factory.SubFactory(UserFactory)
    capacity = 10


# Certificates -------------------------------------------------------------------------


class CECategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "certificates.CECategory"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class CredentialTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "certificates.CredentialType"

    name = factory.Sequence(lambda n: f"Credential type {n}")
    code = factory.Sequence(lambda n: f"type-{n}")
    issuer = "The hub"
    kind = "hub_course"
    validity_rule = "none"
    reminder_offsets = factory.LazyFunction(lambda: [90, 30, 7])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The CE settings a type had before they became rule versions (certificates 0007):
        # given here, they make the type's one CE rule version, so tests read as before.
        rule = {CE_FIELDS[name]: kwargs.pop(name) for name in list(kwargs) if name in CE_FIELDS}
        credential_type = super()._create(model_class, *args, **kwargs)
        if rule:
            ce_rule_of(credential_type, **rule)
        return credential_type


CE_FIELDS = {
    "ce_hours_required": "hours_per_cycle",
    "ce_first_cycle": "first_cycle",
    "ce_first_cycle_cutoff_month": "first_cycle_cutoff_month",
    "ce_first_cycle_cutoff_day": "first_cycle_cutoff_day",
    "ce_carry_forward_max_hours": "carry_forward_max_hours",
}
# The day tests' single CE rule version takes effect: before any cycle a test builds.
TEST_RULE_DAY = date(2000, 1, 1)


def ce_rule_of(credential_type, *, effective_from=TEST_RULE_DAY, **fields):
    """The type's CE rule version from `effective_from`, created or updated with `fields`."""
    defaults = {"source_title": f"Test rule from {effective_from}", **fields}
    rule, _ = CERuleVersion.objects.update_or_create(
        credential_type=credential_type, effective_from=effective_from, defaults=defaults
    )
    return rule


def ce_category_rule(
    credential_type,
    category,
    *,
    effective_from=TEST_RULE_DAY,
    min_hours=None,
    max_hours=None,
    every_cycles=1,
):
    """A category minimum and/or maximum in the type's rule version from `effective_from`."""
    rule = CERuleVersion.objects.filter(
        credential_type=credential_type, effective_from=effective_from
    ).first() or ce_rule_of(credential_type, effective_from=effective_from)
    return CECategoryRule.objects.create(
        rule=rule,
        category=category,
        min_hours=min_hours,
        max_hours=max_hours,
        every_cycles=every_cycles,
    )


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "certificates.Credential"

    holder = factory.SubFactory(UserFactory)
    credential_type = factory.SubFactory(CredentialTypeFactory)
    source = "manual"
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    holder_name = factory.LazyAttribute(lambda o: o.holder.certificate_name)
    title = factory.LazyAttribute(lambda o: o.credential_type.name)
    provider = "One Health Peer Training Hub"


# Two-factor ---------------------------------------------------------------------------------


def confirmed_authenticator(user) -> TOTPDevice:
    """The user's authenticator app, as if they had set it up."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def authenticator_code(device: TOTPDevice) -> str:
    """The code the person's app shows now, or the next step's when the current one has been
    used (django-otp refuses a code twice but accepts one step of clock drift)."""
    device.refresh_from_db()
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    clock.time = time.time()
    if clock.t() <= device.last_t:
        clock.time += (device.last_t + 1 - clock.t()) * device.step
    return str(clock.token()).zfill(device.digits)


def course_trainer(course, *, roles=None):
    """A trainer who may edit `course` in the Wagtail admin (their group is on its track)."""
    from courses.services.authoring import track_permissions_sync
    from lms.people.roles import Role

    group, _ = Group.objects.get_or_create(name=f"{course.track.name} trainers")
    course.track.trainer_groups.add(group)
    track_permissions_sync(track=course.track)
    user = UserFactory(roles=roles or [Role.TRAINER])
    user.groups.add(group)
    return user
