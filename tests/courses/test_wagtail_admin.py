"""Authoring in the Wagtail admin: per-track page rights and the lead-trainer approval workflow.

Posts the admin's own page forms the way Wagtail's tests do (wagtail.test.utils.form_data).
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import CoursePage, HomePage, LessonPage, ModulePage, Question, QuizPage
from courses.selectors import enrolment_for, enrolment_progress
from courses.services.authoring import WORKFLOW_NAME, authoring_setup, track_permissions_sync
from lms.people.roles import Role
from tests.clients import SignedInClient
from tests.courses.helpers import enrol
from tests.factories import TrackFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db


def add_url(model, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("courses", model._meta.model_name, parent.pk))


def page_form(fields: dict, *, action: str = "submit") -> dict:
    """The admin page form's data: the fields, an empty comments formset and the button."""
    return nested_form_data(
        {**fields, "comments": inline_formset([]), f"action-{action}": action.title()}
    )


def module_form(title: str, slug: str, **kwargs) -> dict:
    return page_form({"title": title, "slug": slug, "summary": ""}, **kwargs)


def lesson_form(title: str, slug: str, **kwargs) -> dict:
    return page_form(
        {
            "title": title,
            "slug": slug,
            "estimated_minutes": "20",
            "body": streamfield([("paragraph", rich_text("<p>Boundaries keep peers safe.</p>"))]),
        },
        **kwargs,
    )


# The review options' defaults as the admin form posts them (a checked box sends "on").
REVIEW_DEFAULTS = {
    "review_retry_correctness": "on",
    "review_retry_feedback": "on",
    "review_passed_correctness": "on",
    "review_passed_feedback": "on",
    "review_passed_right_answers": "on",
    "review_final_correctness": "on",
    "review_final_feedback": "on",
    "review_final_right_answers": "on",
}


def quiz_form(questions, **kwargs) -> dict:
    """`questions` is a list of (kind, [is_correct, ...])."""
    return page_form(
        {
            "title": "Check your understanding",
            "slug": "check",
            "intro": rich_text(""),
            "pass_mark_percent": "75",
            "max_attempts": "0",
            "shuffle_questions": "on",
            "shuffle_choices": "on",
            "pool_size": "0",
            "time_limit_minutes": "0",
            "attempt_delay_minutes": "0",
            "grading_method": "highest",
            **REVIEW_DEFAULTS,
            **kwargs.pop("rules", {}),
            "questions": inline_formset(
                [
                    {
                        "prompt": f"Question {n}?",
                        "kind": kind,
                        "explanation": "",
                        "marking_guide": "",
                        "choices": inline_formset(
                            [
                                {"text": f"Choice {i}", "is_correct": "on" if right else ""}
                                for i, right in enumerate(flags)
                            ],
                        ),
                    }
                    for n, (kind, flags) in enumerate(questions)
                ],
                min=1,
            ),
        },
        **kwargs,
    )


@pytest.fixture
def doula_track(db):
    """A track whose trainer group is "Doula trainers"."""
    group = Group.objects.create(name="Doula trainers")
    track = TrackFactory(name="Recovery Doula")
    track.trainer_groups.add(group)
    return track


@pytest.fixture
def doula_trainer(doula_track):
    user = UserFactory(roles=[Role.TRAINER])
    user.groups.add(doula_track.trainer_groups.get())
    return user


@pytest.fixture
def doula_course(doula_track):
    course = make_course(modules=1, lessons_per_module=1, quiz=False, track=doula_track)
    # make_course bypasses the admin, so grant the track's rights as its hooks would.
    track_permissions_sync(track=doula_track)
    return course


@pytest.fixture
def other_course(db):
    return make_course(modules=1, lessons_per_module=0, quiz=False, title="Narcan trainer")


def in_moderation(page) -> bool:
    return Page.objects.get(pk=page.pk).workflow_in_progress


# The workflow -------------------------------------------------------------------------------


def test_the_lead_trainer_workflow_covers_the_whole_site(doula_course):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)

    assert WorkflowPage.objects.get(page=HomePage.objects.get()).workflow == workflow
    assert doula_course.get_workflow() == workflow  # inherited from the home page
    assert list(task.groups.values_list("name", flat=True)) == [Role.LEAD_TRAINER]
    assert workflow.active


def test_authoring_setup_can_run_again(doula_course):
    authoring_setup()
    authoring_setup()

    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert GroupApprovalTask.objects.filter(name="Lead trainer review").count() == 1
    assert WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).count() == 1


# A track's trainers --------------------------------------------------------------------------


