"""Seed a large, realistic hub into the benchmark database, in a minute or two on 2 cores.

5,000 peers, 200 supervisors, 20 trainers, one HR user and one administrator; 8 tracks and
60 courses (600 modules, 3,000 lessons, 600 quizzes) as real, live Wagtail pages; 30,000
enrolments with 150,000 completed lessons and 40,000 submitted quiz attempts; 500 sessions
with sign-ups and attendance; 25,000 credentials; 30,000 CE records; a supervisor for every
peer with the matching django-guardian permissions; the demo positions.

    .venv/bin/python bench/seed_scale.py           # seed; if already seeded, print the counts
    .venv/bin/python bench/seed_scale.py --reset   # drop and recreate the database first

The whole seed is one transaction (each step a savepoint), so a failed run leaves nothing
behind and the next run starts clean. Data comes from random.Random(2026), dated relative to
today. Every password is "scale-pass-2026".

Consistency, so the app's own screens and jobs agree with the data:
- a completed enrolment has every lesson done, every quiz passed and its contact hours met
  (blended courses: 4 hours at a past session of the course), completed_at after all of it,
  and the course's certificate linked (plus a hub-course CE record when the course gives CE);
- an active enrolment has done its first lessons in order; in a sequential course it never
  goes past a module whose quiz it has not passed;
- a quiz attempt's question and choice orders are what courses.services.quizzes._draw gives
  for its seed, and its answers, results, score and pass agree with the real choices;
- credential statuses are what flag_renewals would set today (it changes none of them; it
  would only add the renewal reminders, which are not seeded), and no holder has two current
  credentials of one type.
"""

import argparse
import random
import sys
import time
import uuid
import warnings
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_DB, setup_django, table, write_result

PASSWORD = "scale-pass-2026"  # noqa: S105 - a benchmark fixture, documented
MARKER_EMAIL = "scale-admin@example.org"
BATCH = 5000
PEERS, SUPERVISORS, TRAINERS = 5000, 200, 20
PEERS_PER_SUPERVISOR = PEERS // SUPERVISORS
COURSES_PER_PEER = 6
MODULES_PER_COURSE, LESSONS_PER_MODULE = 10, 5
QUESTIONS_PER_QUIZ, CHOICES_PER_QUESTION = 5, 4
COMPLETED_ENROLMENTS = 2700  # x 50 lessons = 135,000 of the lesson-progress rows
LESSON_PROGRESS_ROWS = 150_000
QUIZ_ATTEMPTS = 40_000
MAX_ATTEMPTS_PER_QUIZ = 3
SESSIONS_PER_BLENDED_COURSE, SESSIONS_PER_ONLINE_COURSE = 20, 6  # 10 x 20 + 50 x 6 = 500
SESSION_HOURS = 4
CREDENTIALS = 25_000
CE_RECORDS = 30_000
HOURS = Decimal("0.01")
DENVER = ZoneInfo("America/Denver")


def reset_database() -> None:
    if BENCH_DB in {"postgres", "template0", "template1"}:
        raise SystemExit(f"Refusing to drop {BENCH_DB!r}.")
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
    connection.close()


parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument(
    "--reset", action="store_true", help=f"drop and recreate the {BENCH_DB} database first"
)
RESET = parser.parse_args().reset
STEPS: list[list] = []
START = time.perf_counter()
if RESET:
    reset_database()
_started = time.perf_counter()
setup_django()
STEPS.append(
    [
        "drop, create and migrate database" if RESET else "migrate database",
        "",
        f"{time.perf_counter() - _started:.1f}",
    ]
)

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.db.models import Count, F
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from psycopg2.extras import execute_values
from wagtail.models import Locale, Page

from certificates.models import (
    CECategory,
    CERecord,
    Credential,
    CredentialType,
    new_verification_code,
)
from courses.models import (
    Attendance,
    Choice,
    CourseIndexPage,
    CoursePage,
    Delivery,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
    Question,
    QuizAttempt,
    QuizPage,
    Session,
    SessionSignup,
    Track,
)
from courses.services.authoring import track_permissions_sync
from courses.services.quizzes import _draw
from lms.hiring.demo import _seed_positions
from lms.hiring.models import Position
from lms.people.models import LearnerRecordUserPermission, SupervisorAssignment, User
from lms.people.roles import Role

NOW = timezone.now().replace(microsecond=0)
TODAY = timezone.localdate(NOW)
rng = random.Random(2026)


@contextmanager
def step(name: str):
    """Time one step, run it in a savepoint, and record the rows it reports."""
    started = time.perf_counter()
    report = {"rows": ""}
    with transaction.atomic():
        yield report
    STEPS.append([name, report["rows"], f"{time.perf_counter() - started:.1f}"])


