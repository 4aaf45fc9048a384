"""The charts of each analytics page, from the selectors' figures (used by the pages and by
the funder report's PDF)."""

from django.urls import reverse

from .charts import Chart, bar_chart, column_chart, line_chart, number, stacked_bar_chart


def _admin_edit(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def course_charts(figures: dict) -> list[Chart]:
    course = figures["course"]
    edit = [("Edit the course in the admin", _admin_edit(course.pk))]
    enrolment = line_chart(
        chart_id="enrolment",
        title="Learners enrolled, in progress and completed",
        labels=figures["months"],
        series=[
            ("Enrolled", figures["enrolled"]),
            ("In progress", figures["in_progress"]),
            ("Completed", figures["completed"]),
        ],
        summary=(
            f"By {figures['months'][-1]}: {number(figures['enrolled'][-1])} enrolled in all, "
            f"{number(figures['in_progress'][-1])} in progress, "
            f"{number(figures['completed'][-1])} completed."
        ),
    )
    enrolment.links = edit
    steps = figures["steps"]
    labels = [f"{step.module}: {step.title}" for step in steps]
    stops = sorted(steps, key=lambda step: -step.stopped_here)
    stop_text = (
        f"Most learners who stopped did so after “{stops[0].title}” ({stops[0].stopped_here})."
        if stops and stops[0].stopped_here
        else "No learner has stopped partway yet."
    )
    funnel = stacked_bar_chart(
        chart_id="funnel",
        title="Learners who finished each lesson and passed each quiz",
        labels=labels,
        series=[
            ("Finished and went on", [max(s.completed - s.stopped_here, 0) for s in steps]),
            ("Finished, then stopped here", [min(s.stopped_here, s.completed) for s in steps]),
        ],
        summary=(
            f"{number(steps[0].completed) if steps else 0} finished the first step and "
            f"{number(steps[-1].completed) if steps else 0} the last; "
            f"{number(figures['never_started'])} enrolled but finished no lesson. {stop_text}"
        ),
    )
    funnel.columns = ["Step", "Started", "Finished", "Stopped here"]
    funnel.rows = [
        [label, number(step.started), number(step.completed), number(step.stopped_here)]
        for label, step in zip(labels, steps, strict=True)
    ]
    funnel.links = edit + [
        (f"Edit “{step.title}”", _admin_edit(step.page_id))
        for step in stops[:3]
        if step.stopped_here
    ]
    lessons = [step for step in steps if step.kind == "lesson"]
    # Time is counted while a lesson is open; a median of 0 means none was recorded.
    timed = [step for step in lessons if step.median_minutes]
    slowest = max(timed, key=lambda step: step.median_minutes, default=None)
    time_chart = bar_chart(
        chart_id="lesson-time",
        title="Median time per lesson (minutes, learners who finished it)",
        labels=[f"{step.module}: {step.title}" for step in lessons],
        values=[step.median_minutes for step in lessons],
        unit="min",
        value_name="Median minutes",
        summary=(
            f"The slowest lesson is “{slowest.title}” at a median of "
            f"{number(slowest.median_minutes)} minutes."
            if slowest
            else "No time has been recorded on a finished lesson yet."
        ),
    )
    time_chart.links = edit + (
        [(f"Edit “{slowest.title}”", _admin_edit(slowest.page_id))] if slowest else []
    )
    sessions = figures["sessions"]
    attendance = stacked_bar_chart(
        chart_id="attendance",
        title="Session attendance",
        labels=[f"{row['session'].starts_at:%d %b %Y}: {row['session'].title}" for row in sessions],
        series=[
            ("Attended", [row["attended"] for row in sessions]),
            (
                "Signed up, not recorded as attending",
                [max(row["signed_up"] - row["attended"], 0) for row in sessions],
            ),
        ],
        summary=(
            f"{len(sessions)} sessions; {number(sum(row['attended'] for row in sessions))} "
            f"attendances, {number(sum(row['hours'] for row in sessions))} hours in all."
            if sessions
            else "This course has no sessions."
        ),
    )
    attendance.links = edit
    return [enrolment, funnel, time_chart, attendance]


def quiz_charts(figures: dict) -> list[Chart]:
    quiz = figures["quiz"]
    charts = []
    for item in figures["items"]:
        chart = bar_chart(
            chart_id=f"q{item.question_id}",
            title=f"Question {item.number}: how often each choice was picked",
            labels=[f"{'✓ ' if choice.is_correct else ''}{choice.text}" for choice in item.choices],
            values=[choice.picked for choice in item.choices],
            value_name="Picked",
            summary=(
                f"{item.answers} answers; facility {number(item.facility)}%, discrimination "
                f"{number(item.discrimination)}."
                + (f" Flagged: {', '.join(item.flags)}." if item.flags else "")
            ),
        )
        chart.columns = ["Choice", "Picked", "Share of answers"]
        chart.rows = [
            [
                f"{choice.text}{' (right answer)' if choice.is_correct else ''}",
                number(choice.picked),
                f"{choice.percent:.0f}%",
            ]
            for choice in item.choices
        ]
        chart.links = [("Edit the quiz in the admin", _admin_edit(quiz.pk))]
        charts.append((item, chart))
    return charts


def hub_charts(figures: dict) -> list[Chart]:
    trained = figures["trained"]
    total = sum(sum(values) for _, values in trained["series"])
    charts = [
        column_chart(
            chart_id="trained",
            title=f"Peers trained per track, by {figures['by']}",
            labels=trained["labels"],
            series=trained["series"],
            summary=(
                f"{number(total)} course completions by distinct peers across "
                f"{len(trained['series'])} tracks in the last {len(trained['labels'])} "
                f"{figures['by']}s."
            ),
        ),
    ]
    flow = figures["flow"]
    charts.append(
        line_chart(
            chart_id="credential-flow",
            title="Credentials issued, renewed and lapsed per month",
            labels=flow["labels"],
            series=flow["series"],
            summary="; ".join(
                f"{name}: {number(sum(values))} in 12 months" for name, values in flow["series"]
            )
            + ".",
        )
    )
    expiring = figures["expiring"]
    charts.append(
        stacked_bar_chart(
            chart_id="expiring",
            title="Credentials expiring in the next 90 days, by type",
            labels=expiring["labels"],
            series=expiring["series"],
            summary=(
                "; ".join(f"{name}: {number(sum(values))}" for name, values in expiring["series"])
                + "."
            ),
        )
    )
    compliance = figures["ce"]
    ce_chart = bar_chart(
        chart_id="ce-compliance",
        title="CE on track this cycle, by credential type (%)",
        labels=[row["name"] for row in compliance],
        values=[row["rate"] for row in compliance],
        unit="%",
        summary="; ".join(
            f"{row['name']}: {row['met']} of {row['total']} ({row['rate']}%)" for row in compliance
        )
        + "."
        if compliance
        else "No current credential asks for CE.",
    )
    ce_chart.columns = ["Credential type", "Met", "Current credentials", "Rate"]
    ce_chart.rows = [
        [row["name"], number(row["met"]), number(row["total"]), f"{row['rate']}%"]
        for row in compliance
    ]
    charts.append(ce_chart)
    load = figures["load"]
    load_chart = bar_chart(
        chart_id="supervisor-load",
        title="Supervisors by number of supervisees",
        labels=[label for label, _ in load["bands"]],
        values=[n for _, n in load["bands"]],
        value_name="Supervisors",
        summary=(
            f"{_count(load['supervisors'], 'supervisor')} with "
            f"{_count(load['supervisees'], 'supervisee')}; "
            + (
                f"the busiest has {load['busiest'][0][1]}."
                if load["busiest"]
                else "no current assignments."
            )
        ),
    )
    charts.append(load_chart)
    return charts


def supervision_charts(figures: dict) -> list[Chart]:
    with_ce = [s for s in figures["summaries"] if s.ce is not None]
    met = sum(1 for s in with_ce if s.ce.met)
    ce_chart = stacked_bar_chart(
        chart_id="supervisee-ce",
        title="Each supervisee's CE this cycle (hours)",
        labels=[
            f"{s.person.preferred_name}: {s.ce.credential.credential_type.name}" for s in with_ce
        ],
        series=[
            ("Earned or carried", [s.ce.total for s in with_ce]),
            ("Still to earn", [s.ce.to_go for s in with_ce]),
        ],
        unit="h",
        summary=(
            f"{met} of {len(with_ce)} supervisees with a CE requirement have met it this cycle."
            if with_ce
            else "None of your supervisees holds a credential that asks for CE."
        ),
    )
    ce_chart.columns = ["Supervisee", "Earned or carried", "Still to earn", "Cycle ends"]
    ce_chart.rows = [
        [
            f"{s.person.preferred_name}: {s.ce.credential.credential_type.name}",
            number(s.ce.total),
            number(s.ce.to_go),
            f"{s.ce.cycle_end:%d %b %Y}",
        ]
        for s in with_ce
    ]
    minutes = column_chart(
        chart_id="supervision-minutes",
        title="Your supervision minutes per month",
        labels=figures["months"],
        series=[("Minutes", figures["minutes"])],
        unit="min",
        summary=(
            f"{number(sum(figures['minutes']))} minutes of supervision recorded in the last "
            f"12 months, {number(figures['minutes'][-1])} this month."
        ),
    )
    return [ce_chart, minutes]


def funder_charts(figures: dict) -> list[Chart]:
    trained = bar_chart(
        chart_id="funder-trained",
        title="Peers trained, by track",
        labels=[row["track"] for row in figures["trained_by_track"]],
        values=[row["peers"] for row in figures["trained_by_track"]],
        value_name="Peers trained",
        summary=f"{figures['trained_total']} peers completed at least one course.",
    )
    hours = stacked_bar_chart(
        chart_id="funder-hours",
        title="Hours delivered, by track and delivery",
        labels=[f"{row['track']} ({row['delivery']})" for row in figures["hours"]],
        series=[
            ("In person", [row["in_person"] for row in figures["hours"]]),
            ("Online", [row["online"] for row in figures["hours"]]),
        ],
        unit="h",
        summary=f"{number(figures['hours_total'])} hours delivered in all.",
    )
    certifications = stacked_bar_chart(
        chart_id="funder-certifications",
        title="Certifications issued and renewed",
        labels=[row["type"] for row in figures["certifications"]],
        series=[
            ("Issued", [row["issued"] for row in figures["certifications"]]),
            ("Renewed", [row["renewed"] for row in figures["certifications"]]),
        ],
        summary=(
            f"{sum(row['issued'] for row in figures['certifications'])} issued and "
            f"{sum(row['renewed'] for row in figures['certifications'])} renewed."
        ),
    )
    ce = bar_chart(
        chart_id="funder-ce",
        title="Approved CE hours, by category",
        labels=[row["category"] for row in figures["ce"]],
        values=[row["hours"] for row in figures["ce"]],
        unit="h",
        value_name="Approved CE hours",
        summary=f"{number(figures['ce_total'])} approved CE hours.",
    )
    return [trained, hours, certifications, ce]


def _count(n: int, noun: str) -> str:
    """ "1 supervisor", "2 supervisors"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