def test_a_track_trainer_submits_a_module_and_lesson_for_approval(
    client, doula_trainer, doula_course
):
    client.force_login(doula_trainer)
    assert client.get(add_url(ModulePage, doula_course)).status_code == 200

    response = client.post(add_url(ModulePage, doula_course), module_form("Postpartum", "pp"))

    assert response.status_code == 302
    module = ModulePage.objects.child_of(doula_course).get(slug="pp")
    assert not module.live
    assert in_moderation(module)

    response = client.post(add_url(LessonPage, module), lesson_form("Overdose risk", "risk"))

    assert response.status_code == 302
    lesson = LessonPage.objects.child_of(module).get()
    assert (lesson.title, lesson.estimated_minutes) == ("Overdose risk", 20)
    assert not lesson.live
    assert in_moderation(lesson)
    assert not lesson.permissions_for_user(doula_trainer).can_publish()


def test_a_track_trainer_cannot_publish(client, doula_trainer, doula_course):
    client.force_login(doula_trainer)

    client.post(add_url(ModulePage, doula_course), module_form("Draft", "draft", action="publish"))

    module = ModulePage.objects.child_of(doula_course).get(slug="draft")
    assert not module.live  # saved as a draft: publishing needs a lead trainer
    assert module.first_published_at is None
    edit = reverse("wagtailadmin_pages:edit", args=[module.pk])
    client.post(edit, module_form("Draft", "draft", action="publish"))
    module.refresh_from_db()
    assert not module.live


def test_a_track_trainer_cannot_approve_their_own_submission(client, doula_trainer, doula_course):
    client.force_login(doula_trainer)
    client.post(add_url(ModulePage, doula_course), module_form("Postpartum", "pp"))
    module = ModulePage.objects.child_of(doula_course).get(slug="pp")

    response = client.post(approve_url(module), {"comment": ""})

    assert response.status_code in (302, 403)
    module.refresh_from_db()
    assert not module.live
    assert in_moderation(module)


def test_a_track_trainer_cannot_add_to_another_tracks_course(
    client, doula_trainer, doula_course, other_course
):
    client.force_login(doula_trainer)
    module = ModulePage.objects.child_of(other_course).get()
    pages_before = Page.objects.count()

    for url, form in (
        (add_url(ModulePage, other_course), module_form("Sneaky", "sneaky")),
        (add_url(LessonPage, module), lesson_form("Sneaky", "sneaky")),
    ):
        assert client.get(url).status_code in (302, 403)
        response = client.post(url, form)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")

    assert Page.objects.count() == pages_before


def test_a_trainer_outside_the_track_group_cannot_add(client, trainer, doula_course):
    client.force_login(trainer)  # a trainer, but not in the Doula trainers group

    response = client.post(add_url(ModulePage, doula_course), module_form("Sneaky", "sneaky"))

    assert response.status_code in (302, 403)
    assert not ModulePage.objects.filter(slug="sneaky").exists()


def test_a_peer_cannot_reach_the_page_editor(client, peer, doula_course):
    client.force_login(peer)

    response = client.get(add_url(ModulePage, doula_course))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_saving_a_track_in_the_snippet_admin_grants_its_groups_the_courses(
    client, administrator, doula_track
):
    course = make_course(modules=1, lessons_per_module=0, quiz=False, track=doula_track)
    group = doula_track.trainer_groups.get()
    member = UserFactory(roles=[Role.TRAINER])
    member.groups.add(group)
    assert not course.permissions_for_user(member).can_add_subpage()
    client.force_login(administrator)

    response = client.post(
        reverse("wagtailsnippets_courses_track:edit", args=[doula_track.pk]),
        {
            "name": doula_track.name,
            "slug": doula_track.slug,
            "description": "",
            "sort_order": "0",
            "trainer_groups": [group.pk],
        },
    )

    assert response.status_code == 302
    member = type(member).objects.get(pk=member.pk)  # Wagtail caches page rights per user object
    assert course.permissions_for_user(member).can_add_subpage()


# Approval ------------------------------------------------------------------------------------


def approve_url(page) -> str:
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def client_for(user) -> SignedInClient:
    """One browser per person, so one's flash messages never show on another's page."""
    client = SignedInClient()
    client.force_login(user)
    return client