@contextmanager
def dates_as_given(*fields):
    """bulk_create fills auto_now(_add) fields with now; keep the past dates we set instead."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def n(value: int) -> str:
    return f"{value:,}"


def rand_uuid() -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def between(start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def at_noon(day: date) -> datetime:
    return datetime.combine(day, clock(12), tzinfo=DENVER)


# Names and words --------------------------------------------------------------------------

# fmt: off
FIRST_NAMES = [
    "Aiyana", "Alex", "Amber", "Andrea", "Angela", "Ben", "Brandon", "Brianna", "Carlos",
    "Cheyenne", "Chris", "Colton", "Dakota", "Daniel", "Dawn", "Elena", "Eli", "Emily", "Erin",
    "Gabriel", "Grace", "Hannah", "Isaiah", "Jacob", "Jamie", "Jasmine", "Jesse", "Jordan",
    "Joseph", "Kai", "Kateri", "Kayla", "Kimi", "Lena", "Logan", "Luis", "Maria", "Marcus", "Maya",
    "Megan", "Micah", "Naomi", "Nathan", "Nizhoni", "Olivia", "Paige", "Rachel", "Raven", "Robert",
    "Rosa", "Ryan", "Samantha", "Sara", "Shawn", "Sierra", "Skyler", "Tanner", "Taylor",
    "Terrance", "Tiana", "Travis", "Tyler", "Valerie", "Wade", "Winona", "Wyatt", "Zoe",
]
LAST_NAMES = [
    "Anderson", "Baker", "Bear", "Bell", "Brown", "Bull", "Chavez", "Clark", "Cooper", "Davis",
    "Evans", "Flores", "Garcia", "Gray", "Hall", "Harris", "Hill", "Hughes", "Jackson", "Johnson",
    "Jones", "Kelly", "Lee", "Lewis", "Lopez", "Martin", "Martinez", "Miller", "Moore", "Morgan",
    "Nelson", "Olson", "Parker", "Peterson", "Reed", "Rivera", "Roberts", "Rogers", "Sanchez",
    "Scott", "Smith", "Stewart", "Taylor", "Thomas", "Thompson", "Walker", "White", "Williams",
    "Wilson", "Young", "Two Feathers", "Running Crane", "Old Coyote", "Big Spring", "Little Owl",
    "Spotted Bear", "White Calf", "Bird Rattler", "Real Bird", "Medicine Horse",
]
# fmt: on

# name, slug, description, CE category slug, course titles
TRACKS = [
    (
        "Peer Support Foundations",
        "peer-support-foundations",
        "The core of peer work: mutuality, ethics and sharing lived experience with purpose.",
        "general",
        [
            "Foundations of Peer Support",
            "Ethics and Boundaries in Peer Work",
            "Sharing Your Recovery Story",
            "Active Listening and Motivational Conversations",
            "Documentation for Peer Supporters",
            "Cultural Humility in Rural Montana",
            "Self-Care and Preventing Burnout",
            "Recovery-Oriented Language",
        ],
    ),
    (
        "Recovery Doula",
        "recovery-doula",
        "Walking alongside pregnant and parenting people in recovery, before and after birth.",
        "perinatal",
        [
            "Recovery Doula Essentials",
            "Supporting Pregnant People in Recovery",
            "Postpartum Support and Safe Sleep",
            "Neonatal Abstinence Syndrome: What Families Need",
            "Working Alongside Child and Family Services",
            "Breastfeeding and Medications for Recovery",
            "Birth Planning with Trauma in Mind",
            "Family Reunification Support",
        ],
    ),
    (
        "Indigenous Wellness",
        "indigenous-wellness",
        "Peer support grounded in culture, kinship and community on and off reservations.",
        "trauma-informed",
        [
            "Indigenous Full-Spectrum Doula Foundations",
            "Historical Trauma and Healing",
            "Traditional Wellness in Peer Work",
            "Fatherhood is Sacred",
            "Motherhood is Sacred",
            "Working with Tribal Health Systems",
            "Kinship and Community Support",
            "Wellbriety Circles",
        ],
    ),
    (
        "Overdose Response",
        "overdose-response",
        "Naloxone, harm reduction and what to do in the hours and days after an overdose.",
        "overdose-response",
        [
            "Naloxone Administration",
            "Narcan Trainer Preparation",
            "Harm Reduction Principles",
            "Fentanyl and the Changing Drug Supply",
            "Responding After an Overdose",
            "Syringe Services and Safer Use",
            "Medications for Opioid Use Disorder",
            "Overdose Prevention in Rural Communities",
        ],
    ),
    (
        "Corrections and Reentry",
        "corrections-and-reentry",
        "Peer support in jails and prisons, and the first months after release.",
        "general",
        [
            "Peer Support Behind the Walls",
            "Reentry Planning",
            "Working in Jails: Safety and Boundaries",
            "Probation, Parole and Peer Support",
            "Housing and Employment after Release",
            "Treatment Court Peer Mentoring",
            "Family Connections during Incarceration",
        ],
    ),
    (
        "Trauma-Informed Practice",
        "trauma-informed-practice",
        "Understanding trauma and facilitating groups that help people heal.",
        "trauma-informed",
        [
            "Trauma-Informed Care Basics",
            "Beyond Trauma Facilitation",
            "Exploring Trauma: A Group for Men",
            "Grounding Skills for Peer Sessions",
            "Vicarious Trauma and Resilience",
            "Domestic Violence Awareness",
            "Trauma and Substance Use",
        ],
    ),
    (
        "Crisis and Suicide Prevention",
        "crisis-and-suicide-prevention",
        "Recognising risk, safety planning and staying with someone through a crisis.",
        "suicide-prevention",
        [
            "QPR Suicide Prevention",
            "Safety Planning with Peers",
            "Crisis De-escalation",
            "Supporting Survivors of Suicide Loss",
            "Means Safety Conversations",
            "988 and Crisis Services in Montana",
            "Youth and Young Adult Crisis Support",
        ],
    ),
    (
        "Supervision and Leadership",
        "supervision-and-leadership",
        "Supervising peer supporters and leading peer programs.",
        "ethics",
        [
            "Qualified Peer Supervisor Training",
            "Reflective Supervision",
            "Giving Constructive Feedback",
            "Supervision Documentation and Ethics",
            "Leading Peer Teams",
            "Advocacy and Systems Change",
            "Program Evaluation for Peer Programs",
        ],
    ),
]

MODULE_THEMES = [
    "Why this matters",
    "Core ideas",
    "Listening first",
    "Mutuality and power",
    "Working with families",
    "Community resources",
    "Boundaries in practice",
    "Practice scenarios",
    "Documentation and privacy",
    "Looking after yourself",
    "Culture and identity",
    "Putting it together",
]
LESSON_TOPICS = [
    "What the research says",
    "A story from the field",
    "Words that help, words that hurt",
    "Asking open questions",
    "When to refer on",
    "Confidentiality and its limits",
    "Planning the first meeting",
    "Noticing warning signs",
    "Strengths-based conversations",
    "Working with a team",
    "Reflecting on your own story",
    "Rural realities",
    "Role-play walkthrough",
    "Common mistakes",
    "Key takeaways",
]
SENTENCES = [
    "Peer support rests on mutuality: two people learning from each other as equals.",
    "Your lived experience is a tool, and like any tool it is used on purpose.",
    "Listening well means letting silence do some of the work.",
    "Ask what matters to the person before you offer anything.",
    "Recovery looks different for everyone, and there is no single right path.",
    "Boundaries protect the relationship as much as they protect you.",
    "In small towns, you may meet the people you support at the store or at church.",
    "Write notes the person would recognise as fair if they read them.",
    "Hope is contagious, and so is burnout: notice both in yourself.",
    "Culture, family and land can be sources of strength worth naming.",
    "When safety is at risk, follow your program's policy and bring in your supervisor.",
    "Small, concrete next steps are easier to keep than big promises.",
]
CALLOUTS = [
    "Think of a time someone listened to you without trying to fix anything.",
    "Which of these ideas would change how you run your next meeting?",
    "What would you want a peer supporter to know about your community?",
]
QUESTION_BANK = [
    (
        "What makes peer support different from other helping roles?",
        "Mutuality based on shared lived experience",
        ["Giving expert advice", "Diagnosing conditions", "Enforcing program rules"],
    ),
    (
        "A person you support asks to meet at a bar. What fits best?",
        "Suggest a different place that supports both of you",
        ["Agree, to build trust", "End the relationship", "Ignore the request"],
    ),
    (
        "When should you share part of your own story?",
        "When it serves the other person's goals",
        ["Whenever you can", "Never", "Only when asked about it twice"],
    ),
    (
        "Someone says they have been thinking about ending their life. First step?",
        "Ask directly and stay with them while you follow the safety plan",
        ["Change the subject", "Promise to keep it secret", "Tell them to call later"],
    ),
    (
        "What belongs in a peer support note?",
        "Observable facts and the person's own goals, in respectful words",
        ["Your private opinions", "Guesses about a diagnosis", "Gossip from others"],
    ),
    (
        "Which question is open-ended?",
        "What has helped you get through hard days?",
        ["Are you okay?", "Did you go to group?", "Is it better now?"],
    ),
    (
        "How do you respond to an overdose you witness?",
        "Call 911, give naloxone and stay until help arrives",
        ["Leave them to sleep it off", "Put them in a cold shower", "Wait and watch"],
    ),
    (
        "What helps prevent burnout?",
        "Regular supervision and limits you keep",
        ["Taking every call", "Skipping breaks", "Working alone"],
    ),
]
CE_TITLES = [
    ("QPR Gatekeeper refresher", "suicide-prevention"),
    ("Safety planning intervention webinar", "suicide-prevention"),
    ("Ethics in peer practice", "ethics"),
    ("Boundaries and dual relationships in small communities", "ethics"),
    ("Trauma-informed care in rural settings", "trauma-informed"),
    ("Historical trauma and resilience", "trauma-informed"),
    ("Perinatal mood disorders overview", "perinatal"),
    ("Supporting families with young children", "perinatal"),
    ("Naloxone update and fentanyl test strips", "overdose-response"),
    ("Harm reduction basics", "overdose-response"),
    ("Motivational interviewing refresher", "general"),
    ("Wellness Recovery Action Plan facilitation", "general"),
    ("Cultural humility workshop", "general"),
    ("Housing first and peer support", "general"),
]
CE_PROVIDERS = [
    "Montana DPHHS",
    "Mental Health America of Montana",
    "NAADAC",
    "Montana Peer Network",
    "Rocky Mountain Tribal Leaders Council",
    "SAMHSA webinar series",
    "Billings Clinic",
    "American Foundation for Suicide Prevention",
]
LOCATIONS = [
    "Billings Clinic, Conference Room 2B",
    "Missoula Public Library, Large Meeting Room",
    "Great Falls Community Center",
    "Blackfeet Community College, Browning",
    "Little Big Horn College, Crow Agency",
    "Lewis & Clark Library, Helena",
    "Bozeman Public Library, Community Room",
    "Butte Civic Center",
    "Fort Peck Community College, Poplar",
]


def paragraph() -> str:
    return "<p>" + " ".join(rng.sample(SENTENCES, 3)) + "</p>"


# Plans held in memory between steps ----------------------------------------------------------


@dataclass(eq=False)
class QuizPlan:
    page_id: int = 0
    pass_mark: int = 80
    max_attempts: int = 0
    time_limit: int = 0
    shuffle_questions: bool = True
    shuffle_choices: bool = True
    # (question id, choice ids in sort order, correct choice id), in sort order
    questions: list = field(default_factory=list)


@dataclass(eq=False)
class ModulePlan:
    page_id: int = 0
    lesson_ids: list = field(default_factory=list)
    lesson_minutes: list = field(default_factory=list)
    quiz: QuizPlan = field(default_factory=QuizPlan)


@dataclass(eq=False)
class CoursePlan:
    number: int
    title: str
    track: Track
    delivery: str
    sequential: bool
    ce_hours: Decimal
    ce_category_id: int | None
    presenter: str
    approval_number: str
    summary: str
    credential_type: CredentialType | None = None
    page_id: int = 0
    path: str = ""
    url_path: str = ""
    required_hours: Decimal = Decimal("0")
    modules: list = field(default_factory=list)


@dataclass(eq=False)
class SessionPlan:
    course: CoursePlan
    starts_at: datetime
    trainer_id: int
    pk: int = 0
    reserved: list = field(default_factory=list)  # completed blended enrolments attending

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(hours=SESSION_HOURS)


@dataclass(eq=False)
class EnrolmentPlan:
    learner: User
    course: CoursePlan
    completed: bool = False
    enrolled_at: datetime = NOW
    end: datetime = NOW  # completed_at, or the learner's latest activity
    enrolled_by_id: int | None = None
    lessons_done: int = 0
    quiz_outcomes: dict = field(default_factory=dict)  # module index -> [attempts, passed]
    session: SessionPlan | None = None
    attended_hours: Decimal = Decimal("0")
    credential: Credential | None = None
    pk: int = 0
    lesson_rows: list = field(default_factory=list)
    attempt_rows: list = field(default_factory=list)


class World:
    users: dict[str, list[User]]
    supervisor_of: dict[int, User]
    courses: list[CoursePlan]
    sessions: list[SessionPlan]
    enrolments: list[EnrolmentPlan]
    pages_before: dict


world = World()


# Steps ------------------------------------------------------------------------------------


def seed_users() -> None:
    with step("users and role memberships") as report:
        hashed = make_password(PASSWORD)

        def person(email: str, **extra) -> User:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.3 else ""
            return User(
                email=email,
                preferred_name=first,
                certificate_name=f"{first}{middle} {last}",
                phone=f"406-555-{rng.randint(0, 9999):04d}" if rng.random() < 0.6 else "",
                password=hashed,
                date_joined=NOW
                - timedelta(days=rng.randint(720, 1100), seconds=rng.randint(0, 86399)),
                **extra,
            )

        roles = {
            Role.ADMINISTRATOR: [person(MARKER_EMAIL, is_staff=True, is_superuser=True)],
            Role.HR: [person("scale-hr@example.org")],
            Role.TRAINER: [person(f"scale-trainer-{i}@example.org") for i in range(TRAINERS)],
            Role.SUPERVISOR: [
                person(f"scale-supervisor-{i}@example.org") for i in range(SUPERVISORS)
            ],
            Role.PEER: [person(f"scale-peer-{i}@example.org") for i in range(PEERS)],
        }
        everyone = [user for users in roles.values() for user in users]
        User.objects.bulk_create(everyone, batch_size=BATCH)
        groups = dict(Group.objects.values_list("name", "pk"))
        Membership = User.groups.through
        Membership.objects.bulk_create(
            [
                Membership(user_id=user.pk, group_id=groups[role])
                for role, users in roles.items()
                for user in users
            ],
            batch_size=BATCH,
        )
        world.users = roles
        peers = list(roles[Role.PEER])
        rng.shuffle(peers)
        world.supervisor_of = {
            peer.pk: roles[Role.SUPERVISOR][index // PEERS_PER_SUPERVISOR]
            for index, peer in enumerate(peers)
        }
        report["rows"] = f"{n(len(everyone))} users, {n(len(everyone))} group rows"


def seed_tracks_and_types() -> None:
    with step("tracks and course credential types") as report:
        trainer_group = Group.objects.get(name=Role.TRAINER)
        categories = dict(CECategory.objects.values_list("slug", "pk"))
        trainers = world.users[Role.TRAINER]
        tracks = Track.objects.bulk_create(
            [
                Track(name=name, slug=slug, description=description, sort_order=index)
                for index, (name, slug, description, _category, _titles) in enumerate(TRACKS)
            ]
        )
        Track.trainer_groups.through.objects.bulk_create(
            [
                Track.trainer_groups.through(track_id=track.pk, group_id=trainer_group.pk)
                for track in tracks
            ]
        )
        courses = []
        number = 0
        for track, (_name, _slug, description, category, titles) in zip(
            tracks, TRACKS, strict=True
        ):
            for title in titles:
                number += 1
                gives_ce = number % 2 == 0
                courses.append(
                    CoursePlan(
                        number=number,
                        title=title,
                        track=track,
                        delivery=Delivery.BLENDED if number % 6 == 3 else Delivery.ONLINE,
                        sequential=number % 4 == 1,
                        ce_hours=Decimal(rng.choice(["1", "1.5", "2", "3", "4", "6"]))
                        if gives_ce
                        else Decimal("0"),
                        ce_category_id=categories.get(category) if gives_ce else None,
                        presenter=rng.choice(trainers).certificate_name,
                        approval_number=f"MT-BBH-CE-{2025 + number % 2}-{number:03d}"
                        if gives_ce
                        else "",
                        summary=f"{title}: {description} {rng.choice(SENTENCES)}",
                    )
                )
        types = []
        for course in courses:
            expires = course.number % 5 == 0
            types.append(
                CredentialType(
                    name=f"{course.title} (hub course certificate)",
                    code=f"scale-course-{course.number}",
                    issuer=settings.HUB_NAME,
                    kind=CredentialType.Kind.HUB_COURSE,
                    description=f"Awarded on completing {course.title}.",
                    validity_rule="months" if expires else "none",
                    validity_months=24 if expires else None,
                    renewal_window_days=60,
                    reminder_offsets=[60, 14] if expires else [],
                )
            )
        CredentialType.objects.bulk_create(types)
        for course, credential_type in zip(courses, types, strict=True):
            course.credential_type = credential_type
        world.courses = courses
        report["rows"] = f"{len(tracks)} tracks, {len(types)} credential types"


BASE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key]


def insert_pages(model, specs: list[dict]) -> list[int]:
    """Base rows through Page.objects.bulk_create, then the model's own table with raw SQL."""
    objects = [model(**spec) for spec in specs]
    bases = [Page(**{f.attname: getattr(obj, f.attname) for f in BASE_FIELDS}) for obj in objects]
    Page.objects.bulk_create(bases, batch_size=BATCH)
    for obj, base in zip(objects, bases, strict=True):
        obj.pk = base.pk  # the page_ptr_id of the child row
    child_fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in child_fields)
    rows = [
        tuple(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in child_fields)
        for obj in objects
    ]
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES %s"  # noqa: S608 - names from model metadata
    with connection.cursor() as cursor:
        execute_values(cursor.cursor, sql, rows, page_size=1000)
    return [base.pk for base in bases]


