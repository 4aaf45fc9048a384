from django.conf import settings
from django.db import models
from django.db.models import Q


class QuizAttempt(models.Model):
    """One try at a quiz. Its draw, order and answers are fixed; once submitted it never changes."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        TIMED_OUT = "timed_out", "Time ran out"
        # Submitted with a written reflection a trainer has not marked yet: no score, no pass.
        AWAITING_MARKING = "awaiting_marking", "Awaiting marking"

    enrolment = models.ForeignKey(
        "courses.Enrolment", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey("courses.QuizPage", on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    seed = models.BigIntegerField(help_text="Seeds the draw and order, so a reload keeps them.")
    question_ids = models.JSONField(default=list)
    choice_orders = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    deadline_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    results = models.JSONField(default=dict, blank=True)
    score_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    # Reflection answers (question id → text), apart from `answers` (question id → choice ids).
    written_answers = models.JSONField(default=dict, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The trainer who marked the reflections.",
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="quiz_attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(status="in_progress"),
                name="quiz_attempt_one_open",
            ),
            models.CheckConstraint(
                condition=Q(score_percent__isnull=True)
                | (Q(score_percent__gte=0) & Q(score_percent__lte=100)),
                name="quiz_attempt_score_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted")
                | (Q(submitted_at__isnull=False) & Q(score_percent__isnull=False)),
                name="quiz_attempt_submitted_is_scored",
            ),
            models.CheckConstraint(
                condition=~Q(status="awaiting_marking")
                | (
                    Q(submitted_at__isnull=False)
                    & Q(score_percent__isnull=True)
                    & Q(passed__isnull=True)
                ),
                name="quiz_attempt_awaiting_marking_is_unscored",
            ),
        ]
        indexes = [
            models.Index(fields=["enrolment", "quiz", "passed"]),
            # The trainers' marking queue: a handful of rows among every attempt ever made.
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="awaiting_marking"),
                name="quiz_attempt_marking_queue",
            ),
        ]

    def __str__(self):
        return f"Attempt {self.number} at quiz {self.quiz_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def is_awaiting_marking(self) -> bool:
        return self.status == self.Status.AWAITING_MARKING

    @property
    def is_finished(self) -> bool:
        return self.status != self.Status.IN_PROGRESS