def test_a_lead_trainer_approves_and_peers_then_see_the_lesson(
    doula_trainer, lead_trainer, peer, doula_course
):
    author, lead, learner = map(client_for, (doula_trainer, lead_trainer, peer))
    author.post(add_url(ModulePage, doula_course), module_form("Postpartum", "pp"))
    module = ModulePage.objects.child_of(doula_course).get(slug="pp")
    author.post(add_url(LessonPage, module), lesson_form("Overdose risk", "risk"))
    lesson = LessonPage.objects.child_of(module).get()
    enrol(peer, doula_course)
    assert "Overdose risk" not in learner.get(doula_course.url).content.decode()
    assert learner.get(f"{doula_course.url}pp/risk/").status_code == 404

    for page in (module, lesson):
        assert lead.post(approve_url(page), {"comment": "Looks good."}).status_code == 302
        page.refresh_from_db()
        assert page.live
        assert not in_moderation(page)

    outline = learner.get(doula_course.url).content.decode()
    assert "Postpartum" in outline
    assert f'href="{lesson.url}"' in outline
    assert lesson.url in [step.url for step in _steps(peer, doula_course)]
    response = learner.get(lesson.url)
    assert response.status_code == 200
    assert "Boundaries keep peers safe." in response.content.decode()


def test_a_lead_trainer_can_publish_directly(client, lead_trainer, doula_course):
    client.force_login(lead_trainer)

    response = client.post(
        add_url(ModulePage, doula_course), module_form("Self-care", "self-care", action="publish")
    )

    assert response.status_code == 302
    assert ModulePage.objects.child_of(doula_course).get(slug="self-care").live


def _steps(peer, course):
    progress = enrolment_progress(enrolment_for(user=peer, course=course))
    return [step for module in progress.modules for step in module.steps]


# The quiz form ----------------------------------------------------------------------------------


def test_the_quiz_form_refuses_a_single_choice_question_with_two_right_answers(
    client, doula_trainer, doula_course
):
    module = ModulePage.objects.child_of(doula_course).get()
    client.force_login(doula_trainer)

    response = client.post(
        add_url(QuizPage, module), quiz_form([("single", [True, True]), ("single", [True, False])])
    )

    assert response.status_code == 200  # the form again, with the problem explained
    content = response.content.decode()
    assert "A single-choice question has exactly one correct choice." in content
    assert not QuizPage.objects.exists()


def test_the_quiz_form_accepts_well_formed_questions(client, doula_trainer, doula_course):
    module = ModulePage.objects.child_of(doula_course).get()
    client.force_login(doula_trainer)

    response = client.post(
        add_url(QuizPage, module),
        quiz_form([("single", [True, False]), ("multiple", [True, True, False])]),
    )

    assert response.status_code == 302
    quiz = QuizPage.objects.get()
    assert [q.kind for q in quiz.questions.order_by("sort_order")] == ["single", "multiple"]
    assert in_moderation(quiz)


@pytest.mark.parametrize(
    ("kind", "flags", "problem"),
    [
        ("single", [True, True], "exactly one correct"),
        ("single", [False, False], "exactly one correct"),
        ("single", [True], "at least two choices"),
        ("true_false", [True, False, False], "exactly two choices"),
        ("true_false", [True, True], "exactly two choices"),
        ("multiple", [False, False, False], "at least one correct"),
        ("single", [True, False, False], None),
        ("true_false", [False, True], None),
        ("multiple", [True, True, True], None),
    ],
)
def test_choices_problem(kind, flags, problem):
    found = Question.choices_problem(kind, flags)

    if problem is None:
        assert found is None
    else:
        assert problem in found


# Quiz settings and reflection questions (issue 14) --------------------------------------------


def test_the_quiz_form_shows_the_rules_and_review_options_with_help(
    client, doula_trainer, doula_course
):
    module = ModulePage.objects.child_of(doula_course).get()
    client.force_login(doula_trainer)

    content = client.get(add_url(QuizPage, module)).content.decode()

    for text in (
        "Attempts allowed",
        "Time between attempts (minutes)",
        "Grading method",
        "Review after a failed attempt that can be retried",
        "Review after a pass",
        "Review after the last allowed attempt",
        "Shows the correct choices, each question",  # the help text of "the right answers"
        "Which attempt gives the learner",  # the help text of the grading method
        "Scenario with a written reflection (a trainer marks it)",
        "Marking guide",
    ):
        assert text in content, text


def test_the_quiz_form_saves_the_rules_and_review_options(client, doula_trainer, doula_course):
    module = ModulePage.objects.child_of(doula_course).get()
    client.force_login(doula_trainer)
    rules = {
        "max_attempts": "3",
        "attempt_delay_minutes": "60",
        "grading_method": "last",
        "review_retry_feedback": "",  # unchecked
        "review_retry_right_answers": "on",
    }

    response = client.post(
        add_url(QuizPage, module), quiz_form([("single", [True, False])], rules=rules)
    )

    assert response.status_code == 302
    quiz = QuizPage.objects.get()
    assert (quiz.max_attempts, quiz.attempt_delay_minutes, quiz.grading_method) == (3, 60, "last")
    options = quiz.review_options("retry")
    assert (options.correctness, options.feedback, options.right_answers) == (True, False, True)