def seed_pages() -> None:
    with step("course pages (Wagtail tree)") as report:
        catalogue = CourseIndexPage.objects.get(slug="courses")
        world.pages_before = {
            model: model.objects.live().count()
            for model in (CoursePage, ModulePage, LessonPage, QuizPage)
        }
        locale_id = catalogue.locale_id or Locale.get_default().pk
        trainers = world.users[Role.TRAINER]
        last_child = (
            Page.objects.filter(path__startswith=catalogue.path, depth=catalogue.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        first_position = Page._str2int(last_child[-Page.steplen :]) + 1 if last_child else 1

        def base(title, slug, parent_path, parent_url, depth, position, numchild, published):
            return {
                "title": title,
                "draft_title": title,
                "slug": slug,
                "path": Page._get_path(parent_path, depth, position),
                "depth": depth,
                "numchild": numchild,
                "url_path": f"{parent_url}{slug}/",
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": published,
                "last_published_at": published,
                "locale_id": locale_id,
                "show_in_menus": False,
                "translation_key": rand_uuid(),
            }

        course_specs, module_specs, lesson_specs, quiz_specs = [], [], [], []
        published_of = {}
        for index, course in enumerate(world.courses):
            published = NOW - timedelta(days=rng.randint(560, 900), minutes=rng.randint(0, 600))
            published_of[course.number] = published
            slug = slugify(course.title)
            owner = rng.choice(trainers)
            spec = base(
                course.title,
                slug,
                catalogue.path,
                catalogue.url_path,
                catalogue.depth + 1,
                first_position + index,
                MODULES_PER_COURSE,
                published,
            )
            course.path, course.url_path = spec["path"], spec["url_path"]
            minutes_total = 0
            for m in range(1, MODULES_PER_COURSE + 1):
                theme = MODULE_THEMES[(course.number + m) % len(MODULE_THEMES)]
                module_spec = base(
                    f"Module {m}: {theme}",
                    f"module-{m}",
                    course.path,
                    course.url_path,
                    catalogue.depth + 2,
                    m,
                    LESSONS_PER_MODULE + 1,
                    published,
                )
                module_specs.append(
                    {**module_spec, "owner_id": owner.pk, "summary": rng.choice(SENTENCES)}
                )
                module = ModulePlan()
                for lesson in range(1, LESSONS_PER_MODULE + 1):
                    minutes = rng.choice([15, 15, 30, 30, 30, 45, 60])
                    minutes_total += minutes
                    module.lesson_minutes.append(minutes)
                    body = [
                        {"type": "paragraph", "value": paragraph(), "id": str(rand_uuid())}
                        for _ in range(3)
                    ]
                    if lesson == 1:
                        body.insert(
                            1,
                            {
                                "type": "callout",
                                "value": {"kind": "reflection", "text": rng.choice(CALLOUTS)},
                                "id": str(rand_uuid()),
                            },
                        )
                    topic = LESSON_TOPICS[(course.number * 7 + m * 3 + lesson) % len(LESSON_TOPICS)]
                    lesson_specs.append(
                        {
                            **base(
                                f"{m}.{lesson} {topic}",
                                f"lesson-{lesson}",
                                module_spec["path"],
                                module_spec["url_path"],
                                catalogue.depth + 3,
                                lesson,
                                0,
                                published,
                            ),
                            "owner_id": owner.pk,
                            "estimated_minutes": minutes,
                            "body": body,
                        }
                    )
                quiz = module.quiz
                quiz.pass_mark = 60 if rng.random() < 0.35 else 80
                quiz.max_attempts = MAX_ATTEMPTS_PER_QUIZ if rng.random() < 0.2 else 0
                quiz.time_limit = 20 if rng.random() < 0.2 else 0
                quiz_specs.append(
                    {
                        **base(
                            f"Module {m} check-in",
                            "quiz",
                            module_spec["path"],
                            module_spec["url_path"],
                            catalogue.depth + 3,
                            LESSONS_PER_MODULE + 1,
                            0,
                            published,
                        ),
                        "owner_id": owner.pk,
                        "intro": f"<p>{QUESTIONS_PER_QUIZ} questions on “{theme}”.</p>",
                        "pass_mark_percent": quiz.pass_mark,
                        "max_attempts": quiz.max_attempts,
                        "shuffle_questions": quiz.shuffle_questions,
                        "shuffle_choices": quiz.shuffle_choices,
                        "pool_size": 0,
                        "time_limit_minutes": quiz.time_limit,
                    }
                )
                course.modules.append(module)
            lesson_hours = (Decimal(minutes_total) / 60).quantize(HOURS)
            blended = course.delivery == Delivery.BLENDED
            course.required_hours = lesson_hours + (SESSION_HOURS if blended else 0)
            course_specs.append(
                {
                    **spec,
                    "owner_id": owner.pk,
                    "code": f"SC-{course.number:03d}",
                    "track_id": course.track.pk,
                    "summary": course.summary,
                    "audience": rng.choice(
                        [
                            "Peer supporters in their first year",
                            "Peer supporters and supervisors",
                            "Anyone working alongside people in recovery",
                            "",
                        ]
                    ),
                    "delivery": course.delivery,
                    "required_contact_hours": course.required_hours,
                    "estimated_hours": course.required_hours + 1,
                    "ce_hours": course.ce_hours,
                    "ce_category_id": course.ce_category_id,
                    "credential_type_id": course.credential_type.pk,
                    "sequential": course.sequential,
                }
            )

        for course, pk in zip(world.courses, insert_pages(CoursePage, course_specs), strict=True):
            course.page_id = pk
        modules = [module for course in world.courses for module in course.modules]
        for module, pk in zip(modules, insert_pages(ModulePage, module_specs), strict=True):
            module.page_id = pk
        lesson_ids = iter(insert_pages(LessonPage, lesson_specs))
        for module in modules:
            module.lesson_ids = [next(lesson_ids) for _ in range(LESSONS_PER_MODULE)]
        for module, pk in zip(modules, insert_pages(QuizPage, quiz_specs), strict=True):
            module.quiz.page_id = pk
        Page.objects.filter(pk=catalogue.pk).update(numchild=F("numchild") + len(world.courses))
        for track in Track.objects.filter(pk__in={c.track.pk for c in world.courses}):
            track_permissions_sync(track=track)
        report["rows"] = (
            f"{len(course_specs)} courses, {n(len(module_specs))} modules, "
            f"{n(len(lesson_specs))} lessons, {len(quiz_specs)} quizzes"
        )


def seed_questions() -> None:
    with step("quiz questions and choices") as report:
        quizzes = [module.quiz for course in world.courses for module in course.modules]
        questions = []
        for index, quiz in enumerate(quizzes):
            for q in range(QUESTIONS_PER_QUIZ):
                prompt, _right, _wrong = QUESTION_BANK[(index + q) % len(QUESTION_BANK)]
                questions.append(
                    Question(
                        quiz_id=quiz.page_id,
                        prompt=prompt,
                        kind="single",
                        explanation="Peer support starts from the other person's own goals.",
                        sort_order=q,
                    )
                )
        Question.objects.bulk_create(questions, batch_size=BATCH)
        choices = []
        for index, question in enumerate(questions):
            quiz_index, q = divmod(index, QUESTIONS_PER_QUIZ)
            _prompt, right, wrong = QUESTION_BANK[(quiz_index + q) % len(QUESTION_BANK)]
            assert 1 + len(wrong) == CHOICES_PER_QUESTION
            for order, text in enumerate([right, *wrong]):
                choices.append(
                    Choice(
                        question_id=question.pk,
                        text=text,
                        is_correct=order == 0,
                        feedback="Yes." if order == 0 else "Not quite.",
                        sort_order=order,
                    )
                )
        Choice.objects.bulk_create(choices, batch_size=BATCH)
        by_question = defaultdict(list)
        for choice in choices:
            by_question[choice.question_id].append(choice.pk)
        for index, question in enumerate(questions):
            ids = by_question[question.pk]
            quizzes[index // QUESTIONS_PER_QUIZ].questions.append((question.pk, ids, ids[0]))
        report["rows"] = f"{n(len(questions))} questions, {n(len(choices))} choices"


def seed_sessions() -> None:
    with step("sessions") as report:
        trainers = world.users[Role.TRAINER]
        plans = []
        for course in world.courses:
            count = (
                SESSIONS_PER_BLENDED_COURSE
                if course.delivery == Delivery.BLENDED
                else SESSIONS_PER_ONLINE_COURSE
            )
            for _ in range(count):
                day = TODAY + timedelta(days=rng.randint(-90, 60))
                starts = datetime.combine(day, clock(rng.choice([9, 13])), tzinfo=DENVER)
                plans.append(SessionPlan(course, starts, rng.choice(trainers).pk))
        plans.sort(key=lambda s: s.starts_at)
        sessions = [
            Session(
                course_id=plan.course.page_id,
                title=f"{plan.course.title}: in-person practice",
                starts_at=plan.starts_at,
                ends_at=plan.ends_at,
                location=rng.choice(LOCATIONS),
                trainer_id=plan.trainer_id,
                capacity=20,
            )
            for plan in plans
        ]
        Session.objects.bulk_create(sessions, batch_size=BATCH)
        for plan, session in zip(plans, sessions, strict=True):
            plan.pk = session.pk
        world.sessions = plans
        past = sum(plan.ends_at < NOW for plan in plans)
        report["rows"] = f"{len(sessions)} sessions ({past} past)"


def plan_enrolments() -> None:
    """Who takes what, what they have done and when: everything later steps insert."""
    with step("plan enrolments, progress and attempts (memory)") as report:
        peers = world.users[Role.PEER]
        trainers = world.users[Role.TRAINER]
        plans = []
        for peer in peers:
            for course in rng.sample(world.courses, COURSES_PER_PEER):
                plans.append(EnrolmentPlan(peer, course))
        for index in rng.sample(range(len(plans)), COMPLETED_ENROLMENTS):
            plans[index].completed = True
        past_sessions = defaultdict(list)
        for session in world.sessions:
            if session.ends_at < NOW - timedelta(hours=1):
                past_sessions[session.course.number].append(session)

        for plan in plans:
            roll = rng.random()
            if roll < 0.08:
                plan.enrolled_by_id = world.supervisor_of[plan.learner.pk].pk
            elif roll < 0.12:
                plan.enrolled_by_id = rng.choice(trainers).pk
            if plan.completed and plan.course.delivery == Delivery.BLENDED:
                options = past_sessions[plan.course.number]
                session = min(options, key=lambda s: (len(s.reserved), rng.random()))
                assert len(session.reserved) < 12, "not enough past sessions for completions"
                session.reserved.append(plan)
                plan.session = session
                plan.attended_hours = Decimal(SESSION_HOURS)
                plan.end = min(
                    session.ends_at + timedelta(seconds=rng.randint(600, 10 * 86400)),
                    NOW - timedelta(minutes=1),
                )
                plan.enrolled_at = session.starts_at - timedelta(days=rng.uniform(10, 100))
            elif plan.completed:
                plan.end = NOW - timedelta(seconds=rng.randint(3600, 540 * 86400))
                plan.enrolled_at = plan.end - timedelta(days=rng.uniform(14, 150))
            else:
                plan.enrolled_at = NOW - timedelta(seconds=rng.randint(3600, 365 * 86400))
                plan.end = between(plan.enrolled_at + (NOW - plan.enrolled_at) * 0.2, NOW)
            plan.enrolled_at = plan.enrolled_at.replace(microsecond=0)

        # Lessons done, in course order; quiz outcomes per module.
        lessons_per_course = MODULES_PER_COURSE * LESSONS_PER_MODULE
        budget = LESSON_PROGRESS_ROWS - COMPLETED_ENROLMENTS * lessons_per_course
        active = [plan for plan in plans if not plan.completed]
        rng.shuffle(active)
        for plan in plans:
            if plan.completed:
                plan.lessons_done = lessons_per_course
                plan.quiz_outcomes = {m: [1, True] for m in range(MODULES_PER_COURSE)}
        for plan in active:
            if budget <= 0:
                break
            plan.lessons_done = min(rng.randint(1, 15), budget)
            budget -= plan.lessons_done
            full_modules, rest = divmod(plan.lessons_done, LESSONS_PER_MODULE)
            for m in range(full_modules):
                if m < full_modules - 1 or rest:
                    plan.quiz_outcomes[m] = [1, True]
                else:  # stopped at the end of a module: passed, failed so far, or not tried
                    roll = rng.random()
                    if roll < 0.6:
                        plan.quiz_outcomes[m] = [1, True]
                    elif roll < 0.85:
                        plan.quiz_outcomes[m] = [1, False]

        # Earlier failed attempts, up to the total wanted (at most 3 per learner and quiz).
        outcomes = [o for plan in plans for o in plan.quiz_outcomes.values()]
        extra = QUIZ_ATTEMPTS - len(outcomes)
        while extra > 0:
            outcome = rng.choice(outcomes)
            if outcome[0] < MAX_ATTEMPTS_PER_QUIZ:
                outcome[0] += 1
                extra -= 1

        # Timelines: lessons and attempts spread between enrolling and the last activity.
        for plan in plans:
            events = []
            for m, module in enumerate(plan.course.modules):
                done = min(LESSONS_PER_MODULE, plan.lessons_done - m * LESSONS_PER_MODULE)
                if done <= 0:
                    break
                events += [("lesson", module, i) for i in range(done)]
                if m in plan.quiz_outcomes:
                    attempts, passed = plan.quiz_outcomes[m]
                    events += [
                        ("attempt", module, (number, passed and number == attempts))
                        for number in range(1, attempts + 1)
                    ]
            if not events:
                continue
            start = plan.enrolled_at + timedelta(minutes=5)
            times = sorted(between(start, plan.end) for _ in events)
            if plan.completed and plan.session is None:
                times[-1] = plan.end  # completion is the moment the last quiz was passed
            for (kind, module, detail), moment in zip(events, times, strict=True):
                moment = moment.replace(microsecond=0)
                if kind == "lesson":
                    spent = int(module.lesson_minutes[detail] * 60 * rng.uniform(0.6, 1.6))
                    started = max(moment - timedelta(seconds=spent), plan.enrolled_at)
                    plan.lesson_rows.append(
                        (
                            module.lesson_ids[detail],
                            started,
                            moment,
                            int((moment - started).total_seconds()),
                        )
                    )
                else:
                    number, passed = detail
                    took = timedelta(seconds=rng.randint(120, 900))
                    plan.attempt_rows.append(
                        (module.quiz, number, passed, max(moment - took, plan.enrolled_at), moment)
                    )
        world.enrolments = plans
        report["rows"] = (
            f"{n(len(plans))} enrolments, "
            f"{n(sum(len(p.lesson_rows) for p in plans))} lessons, "
            f"{n(sum(len(p.attempt_rows) for p in plans))} attempts"
        )


def credential_status(credential_type: CredentialType, expires_on: date | None) -> str:
    """What flag_renewals would set today."""
    if expires_on is None:
        return Credential.Status.ACTIVE
    if expires_on < TODAY - timedelta(days=credential_type.grace_days):
        return Credential.Status.EXPIRED
    if expires_on <= TODAY + timedelta(days=credential_type.renewal_window_days):
        return Credential.Status.RENEWAL_DUE
    return Credential.Status.ACTIVE


def validity_days(credential_type: CredentialType) -> int:
    if credential_type.validity_rule == "fixed_date":
        return 365
    return (credential_type.validity_months or 12) * 30


# (code, chance for a peer, most credentials in a history of lapses and re-certification)
PEER_CREDENTIALS = [
    ("peer-support-40-hour", 0.85, 1),
    ("cbhpss", 0.65, 2),
    ("mhfa", 0.6, 2),
    ("cpr-first-aid", 0.8, 2),
    ("dona-doula", 0.12, 2),
    ("indigenous-doula", 0.15, 1),
    ("master-narcan-trainer", 0.1, 1),
    ("sacred-parenting", 0.15, 1),
    ("trauma-facilitator", 0.15, 1),
    ("corrections-peer", 0.15, 1),
    ("qualified-supervisor", 0.03, 1),
]
LAPSED = 0.15  # share of holders whose latest expiring credential has lapsed
SUPERVISOR_CREDENTIALS = [
    ("qualified-supervisor", 1, 1),
    ("peer-support-40-hour", 1, 1),
    ("cbhpss", 1, 3),
    ("mhfa", 0.8, 2),
    ("cpr-first-aid", 0.9, 3),
    ("trauma-facilitator", 0.3, 1),
]
TRAINER_CREDENTIALS = [
    ("peer-support-40-hour", 1, 1),
    ("master-narcan-trainer", 0.7, 1),
    ("cpr-first-aid", 1, 2),
    ("mhfa", 1, 2),
    ("trauma-facilitator", 0.5, 1),
]


def seed_credentials() -> None:
    with (
        step("credentials") as report,
        dates_as_given(Credential._meta.get_field("created_at")),
    ):
        codes = set()

        def code() -> str:
            while (value := new_verification_code()) in codes:
                pass
            codes.add(value)
            return value

        hub = settings.HUB_NAME
        rows = []
        for plan in world.enrolments:
            if not plan.completed:
                continue
            course, credential_type = plan.course, plan.course.credential_type
            issued_on = local_date(plan.end)
            expires_on = credential_type.expiry_for(issued_on=issued_on)
            online = sum(
                Decimal(module.lesson_minutes[i])
                for module in course.modules
                for i in range(LESSONS_PER_MODULE)
            )
            plan.credential = Credential(
                holder_id=plan.learner.pk,
                credential_type=credential_type,
                status=credential_status(credential_type, expires_on),
                source=Credential.Source.COURSE_COMPLETION,
                code=code(),
                issued_on=issued_on,
                expires_on=expires_on,
                holder_name=plan.learner.certificate_name,
                title=credential_type.name,
                course_title=course.title,
                course_description=course.summary,
                provider=hub,
                ce_details={
                    "presenters": [{"name": course.presenter, "credentials": ""}],
                    "approvals": [
                        {
                            "body": "Montana BBH (scale data)",
                            "approval_number": course.approval_number,
                        }
                    ]
                    if course.approval_number
                    else [],
                },
                contact_hours=((online / 60) + plan.attended_hours).quantize(HOURS),
                ce_hours=course.ce_hours,
                created_at=plan.end,
            )
            rows.append(plan.credential)
        from_courses = len(rows)

        types = {t.code: t for t in CredentialType.objects.exclude(code__startswith="scale-")}
        admin = world.users[Role.ADMINISTRATOR][0]
        peers = list(world.users[Role.PEER])
        rng.shuffle(peers)
        people = (
            [(u, SUPERVISOR_CREDENTIALS) for u in world.users[Role.SUPERVISOR]]
            + [(u, TRAINER_CREDENTIALS) for u in world.users[Role.TRAINER]]
            + [(u, PEER_CREDENTIALS) for u in peers]
        )
        others = []
        for holder, profile in people:
            verifier = world.supervisor_of.get(holder.pk, admin)
            for type_code, chance, most in profile:
                credential_type = types.get(type_code)
                if credential_type is None or rng.random() >= chance:
                    continue
                if credential_type.expires:
                    span = validity_days(credential_type)
                    lapsed = rng.random() < LAPSED
                    for _ in range(20):  # an issue date whose status is the one wanted
                        latest = TODAY - timedelta(days=rng.randint(10, span + 400))
                        status = credential_status(
                            credential_type, credential_type.expiry_for(issued_on=latest)
                        )
                        if (status == Credential.Status.EXPIRED) == lapsed:
                            break
                    issued = [latest]
                    for _ in range(rng.randint(1, most) - 1):  # re-certified after a lapse
                        issued.append(issued[-1] - timedelta(days=span + rng.randint(60, 300)))
                else:
                    issued = [TODAY - timedelta(days=rng.randint(10, 5 * 365))]
                for position, issued_on in enumerate(reversed(issued)):
                    expires_on = credential_type.expiry_for(issued_on=issued_on)
                    status = credential_status(credential_type, expires_on)
                    latest = position == len(issued) - 1
                    if not latest and status != Credential.Status.EXPIRED:
                        continue  # history is lapsed; only the latest may be current
                    external = credential_type.kind != CredentialType.Kind.HUB_COURSE
                    licence = credential_type.kind == CredentialType.Kind.EXTERNAL_LICENCE
                    others.append(
                        Credential(
                            holder_id=holder.pk,
                            credential_type=credential_type,
                            status=status,
                            source=Credential.Source.EXTERNAL
                            if external
                            else Credential.Source.MANUAL,
                            code=code(),
                            issued_on=issued_on,
                            expires_on=expires_on,
                            holder_name=holder.certificate_name,
                            title=credential_type.name,
                            provider=credential_type.issuer if licence else hub,
                            external_number=f"{type_code[:5].upper()}-{rng.randint(10000, 99999)}"
                            if licence
                            else "",
                            verified_by_id=verifier.pk if external else None,
                            verified_at=at_noon(issued_on + timedelta(days=rng.randint(1, 20)))
                            if external
                            else None,
                            created_at=at_noon(issued_on),
                        )
                    )
        wanted = CREDENTIALS - from_courses
        assert len(others) >= wanted, f"only {len(others)} credentials generated"
        rows += others[:wanted]
        for credential in rows:
            if credential.verified_at and credential.verified_at > NOW:
                credential.verified_at = NOW
        Credential.objects.bulk_create(rows, batch_size=BATCH)
        by_status = defaultdict(int)
        for credential in rows:
            by_status[credential.status] += 1
        report["rows"] = (
            f"{n(len(rows))} ({n(from_courses)} from courses; "
            + ", ".join(f"{n(count)} {status}" for status, count in sorted(by_status.items()))
            + ")"
        )


def seed_enrolments() -> None:
    with step("enrolments") as report, dates_as_given(Enrolment._meta.get_field("enrolled_at")):
        rows = [
            Enrolment(
                learner_id=plan.learner.pk,
                course_id=plan.course.page_id,
                status=Enrolment.Status.COMPLETED if plan.completed else Enrolment.Status.ACTIVE,
                enrolled_at=plan.enrolled_at,
                enrolled_by_id=plan.enrolled_by_id,
                completed_at=plan.end if plan.completed else None,
                credential_id=plan.credential.pk if plan.credential else None,
            )
            for plan in world.enrolments
        ]
        Enrolment.objects.bulk_create(rows, batch_size=BATCH)
        for plan, enrolment in zip(world.enrolments, rows, strict=True):
            plan.pk = enrolment.pk
        completed = sum(plan.completed for plan in world.enrolments)
        report["rows"] = f"{n(len(rows))} ({n(completed)} completed)"


def seed_lesson_progress() -> None:
    with step("lesson progress") as report:
        rows = [
            LessonProgress(
                enrolment_id=plan.pk,
                lesson_id=lesson_id,
                started_at=started,
                completed_at=completed,
                time_spent_seconds=spent,
            )
            for plan in world.enrolments
            for lesson_id, started, completed, spent in plan.lesson_rows
        ]
        LessonProgress.objects.bulk_create(rows, batch_size=BATCH)
        report["rows"] = n(len(rows))


def attempt_content(quiz: QuizPlan, seed: int, passed: bool):
    """The draw _draw would make for this seed, and answers that score as wanted."""
    draw = random.Random(seed)
    questions = list(quiz.questions)  # already in (sort_order, pk) order
    if quiz.shuffle_questions:
        draw.shuffle(questions)
    orders = {}
    for question_id, choice_ids, _correct in questions:
        ids = list(choice_ids)
        if quiz.shuffle_choices:
            draw.shuffle(ids)
        orders[str(question_id)] = ids
    total = len(questions)
    needed = -(-quiz.pass_mark * total // 100)  # right answers needed to pass
    right = rng.randint(needed, total) if passed else rng.randint(0, needed - 1)
    right_ones = set(rng.sample(range(total), right))
    answers, results = {}, {}
    for index, (question_id, choice_ids, correct) in enumerate(questions):
        chosen = correct if index in right_ones else rng.choice(choice_ids[1:])
        answers[str(question_id)] = [chosen]
        results[str(question_id)] = {"correct": index in right_ones}
    score = (Decimal(100 * right) / Decimal(total)).quantize(HOURS, rounding=ROUND_HALF_UP)
    assert (score >= quiz.pass_mark) == passed
    return [q[0] for q in questions], orders, answers, results, score


def seed_quiz_attempts() -> None:
    with step("quiz attempts") as report:
        rows = []
        for plan in world.enrolments:
            for quiz, number, passed, started, submitted in plan.attempt_rows:
                seed = rng.getrandbits(62)
                question_ids, orders, answers, results, score = attempt_content(quiz, seed, passed)
                rows.append(
                    QuizAttempt(
                        enrolment_id=plan.pk,
                        quiz_id=quiz.page_id,
                        number=number,
                        seed=seed,
                        question_ids=question_ids,
                        choice_orders=orders,
                        status=QuizAttempt.Status.SUBMITTED,
                        started_at=started,
                        deadline_at=started + timedelta(minutes=quiz.time_limit)
                        if quiz.time_limit
                        else None,
                        submitted_at=submitted,
                        answers=answers,
                        results=results,
                        score_percent=score,
                        passed=passed,
                    )
                )
        QuizAttempt.objects.bulk_create(rows, batch_size=BATCH)
        report["rows"] = f"{n(len(rows))} ({n(sum(r.passed for r in rows))} passed)"


def seed_signups_and_attendance() -> None:
    with (
        step("session sign-ups and attendance") as report,
        dates_as_given(
            SessionSignup._meta.get_field("created_at"), Attendance._meta.get_field("recorded_at")
        ),
    ):
        active_by_course = defaultdict(list)
        for plan in world.enrolments:
            if not plan.completed:
                active_by_course[plan.course.number].append(plan)
        signups, attendance = [], []
        for session in world.sessions:
            wanted = max(rng.randint(6, 14), len(session.reserved))
            eligible = [
                plan
                for plan in active_by_course[session.course.number]
                if plan.enrolled_at < session.starts_at - timedelta(days=1)
            ]
            chosen = session.reserved + rng.sample(
                eligible, min(len(eligible), wanted - len(session.reserved))
            )
            past = session.ends_at < NOW
            for plan in chosen:
                signups.append(
                    SessionSignup(
                        session_id=session.pk,
                        enrolment_id=plan.pk,
                        created_at=between(plan.enrolled_at, min(session.starts_at, NOW)),
                    )
                )
                if not past:
                    continue
                if plan.session is session:
                    hours = Decimal(SESSION_HOURS)
                else:
                    roll = rng.random()
                    hours = (
                        Decimal(SESSION_HOURS)
                        if roll < 0.8
                        else Decimal(rng.randint(4, 15)) / 4
                        if roll < 0.92
                        else Decimal("0")
                    )
                attendance.append(
                    Attendance(
                        session_id=session.pk,
                        enrolment_id=plan.pk,
                        hours=hours.quantize(HOURS),
                        recorded_by_id=session.trainer_id,
                        recorded_at=min(
                            session.ends_at + timedelta(minutes=rng.randint(10, 2880)), NOW
                        ),
                    )
                )
        SessionSignup.objects.bulk_create(signups, batch_size=BATCH)
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        report["rows"] = f"{n(len(signups))} sign-ups, {n(len(attendance))} attendance"


def seed_ce_records() -> None:
    with step("CE records") as report, dates_as_given(CERecord._meta.get_field("created_at")):
        hub = settings.HUB_NAME
        rows = []
        for plan in world.enrolments:
            if plan.completed and plan.course.ce_hours > 0:
                rows.append(
                    CERecord(
                        holder_id=plan.learner.pk,
                        title=plan.course.title,
                        provider=hub,
                        completed_on=local_date(plan.end),
                        hours=plan.course.ce_hours,
                        category_id=plan.course.ce_category_id,
                        source=CERecord.Source.HUB_COURSE,
                        credential_id=plan.credential.pk,
                        status=CERecord.Status.APPROVED,
                        reviewed_at=plan.end,
                        review_note="Hub course: approved automatically.",
                        created_at=plan.end,
                    )
                )
        from_courses = len(rows)
        categories = dict(CECategory.objects.values_list("slug", "pk"))
        certified = set(
            Credential.objects.filter(credential_type__code="cbhpss").values_list(
                "holder_id", flat=True
            )
        )
        admin = world.users[Role.ADMINISTRATOR][0]
        holders = world.users[Role.PEER] + world.users[Role.SUPERVISOR]
        weights = [3 if holder.pk in certified else 1 for holder in holders]
        for holder in rng.choices(holders, weights=weights, k=CE_RECORDS - from_courses):
            title, category = rng.choice(CE_TITLES)
            roll = rng.random()
            status = (
                CERecord.Status.APPROVED
                if roll < 0.85
                else CERecord.Status.PENDING
                if roll < 0.95
                else CERecord.Status.REJECTED
            )
            recent = status == CERecord.Status.PENDING
            completed_on = TODAY - timedelta(days=rng.randint(1, 60 if recent else 3 * 365))
            created_at = min(at_noon(completed_on + timedelta(days=rng.randint(0, 14))), NOW)
            reviewed = status != CERecord.Status.PENDING
            rows.append(
                CERecord(
                    holder_id=holder.pk,
                    title=title,
                    provider=rng.choice(CE_PROVIDERS),
                    completed_on=completed_on,
                    hours=Decimal(rng.randint(1, 32)) / 4,
                    category_id=categories.get(category) if rng.random() < 0.9 else None,
                    source=CERecord.Source.EXTERNAL,
                    status=status,
                    reviewed_by_id=world.supervisor_of.get(holder.pk, admin).pk
                    if reviewed
                    else None,
                    reviewed_at=min(created_at + timedelta(days=rng.randint(1, 21)), NOW)
                    if reviewed
                    else None,
                    review_note="The certificate does not show the hours."
                    if status == CERecord.Status.REJECTED
                    else "",
                    created_at=created_at,
                )
            )
        CERecord.objects.bulk_create(rows, batch_size=BATCH)
        by_status = defaultdict(int)
        for record in rows:
            by_status[record.status] += 1
        report["rows"] = (
            f"{n(len(rows))} ({n(from_courses)} from courses; "
            + ", ".join(f"{n(count)} {status}" for status, count in sorted(by_status.items()))
            + ")"
        )


def seed_supervision() -> None:
    with step("supervisor assignments and guardian permissions") as report:
        hr = world.users[Role.HR][0]
        assignments = [
            SupervisorAssignment(
                supervisor_id=supervisor.pk,
                peer_id=peer_id,
                starts_on=TODAY - timedelta(days=rng.randint(14, 720)),
                created_by_id=hr.pk,
            )
            for peer_id, supervisor in world.supervisor_of.items()
        ]
        SupervisorAssignment.objects.bulk_create(assignments, batch_size=BATCH)
        permissions = list(
            Permission.objects.filter(
                content_type__app_label="lms",
                codename__in=["view_learner_record", "review_learner_evidence"],
            )
        )
        assert len(permissions) == 2
        grants = [
            LearnerRecordUserPermission(
                user_id=assignment.supervisor_id,
                permission=permission,
                content_object_id=assignment.peer_id,
            )
            for assignment in assignments
            for permission in permissions
        ]
        LearnerRecordUserPermission.objects.bulk_create(grants, batch_size=BATCH)
        report["rows"] = f"{n(len(assignments))} assignments, {n(len(grants))} permissions"


def seed_positions() -> None:
    with step("positions") as report:
        created = not Position.objects.exists()
        if created:
            _seed_positions()
        report["rows"] = f"{Position.objects.count()} ({'created' if created else 'existing'})"


TREE_CHECKS = {
    "path length matches depth": (
        "SELECT count(*) FROM wagtailcore_page WHERE length(path) <> depth * 4"
    ),
    "every page has its parent": (
        "SELECT count(*) FROM wagtailcore_page c WHERE c.depth > 1 AND NOT EXISTS "
        "(SELECT 1 FROM wagtailcore_page p WHERE p.path = substr(c.path, 1, length(c.path) - 4))"
    ),
    "numchild matches children": (
        "SELECT count(*) FROM wagtailcore_page p LEFT JOIN (SELECT substr(path, 1, "
        "length(path) - 4) AS parent, count(*) AS n FROM wagtailcore_page GROUP BY 1) c "
        "ON c.parent = p.path WHERE p.numchild <> coalesce(c.n, 0)"
    ),
    "url_path is parent's + slug": (
        "SELECT count(*) FROM wagtailcore_page c JOIN wagtailcore_page p "
        "ON p.path = substr(c.path, 1, length(c.path) - 4) "
        "WHERE c.depth > 2 AND c.url_path <> p.url_path || c.slug || '/'"
    ),
}


def sanity_check() -> None:
    with step("sanity check") as report:
        with connection.cursor() as cursor:
            for label, sql in TREE_CHECKS.items():
                cursor.execute(sql)
                problems = cursor.fetchone()[0]
                assert problems == 0, f"tree check failed ({label}): {problems} pages"
        courses = len(world.courses)
        for model, added in [
            (CoursePage, courses),
            (ModulePage, courses * MODULES_PER_COURSE),
            (LessonPage, courses * MODULES_PER_COURSE * LESSONS_PER_MODULE),
            (QuizPage, courses * MODULES_PER_COURSE),
        ]:
            live = model.objects.live().count()
            assert live == world.pages_before[model] + added, (model.__name__, live)

        plan = next(p for p in world.enrolments if p.completed and p.course.sequential)
        lesson = LessonPage.objects.get(pk=plan.course.modules[0].lesson_ids[0])
        quiz = QuizPage.objects.get(pk=plan.course.modules[-1].quiz.page_id)
        attempt = QuizAttempt.objects.filter(enrolment_id=plan.pk, quiz=quiz).first()
        assert _draw(quiz, attempt.seed) == (attempt.question_ids, attempt.choice_orders)
        progress_before = LessonProgress.objects.count()
        client = Client()
        client.force_login(plan.learner)
        # WhiteNoise warns once that collectstatic has not run; irrelevant here.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        course = CoursePage.objects.get(pk=plan.course.page_id)
        urls = [lesson.url, quiz.url, course.url, "/courses/"]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        assert lesson.title.encode() in client.get(lesson.url).content
        assert LessonProgress.objects.count() == progress_before
        report["rows"] = f"tree OK, page counts OK, {len(urls)} URLs 200, quiz draw matches"


def current_counts() -> list[list]:
    users = User.objects.filter(email__startswith="scale-")
    rows = [
        ["users (scale-*)", users.count()],
        *[
            [f"· {name}", users.filter(groups__name=name).count()]
            for name in (Role.PEER, Role.SUPERVISOR, Role.TRAINER, Role.HR, Role.ADMINISTRATOR)
        ],
        ["tracks", Track.objects.count()],
        ["live course pages", CoursePage.objects.live().count()],
        ["live module pages", ModulePage.objects.live().count()],
        ["live lesson pages", LessonPage.objects.live().count()],
        ["live quiz pages", QuizPage.objects.live().count()],
        ["questions / choices", f"{n(Question.objects.count())} / {n(Choice.objects.count())}"],
        ["enrolments", Enrolment.objects.count()],
        ["· completed", Enrolment.objects.filter(status="completed").count()],
        ["lesson progress", LessonProgress.objects.count()],
        ["quiz attempts", QuizAttempt.objects.count()],
        ["sessions", Session.objects.count()],
        ["session sign-ups", SessionSignup.objects.count()],
        ["attendance", Attendance.objects.count()],
        ["credential types", CredentialType.objects.count()],
        ["credentials", Credential.objects.count()],
    ]
    for status, count in (
        Credential.objects.values_list("status").annotate(c=Count("id")).order_by("status")
    ):
        rows.append([f"· {status}", count])
    rows += [
        ["CE records", CERecord.objects.count()],
        ["supervisor assignments", SupervisorAssignment.objects.count()],
        ["learner-record permissions", LearnerRecordUserPermission.objects.count()],
        ["positions", Position.objects.count()],
    ]
    return [[label, n(value) if isinstance(value, int) else value] for label, value in rows]


def main() -> None:
    if User.objects.filter(email=MARKER_EMAIL).exists():
        text = "## Scale seed: already there\n\n" + table(
            f"Rows in {BENCH_DB} (run with --reset to seed again)",
            ["table", "rows"],
            current_counts(),
        )
        print(text)
        print(f"{time.perf_counter() - START:.1f} s")
        return
    with transaction.atomic():
        seed_users()
        seed_tracks_and_types()
        seed_pages()
        seed_questions()
        seed_sessions()
        plan_enrolments()
        seed_credentials()
        seed_enrolments()
        seed_lesson_progress()
        seed_quiz_attempts()
        seed_signups_and_attendance()
        seed_ce_records()
        seed_supervision()
        seed_positions()
        sanity_check()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    STEPS.append(["analyze", "", f"{time.perf_counter() - started:.1f}"])
    total = time.perf_counter() - START
    text = (
        "## Scale seed\n\n"
        + table(
            f"Seeding the {BENCH_DB} database, per step",
            ["step", "rows", "seconds"],
            STEPS,
        )
        + f"\nTotal: {total:.1f} s\n\n"
        + table("Rows afterwards", ["table", "rows"], current_counts())
    )
    print(text)
    print(f"written to {write_result('seed-scale', text)}")


if __name__ == "__main__":
    main()
