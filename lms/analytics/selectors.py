"""Reads for the analytics pages, aggregated in the database: each selector runs a fixed
number of queries whatever the size of the hub (GROUP BY month, track, lesson …), and works
on PostgreSQL and on the demo's SQLite (`aggregates.Median`).

Selectors return plain figures (lists and dicts); `charts.py` turns them into SVG in the views.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Case, Count, F, Max, Q, Sum, When
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone

from certificates.ce_cycles import approved_ce_records, asks_for_ce, ce_progress, rule_versions
from certificates.models import CECategory, CERecord, Credential, CredentialType
from courses.models import (
    Attendance,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    Question,
    QuizAttempt,
    QuizPage,
    Session,
    Track,
)
from courses.models.pages import QuestionKind
from lms.people.models import SupervisorAssignment, User
from lms.supervision.models import SupervisionLog
from lms.supervision.selectors import supervisee_summaries

from .aggregates import Median
from .item_analysis import ItemStats, item_statistics
from .permissions import supervisees_charted_for

MONTHS = 12
STALLED_DAYS = 30


# Periods ----------------------------------------------------------------------------------


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first day of each of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def quarter_starts(today: date, count: int = 4) -> list[date]:
    year, quarter = today.year, (today.month - 1) // 3
    starts = []
    for _ in range(count):
        starts.append(date(year, quarter * 3 + 1, 1))
        year, quarter = (year - 1, 3) if quarter == 0 else (year, quarter - 1)
    return starts[::-1]


def month_label(day: date) -> str:
    return day.strftime("%b %y")


def quarter_label(day: date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day:%y}"


def _day(value) -> date | None:
    """A truncated month as a date (TruncMonth gives a datetime for datetime columns)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _aware_start(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


# Course analytics (trainers) -----------------------------------------------------------------


@dataclass
class Step:
    """A lesson or quiz of a course, in the order learners meet them."""

    page_id: int
    title: str
    module: str
    kind: str  # "lesson" or "quiz"
    started: int = 0
    completed: int = 0
    stopped_here: int = 0
    median_minutes: float | None = None


def course_outline_steps(course: CoursePage) -> list[Step]:
    """Lessons and quizzes in tree order, with their module's title (one query)."""
    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    quiz_type = ContentType.objects.get_for_model(QuizPage).pk
    steps, module = [], ""
    for page_id, title, depth, type_id in (
        course.get_descendants()
        .live()
        .order_by("path")
        .values_list("id", "title", "depth", "content_type_id")
    ):
        if depth == course.depth + 1:
            module = title
        elif type_id in (lesson_type, quiz_type):
            kind = "lesson" if type_id == lesson_type else "quiz"
            steps.append(Step(page_id=page_id, title=title, module=module, kind=kind))
    return steps


def _cumulative(counts: dict[date, int], starts: list[date]) -> list[int]:
    """Running totals at the end of each month in `starts` (earlier months included)."""
    before = sum(n for month, n in counts.items() if month < starts[0])
    totals, running = [], before
    for start in starts:
        running += counts.get(start, 0)
        totals.append(running)
    return totals


def _by_month(queryset, field: str) -> dict[date, int]:
    rows = (
        queryset.exclude(**{f"{field}__isnull": True})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    counts: dict[date, int] = defaultdict(int)
    for month, n in rows:
        counts[_day(month)] += n
    return counts


def course_analytics(*, course: CoursePage, today: date | None = None) -> dict:
    """Enrolment over time, the lesson funnel (where learners stop), median time per lesson
    and session attendance for one course, in 11 queries whatever the number of learners."""
    today = today or timezone.localdate()
    starts = month_starts(today)
    enrolments = Enrolment.objects.filter(course=course)
    enrolled = _by_month(enrolments, "enrolled_at")
    completed = _by_month(enrolments, "completed_at")
    withdrawn = _by_month(enrolments, "withdrawn_at")
    enrolled_total = _cumulative(enrolled, starts)
    completed_total = _cumulative(completed, starts)
    withdrawn_total = _cumulative(withdrawn, starts)
    in_progress = [
        e - c - w for e, c, w in zip(enrolled_total, completed_total, withdrawn_total, strict=True)
    ]

    steps = course_outline_steps(course)
    by_page = {step.page_id: step for step in steps}
    for lesson_id, started, done, median in (
        LessonProgress.objects.filter(enrolment__course=course)
        .values("lesson_id")
        .annotate(
            started=Count("id"),
            done=Count("id", filter=Q(completed_at__isnull=False)),
            median=Median(Case(When(completed_at__isnull=False, then=F("time_spent_seconds")))),
        )
        .values_list("lesson_id", "started", "done", "median")
    ):
        if lesson_id in by_page:
            step = by_page[lesson_id]
            step.started, step.completed = started, done
            step.median_minutes = round(median / 60, 1) if median is not None else None
    for quiz_id, tried, passed in (
        QuizAttempt.objects.filter(enrolment__course=course)
        .exclude(status=QuizAttempt.Status.IN_PROGRESS)
        .values("quiz_id")
        .annotate(
            tried=Count("enrolment", distinct=True),
            passed=Count("enrolment", distinct=True, filter=Q(passed=True)),
        )
        .values_list("quiz_id", "tried", "passed")
    ):
        if quiz_id in by_page:
            by_page[quiz_id].started, by_page[quiz_id].completed = tried, passed

    # Where learners stop: each withdrawn learner, and each learner with nothing done for
    # STALLED_DAYS, counted at the furthest lesson they completed (tree path order).
    path_of = dict(LessonPage.objects.filter(pk__in=by_page).values_list("pk", "path"))
    step_at_path = {path: by_page[pk] for pk, path in path_of.items()}
    stale = _aware_start(today) - timedelta(days=STALLED_DAYS)
    never_started = enrolments.count()
    for status, last_path, last_at in (
        LessonProgress.objects.filter(enrolment__course=course, completed_at__isnull=False)
        .values("enrolment_id", "enrolment__status")
        .annotate(last_path=Max("lesson__path"), last_at=Max("completed_at"))
        .values_list("enrolment__status", "last_path", "last_at")
    ):
        never_started -= 1
        stopped = status == Enrolment.Status.WITHDRAWN or (
            status == Enrolment.Status.ACTIVE and last_at < stale
        )
        if stopped and last_path in step_at_path:
            step_at_path[last_path].stopped_here += 1

    sessions = list(
        Session.objects.filter(course=course)
        .annotate(signed_up=Count("signups"))
        .order_by("-starts_at")[:12]
    )
    attended = {
        session_id: (n, hours)
        for session_id, n, hours in Attendance.objects.filter(
            session__in=[session.pk for session in sessions]
        )
        .values("session_id")
        .annotate(n=Count("id"), hours=Sum("hours"))
        .values_list("session_id", "n", "hours")
    }
    session_rows = [
        {
            "session": session,
            "signed_up": session.signed_up,
            "attended": attended.get(session.pk, (0, None))[0],
            "hours": attended.get(session.pk, (0, Decimal("0")))[1] or Decimal("0"),
        }
        for session in reversed(sessions)
    ]
    return {
        "course": course,
        "months": [month_label(start) for start in starts],
        "enrolled": enrolled_total,
        "in_progress": in_progress,
        "completed": completed_total,
        "steps": steps,
        "never_started": max(never_started, 0),
        "sessions": session_rows,
    }


def quiz_item_analysis(*, quiz: QuizPage) -> dict:
    """Item statistics for each choice question of a quiz, from each learner's first
    submitted attempt (`item_analysis` has the formulas), in 3 queries."""
    questions = []
    reflections = 0
    for question in (
        Question.objects.filter(quiz=quiz).prefetch_related("choices").order_by("sort_order", "pk")
    ):
        if question.kind not in QuestionKind.with_choices():
            reflections += 1
            continue
        questions.append(
            (
                question.pk,
                question.prompt,
                [(choice.pk, choice.text, choice.is_correct) for choice in question.choices.all()],
            )
        )
    attempts, seen = [], set()
    for enrolment_id, shown, answers, results in (
        QuizAttempt.objects.filter(quiz=quiz, status=QuizAttempt.Status.SUBMITTED)
        .order_by("enrolment_id", "number")
        .values_list("enrolment_id", "question_ids", "answers", "results")
    ):
        if enrolment_id in seen:
            continue
        seen.add(enrolment_id)
        attempts.append((shown, answers or {}, results or {}))
    items: list[ItemStats] = item_statistics(questions=questions, attempts=attempts)
    return {"quiz": quiz, "items": items, "attempts": len(attempts), "reflections": reflections}


# Hub dashboard (lead trainers, administrators) -------------------------------------------


def _periods(today: date, by: str) -> tuple[list[date], list[str], type]:
    if by == "quarter":
        starts = quarter_starts(today)
        return starts, [quarter_label(start) for start in starts], TruncQuarter
    starts = month_starts(today)
    return starts, [month_label(start) for start in starts], TruncMonth


def peers_trained_by_track(*, today: date, by: str = "month") -> dict:
    """Distinct peers who completed a course of each track, per month or quarter (2 queries)."""
    starts, labels, trunc = _periods(today, by)
    counts: dict[tuple[int, date], int] = {}
    for track_id, period, n in (
        Enrolment.objects.filter(
            status=Enrolment.Status.COMPLETED, completed_at__gte=_aware_start(starts[0])
        )
        .annotate(period=trunc("completed_at"))
        .values("course__track_id", "period")
        .annotate(n=Count("learner", distinct=True))
        .values_list("course__track_id", "period", "n")
    ):
        counts[(track_id, _day(period))] = n
    series = []
    for track in Track.objects.order_by("sort_order", "name"):
        values = [counts.get((track.pk, start), 0) for start in starts]
        if any(values):
            series.append((track.name, values))
    return {"labels": labels, "series": series}


def credential_flow(*, today: date) -> dict:
    """Credentials issued new, renewed, and lapsed (expired without renewal) per month
    (2 queries). Revoked credentials are not counted as issued."""
    starts = month_starts(today)
    issued: dict[tuple[date, str], int] = {}
    for period, issued_as, n in (
        Credential.objects.filter(issued_on__gte=starts[0])
        .exclude(status=Credential.Status.REVOKED)
        .annotate(period=TruncMonth("issued_on"))
        .values("period", "issued_as")
        .annotate(n=Count("id"))
        .values_list("period", "issued_as", "n")
    ):
        issued[(_day(period), issued_as)] = n
    lapsed = dict(
        Credential.objects.filter(
            status=Credential.Status.EXPIRED, expires_on__gte=starts[0], expires_on__lte=today
        )
        .annotate(period=TruncMonth("expires_on"))
        .values("period")
        .annotate(n=Count("id"))
        .values_list("period", "n")
    )
    lapsed = {_day(period): n for period, n in lapsed.items()}
    return {
        "labels": [month_label(start) for start in starts],
        "series": [
            ("Issued (new)", [issued.get((s, Credential.IssuedAs.NEW), 0) for s in starts]),
            ("Renewed", [issued.get((s, Credential.IssuedAs.RENEWAL), 0) for s in starts]),
            ("Lapsed", [lapsed.get(s, 0) for s in starts]),
        ],
    }


def credentials_expiring(*, today: date) -> dict:
    """Current credentials expiring within 30, 31 to 60 and 61 to 90 days, by type (1 query)."""
    rows = (
        Credential.objects.filter(
            status__in=Credential.CURRENT_STATUSES,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=90),
        )
        .values("credential_type__name")
        .annotate(
            d30=Count("id", filter=Q(expires_on__lte=today + timedelta(days=30))),
            d60=Count(
                "id",
                filter=Q(
                    expires_on__gt=today + timedelta(days=30),
                    expires_on__lte=today + timedelta(days=60),
                ),
            ),
            d90=Count("id", filter=Q(expires_on__gt=today + timedelta(days=60))),
        )
        .order_by("credential_type__name")
        .values_list("credential_type__name", "d30", "d60", "d90")
    )
    rows = list(rows)
    return {
        "labels": [name for name, *_ in rows],
        "series": [
            ("Within 30 days", [r[1] for r in rows]),
            ("31 to 60 days", [r[2] for r in rows]),
            ("61 to 90 days", [r[3] for r in rows]),
        ],
    }


def _data_version(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def ce_data_version() -> str:
    """Changes whenever a credential or an approved CE record is added or changes state
    (2 queries): the key the CE compliance figures are cached under."""
    credentials = Credential.objects.aggregate(
        n=Count("id"),
        last=Max("created_at"),
        revoked=Max("revoked_at"),
        current=Count("id", filter=Q(status__in=Credential.CURRENT_STATUSES)),
    )
    records = CERecord.objects.aggregate(
        n=Count("id", filter=Q(status=CERecord.Status.APPROVED)),
        last=Max("reviewed_at"),
        created=Max("created_at"),
    )
    return _data_version(sorted(credentials.items()), sorted(records.items()))


def ce_compliance(*, today: date) -> list[dict]:
    """Per credential type that asks for CE: how many current credentials have met the
    cycle's CE (`certificates.ce_cycles.ce_progress`: hours, carry-forward and category
    minimums), cached until a credential or CE record changes (`ce_data_version`).

    The rules need each holder's records in Python, so a cold run reads every current
    credential once (7 queries) and a warm one reads only the version (2 queries).
    """
    key = f"analytics:ce-compliance:{today.isoformat()}:{ce_data_version()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    # Types with a CE rule version that asks for hours or a category; each cycle is judged by
    # the version in force on its first day, so every version is loaded (prefetched).
    types = {
        credential_type.pk: credential_type
        for credential_type in CredentialType.objects.filter(ce_rules__isnull=False)
        .distinct()
        .prefetch_related("ce_rules__category_rules__category")
        if asks_for_ce(rule_versions(credential_type))
    }
    dates = (
        "credential_type_id",
        "status",
        "issued_on",
        "expires_on",
        "supersedes_id",
        "issued_as",
    )
    credentials = list(
        Credential.objects.filter(
            credential_type_id__in=types,
            status__in=Credential.CURRENT_STATUSES,
            expires_on__isnull=False,
        )
        .select_related("supersedes__supersedes")
        .only(
            "holder_id",
            *dates,
            *(f"supersedes__{name}" for name in dates),
            *(f"supersedes__supersedes__{name}" for name in dates),
        )
    )
    records = approved_ce_records(holder_ids={c.holder_id for c in credentials})
    met, total = Counter(), Counter()
    for credential in credentials:
        credential.credential_type = types[credential.credential_type_id]
        if credential.supersedes_id:
            credential.supersedes.credential_type = credential.credential_type
            if credential.supersedes.supersedes_id:
                credential.supersedes.supersedes.credential_type = credential.credential_type
        progress = ce_progress(
            credential, approved_records=records[credential.holder_id], today=today
        )
        if progress is None:
            continue
        total[credential.credential_type_id] += 1
        met[credential.credential_type_id] += progress.met
    result = [
        {
            "name": types[type_id].name,
            "met": met[type_id],
            "total": total[type_id],
            "rate": round(100 * met[type_id] / total[type_id]) if total[type_id] else 0,
        }
        for type_id in sorted(total, key=lambda pk: types[pk].name)
    ]
    cache.set(key, result, timeout=60 * 60 * 24)
    return result


LOAD_BANDS = [(1, 5), (6, 10), (11, 20), (21, 30), (31, 40), (41, None)]


def supervisor_load(*, today: date) -> dict:
    """Supervisees per supervisor (current assignments) as bands, and the ten busiest
    supervisors (2 queries)."""
    load = dict(
        SupervisorAssignment.objects.current(today)
        .values("supervisor_id")
        .annotate(n=Count("peer", distinct=True))
        .values_list("supervisor_id", "n")
    )
    bands = []
    for low, high in LOAD_BANDS:
        label = f"{low} to {high} supervisees" if high else f"{low} or more supervisees"
        bands.append(
            (label, sum(1 for n in load.values() if n >= low and (high is None or n <= high)))
        )
    busiest = sorted(load.items(), key=lambda item: -item[1])[:10]
    names = dict(
        User.objects.filter(pk__in=[pk for pk, _ in busiest]).values_list("pk", "preferred_name")
    )
    return {
        "bands": bands,
        "busiest": [(names.get(pk, "?"), n) for pk, n in busiest],
        "supervisors": len(load),
        "supervisees": sum(load.values()),
    }


# Supervisor view --------------------------------------------------------------------------


def supervision_analytics(*, supervisor, today: date | None = None) -> dict:
    """Each supervisee's CE against their cycle (lms.supervision's summaries: a fixed
    number of queries) and the supervisor's supervision minutes per month (1 query)."""
    today = today or timezone.localdate()
    summaries = supervisee_summaries(supervisees=supervisees_charted_for(supervisor))
    starts = month_starts(today)
    minutes = {
        _day(period): total
        for period, total in SupervisionLog.objects.filter(
            supervisor=supervisor, held_on__gte=starts[0]
        )
        .annotate(period=TruncMonth("held_on"))
        .values("period")
        .annotate(total=Sum("duration_minutes"))
        .values_list("period", "total")
    }
    return {
        "summaries": summaries,
        "months": [month_label(start) for start in starts],
        "minutes": [minutes.get(start, 0) for start in starts],
    }


# Funder report (counts only) -------------------------------------------------------------


def funder_data_version() -> str:
    """Changes whenever anything a funder report counts is added or changes (6 queries)."""
    return _data_version(
        sorted(
            Enrolment.objects.aggregate(
                n=Count("id"), done=Max("completed_at"), m=Max("enrolled_at")
            ).items()
        ),
        sorted(Attendance.objects.aggregate(n=Count("id"), m=Max("recorded_at")).items()),
        sorted(
            LessonProgress.objects.aggregate(
                n=Count("id"), m=Max("completed_at"), s=Sum("time_spent_seconds")
            ).items()
        ),
        ce_data_version(),
        sorted(Track.objects.aggregate(n=Count("id"), m=Max("pk")).items()),
    )


def _hours(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.1"))


def funder_report_figures(*, start: date, end: date, track_ids: list[int]) -> dict:
    """The funder report's numbers for a period and tracks: counts and hours only, never a
    person (8 queries). Hours delivered are attendance hours at sessions held in the period
    plus the time learners spent on lessons they completed in it."""
    tracks = list(Track.objects.filter(pk__in=track_ids).order_by("sort_order", "name"))
    track_names = {track.pk: track.name for track in tracks}
    window = Q(
        completed_at__gte=_aware_start(start),
        completed_at__lt=_aware_start(end + timedelta(days=1)),
    )
    completed = Enrolment.objects.filter(
        window, status=Enrolment.Status.COMPLETED, course__track_id__in=track_ids
    )
    trained_by_track = dict(
        completed.values("course__track_id")
        .annotate(n=Count("learner", distinct=True))
        .values_list("course__track_id", "n")
    )
    trained_total = completed.values("learner").distinct().count()
    delivery_labels = dict(CoursePage._meta.get_field("delivery").choices)
    hours: dict[tuple[int, str], dict] = defaultdict(
        lambda: {"in_person": Decimal("0"), "online": Decimal("0")}
    )
    for track_id, delivery, total in (
        Attendance.objects.filter(
            session__starts_at__gte=_aware_start(start),
            session__starts_at__lt=_aware_start(end + timedelta(days=1)),
            session__course__track_id__in=track_ids,
        )
        .values("session__course__track_id", "session__course__delivery")
        .annotate(total=Sum("hours"))
        .values_list("session__course__track_id", "session__course__delivery", "total")
    ):
        hours[(track_id, delivery)]["in_person"] += Decimal(total or 0)
    for track_id, delivery, seconds in (
        LessonProgress.objects.filter(window, enrolment__course__track_id__in=track_ids)
        .values("enrolment__course__track_id", "enrolment__course__delivery")
        .annotate(seconds=Sum("time_spent_seconds"))
        .values_list("enrolment__course__track_id", "enrolment__course__delivery", "seconds")
    ):
        hours[(track_id, delivery)]["online"] += Decimal(seconds or 0) / 3600
    hours_rows = [
        {
            "track": track_names[track_id],
            "delivery": delivery_labels.get(delivery, delivery),
            "in_person": _hours(values["in_person"]),
            "online": _hours(values["online"]),
            "total": _hours(values["in_person"] + values["online"]),
        }
        for (track_id, delivery), values in sorted(
            hours.items(), key=lambda item: (track_names[item[0][0]], item[0][1])
        )
    ]
    # Certifications the chosen tracks lead to: types a course of theirs awards or renews
    # (a refresher); another body's licence a peer records is not the tracks' output.
    track_types = CredentialType.objects.filter(
        Q(awarding_courses__track_id__in=track_ids)
        | Q(refresher_course__coursepage__track_id__in=track_ids)
    )
    certifications = []
    for name, new, renewed in (
        Credential.objects.filter(
            issued_on__gte=start, issued_on__lte=end, credential_type__in=track_types
        )
        .exclude(status=Credential.Status.REVOKED)
        .values("credential_type__name")
        .annotate(
            new=Count("id", filter=Q(issued_as=Credential.IssuedAs.NEW)),
            renewed=Count("id", filter=Q(issued_as=Credential.IssuedAs.RENEWAL)),
        )
        .order_by("credential_type__name")
        .values_list("credential_type__name", "new", "renewed")
    ):
        certifications.append({"type": name, "issued": new, "renewed": renewed})
    categories = dict(CECategory.objects.values_list("pk", "name"))
    ce_rows = []
    for category_id, total, people in (
        CERecord.objects.filter(
            status=CERecord.Status.APPROVED, completed_on__gte=start, completed_on__lte=end
        )
        .values("category_id")
        .annotate(total=Sum("hours"), people=Count("holder", distinct=True))
        .order_by("category_id")
        .values_list("category_id", "total", "people")
    ):
        ce_rows.append(
            {
                "category": categories.get(category_id, "No category"),
                "hours": _hours(total),
                "people": people,
            }
        )
    return {
        "start": start,
        "end": end,
        "tracks": [track.name for track in tracks],
        "trained_total": trained_total,
        "trained_by_track": [
            {"track": track.name, "peers": trained_by_track.get(track.pk, 0)} for track in tracks
        ],
        "hours": hours_rows,
        "hours_total": _hours(sum((row["total"] for row in hours_rows), Decimal("0"))),
        "certifications": certifications,
        "ce": ce_rows,
        "ce_total": _hours(sum((row["hours"] for row in ce_rows), Decimal("0"))),
    }
