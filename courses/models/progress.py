from django.db import models
from django.db.models import F, Q


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(
        "courses.Enrolment", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    time_spent_seconds = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_progress_once"),
            models.CheckConstraint(
                condition=Q(time_spent_seconds__gte=0) & Q(time_spent_seconds__lte=86_400),
                name="lesson_progress_time_in_range",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("started_at")),
                name="lesson_progress_completed_after_start",
            ),
        ]

    def __str__(self):
        return f"Lesson {self.lesson_id} for enrolment {self.enrolment_id}"
