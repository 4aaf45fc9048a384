"""Quiz item analysis: how each question of a quiz behaves, from the attempts made at it.

Formulas (Moodle's quiz statistics: docs.moodle.org/dev/Quiz_statistics_calculations, and
Moodle's own calculator, question/classes/statistics/questions/calculator.php). The hub marks
each choice question right (1) or wrong (0), so each item's maximum is 1 and minimum 0.

For question i, over the N analysed attempts that were shown it (a quiz that draws a pool
shows each attempt only some questions):

- item score x_i(a) = 1 if attempt a answered i right, else 0;
- rest-of-test score X_i(a) = the attempt's score on its other questions (Σ x_j(a), j ≠ i);
- **facility index** F_i = 100 * mean(x_i) (Moodle: 100 * (x̄_i - x_i(min)) /
  (x_i(max) - x_i(min)), which is the same with marks 0 and 1): the percentage who got it
  right. High is easy;
- **discrimination index** D_i = 100 * r(x_i, X_i), Pearson's correlation of the item score
  with the rest-of-test score: C(x_i, X_i) / √(V(x_i) · V(X_i)), where C and V are the
  covariance and variances over the N attempts. Positive when those who did well on the rest
  of the quiz got this one right more often. Undefined (None) when either has no variance
  (everyone right, or everyone with the same rest score).

Which attempts: each learner's **first** submitted attempt (Moodle's "first attempt"
option), so that retakes by people who have seen the feedback do not flatter the questions.

Flags, from Moodle's reading of the numbers (facility 5 or less "extremely difficult", 95 or
more "extremely easy"; a negative discrimination "the question is probably invalid"),
widened a little for a hub's small cohorts: **very easy** F ≥ 90, **very hard** F ≤ 10,
**negative discrimination** D < 0, each only with at least `MIN_ANSWERS` answers.
"""

import math
from dataclasses import dataclass, field

MIN_ANSWERS = 5
VERY_EASY = 90.0
VERY_HARD = 10.0


@dataclass
class ChoiceCount:
    choice_id: int
    text: str
    is_correct: bool
    picked: int
    percent: float


@dataclass
class ItemStats:
    question_id: int
    number: int
    prompt: str
    answers: int  # N: analysed attempts shown this question
    facility: float | None
    discrimination: float | None
    choices: list[ChoiceCount] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r, or None when either list has no variance (or there are under 2 pairs)."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def item_statistics(
    *,
    questions: list[tuple[int, str, list[tuple[int, str, bool]]]],
    attempts: list[tuple[list[int], dict, dict]],
) -> list[ItemStats]:
    """Statistics per question.

    `questions`: (question id, prompt, [(choice id, text, is correct)]) in quiz order, choice
    questions only. `attempts`: (question ids shown, answers {question id: [choice ids]},
    results {question id: {"correct": bool}}) per analysed attempt, as stored on QuizAttempt.
    """
    analysed = {question_id for question_id, _, _ in questions}
    # Item scores per attempt: {question id: 0/1} for the analysed questions it was shown.
    scores = []
    for shown, _, results in attempts:
        scores.append(
            {
                qid: 1.0 if (results.get(str(qid)) or {}).get("correct") else 0.0
                for qid in shown
                if qid in analysed
            }
        )
    stats = []
    for number, (question_id, prompt, choices) in enumerate(questions, start=1):
        item, rest = [], []
        picked = dict.fromkeys((choice_id for choice_id, _, _ in choices), 0)
        for (_, answers, _), score in zip(attempts, scores, strict=True):
            if question_id not in score:
                continue
            item.append(score[question_id])
            rest.append(sum(score.values()) - score[question_id])
            for choice_id in answers.get(str(question_id), []):
                if choice_id in picked:
                    picked[choice_id] += 1
        n = len(item)
        facility = 100 * sum(item) / n if n else None
        r = pearson(item, rest)
        discrimination = 100 * r if r is not None else None
        flags = []
        if n >= MIN_ANSWERS:
            if facility is not None and facility >= VERY_EASY:
                flags.append("very easy")
            if facility is not None and facility <= VERY_HARD:
                flags.append("very hard")
            if discrimination is not None and discrimination < 0:
                flags.append("negative discrimination")
        stats.append(
            ItemStats(
                question_id=question_id,
                number=number,
                prompt=prompt,
                answers=n,
                facility=facility,
                discrimination=discrimination,
                choices=[
                    ChoiceCount(
                        choice_id=choice_id,
                        text=text,
                        is_correct=is_correct,
                        picked=picked[choice_id],
                        percent=100 * picked[choice_id] / n if n else 0.0,
                    )
                    for choice_id, text, is_correct in choices
                ],
                flags=flags,
            )
        )
    return stats
