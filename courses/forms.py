from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from lms.core.periods import period_check
from lms.core.text import hours_text
from lms.people.forms import NormalisedEmailField
from lms.people.models import User

from .models import Attendance, Enrolment, Question, Session
from .services.quizzes import FEEDBACK_MAX_CHARACTERS, ReflectionMark
from .services.sessions import AttendanceLine


class AttendanceForm(forms.Form):
    """One row per signed-up peer (plus anyone already recorded): hours attended."""

    def __init__(self, *, session: Session, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        recorded = dict(
            Attendance.objects.filter(session=session).values_list("enrolment_id", "hours")
        )
        enrolments = (
            Enrolment.objects.filter(course_id=session.course_id)
            .exclude(status__in=Enrolment.CLOSED_EARLY)
            .filter(session_signups__session=session)
            .select_related("learner")
            .order_by("learner__preferred_name")
        )
        self.rows = []
        for enrolment in enrolments:
            name = f"hours_{enrolment.pk}"
            self.fields[name] = forms.DecimalField(
                label=f"{enrolment.learner.preferred_name} ({enrolment.learner.certificate_name})",
                min_value=Decimal("0"),
                max_value=session.hours,
                decimal_places=2,
                max_digits=4,
                initial=recorded.get(enrolment.pk, session.hours),
                help_text=f"0 to {hours_text(session.hours)}; 0 means absent.",
            )
            self.rows.append((enrolment, self[name]))

    def lines(self) -> list[AttendanceLine]:
        return [
            AttendanceLine(enrolment_id=int(name.removeprefix("hours_")), hours=str(value))
            for name, value in self.cleaned_data.items()
            if name.startswith("hours_") and value is not None
        ]


class EnrolLearnerForm(forms.Form):
    email = NormalisedEmailField(label="The learner's email address")

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.learner = User.objects.by_email(email).filter(is_active=True).first()
        if self.learner is None:
            raise forms.ValidationError("No active account uses that email address.")
        return email


class ReflectionMarkingForm(forms.Form):
    """One judgement and one comment per reflection in an attempt."""

    OUTCOMES = [("meets", "Meets the standard"), ("not_yet", "Not yet")]

    def __init__(self, *, reflections: list[Question], **kwargs):
        super().__init__(**kwargs)
        self.rows = []
        for question in reflections:
            outcome = f"outcome_{question.pk}"
            feedback = f"feedback_{question.pk}"
            self.fields[outcome] = forms.ChoiceField(
                label="Your judgement",
                choices=self.OUTCOMES,
                widget=forms.RadioSelect,
                error_messages={"required": "Please choose one."},
            )
            self.fields[feedback] = forms.CharField(
                label="Feedback for the learner",
                required=False,
                max_length=FEEDBACK_MAX_CHARACTERS,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Optional. Plain, respectful words: what went well, what to build on.",
            )
            self.rows.append((question, self[outcome], self[feedback]))

    def marks(self) -> dict[int, ReflectionMark]:
        return {
            question.pk: ReflectionMark(
                meets_standard=self.cleaned_data[f"outcome_{question.pk}"] == "meets",
                feedback=self.cleaned_data[f"feedback_{question.pk}"],
            )
            for question, _outcome, _feedback in self.rows
        }


class RosterForm(forms.Form):
    """The period of a CE roster: completions from one day to another, both included."""

    start = forms.DateField(label="Completed from", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label="Up to and including", widget=forms.DateInput(attrs={"type": "date"})
    )

    @staticmethod
    def initial_period() -> dict:
        today = timezone.localdate()
        return {"start": date(today.year, 1, 1), "end": today}

    def clean(self):
        cleaned = super().clean()
        period_check(cleaned.get("start"), cleaned.get("end"))
        return cleaned
