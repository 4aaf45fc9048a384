"""Where a learner stands in a quiz: attempts left, when the next one opens, their grade, and
which review options apply. Pure rules over the learner's attempts (no queries), shared by
the quiz service (which enforces them), the quiz page and the result page (which explain them).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from .models import GradingMethod, QuizAttempt, QuizPage, ReviewState


@dataclass(frozen=True)
class QuizStanding:
    attempts_used: int
    attempts_left: int | None  # None: unlimited
    passed: bool
    awaiting_marking: bool
    open_attempt: QuizAttempt | None
    next_attempt_at: datetime | None  # set while the time between attempts is running
    grade: Decimal | None  # by the quiz's grading method, over scored attempts

    @property
    def can_start(self) -> bool:
        """A new attempt may begin now (an open attempt is continued instead)."""
        return (
            self.open_attempt is None
            and not self.passed
            and not self.awaiting_marking
            and self.attempts_left != 0
            and self.next_attempt_at is None
        )

    @property
    def review_state(self) -> str:
        """Passed; no attempts left; or another attempt to come (the cautious default, which
        also covers an attempt awaiting marking, since its outcome is not known yet)."""
        if self.passed:
            return ReviewState.PASSED
        if self.awaiting_marking or self.open_attempt is not None:
            return ReviewState.RETRY
        if self.attempts_left == 0:
            return ReviewState.FINAL
        return ReviewState.RETRY


def quiz_standing(*, quiz: QuizPage, attempts: list[QuizAttempt], now: datetime) -> QuizStanding:
    finished = [attempt for attempt in attempts if attempt.is_finished]
    open_attempt = next((attempt for attempt in attempts if attempt.is_open), None)
    passed = any(attempt.passed for attempt in attempts)
    awaiting_marking = any(attempt.is_awaiting_marking for attempt in attempts)
    attempts_left = max(quiz.max_attempts - len(attempts), 0) if quiz.max_attempts else None
    next_attempt_at = None
    # Only a wait that is what stands between the learner and their next attempt.
    waiting = not passed and not awaiting_marking and attempts_left != 0
    if quiz.attempt_delay_minutes and finished and waiting:
        last_finished = max(attempt.submitted_at or attempt.started_at for attempt in finished)
        opens = last_finished + timedelta(minutes=quiz.attempt_delay_minutes)
        if opens > now:
            next_attempt_at = opens
    return QuizStanding(
        attempts_used=len(attempts),
        attempts_left=attempts_left,
        passed=passed,
        awaiting_marking=awaiting_marking,
        open_attempt=open_attempt,
        next_attempt_at=next_attempt_at,
        grade=quiz_grade(quiz=quiz, attempts=finished),
    )


def quiz_grade(*, quiz: QuizPage, attempts: list[QuizAttempt]) -> Decimal | None:
    scored = [attempt for attempt in attempts if attempt.score_percent is not None]
    if not scored:
        return None
    if quiz.grading_method == GradingMethod.LAST:
        return max(scored, key=lambda attempt: attempt.number).score_percent
    return max(attempt.score_percent for attempt in scored)