def test_a_new_quiz_holds_the_right_answers_back_while_retries_remain():
    quiz = QuizPage(title="Defaults")

    retry, passed, final = (quiz.review_options(state) for state in ("retry", "passed", "final"))

    assert (retry.correctness, retry.feedback, retry.right_answers) == (True, True, False)
    assert passed.right_answers and final.right_answers


def test_the_quiz_form_accepts_a_reflection_without_choices(client, doula_trainer, doula_course):
    module = ModulePage.objects.child_of(doula_course).get()
    client.force_login(doula_trainer)

    response = client.post(
        add_url(QuizPage, module), quiz_form([("reflection", []), ("single", [True, False])])
    )

    assert response.status_code == 302
    kinds = [q.kind for q in QuizPage.objects.get().questions.order_by("sort_order")]
    assert kinds == ["reflection", "single"]


@pytest.mark.parametrize(
    ("kind", "flags", "problem"),
    [
        ("reflection", [True, False], "A reflection question has no choices"),
        ("single", [], "at least two choices"),
    ],
)
def test_the_quiz_form_refuses_choices_that_do_not_fit_the_kind(
    client, doula_trainer, doula_course, kind, flags, problem
):
    module = ModulePage.objects.child_of(doula_course).get()
    client.force_login(doula_trainer)

    response = client.post(add_url(QuizPage, module), quiz_form([(kind, flags)]))

    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not QuizPage.objects.exists()


@pytest.mark.parametrize("action", ["submit", "draft"])  # a draft defers required fields
def test_a_new_question_starts_with_two_blank_choices_that_a_reflection_leaves_blank(
    client, doula_trainer, doula_course, action
):
    module = ModulePage.objects.child_of(doula_course).get()
    client.force_login(doula_trainer)

    content = client.get(add_url(QuizPage, module)).content.decode()
    assert 'id="id_questions-0-choices-1-text"' in content
    assert 'id="id_questions-0-choices-2-text"' not in content

    blank = [{"text": "", "is_correct": ""}, {"text": "", "is_correct": ""}]
    data = quiz_form([("reflection", [])], action=action)
    data.update(nested_form_data({"questions-0-choices": inline_formset(blank)}))
    response = client.post(add_url(QuizPage, module), data)

    assert response.status_code == 302
    assert not QuizPage.objects.get().questions.get().choices.exists()


def course_form(course, *, ce_hours: str, split: list[tuple[int, str]], **kwargs) -> dict:
    return page_form(
        {
            "title": course.title,
            "slug": course.slug,
            "code": course.code,
            "track": course.track_id,
            "summary": course.summary,
            "delivery": course.delivery,
            "estimated_hours": "1",
            "required_contact_hours": str(course.required_contact_hours),
            "ce_hours": ce_hours,
            "ce_category": course.ce_category_id or "",
            "learning_objectives": "Name three boundaries",
            "presenters": inline_formset([{"name": "Rosa Two Bulls", "credentials": "LAC"}]),
            "ce_approvals": inline_formset([{"body": "NAADAC", "provider_number": "123456"}]),
            "ce_hours_split": inline_formset(
                [{"category": category, "hours": hours} for category, hours in split]
            ),
        },
        **kwargs,
    )


def test_the_course_form_refuses_ce_hours_split_beyond_the_course_and_a_category_twice(
    client, lead_trainer
):
    from certificates.models import CECategory

    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    suicide = CECategory.objects.get(slug="suicide-prevention").pk
    client.force_login(lead_trainer)
    edit = reverse("wagtailadmin_pages:edit", args=[course.pk])

    too_many = client.post(edit, course_form(course, ce_hours="2", split=[(suicide, "3")]))
    assert too_many.status_code == 200
    assert "add up to 3, more than the course&#x27;s 2 CE hours" in too_many.content.decode()
    twice = client.post(
        edit, course_form(course, ce_hours="6", split=[(suicide, "1"), (suicide, "1")])
    )
    assert "Name each CE category once" in twice.content.decode()

    saved = client.post(
        edit, course_form(course, ce_hours="6", split=[(suicide, "2")], action="publish")
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    course = CoursePage.objects.get(pk=course.pk)
    assert [(c.slug if c else None, h) for c, h in course.ce_hours_by_category()] == [
        ("suicide-prevention", 2),
        (None, 4),
    ]
    assert [str(p) for p in course.presenters.all()] == ["Rosa Two Bulls, LAC"]
