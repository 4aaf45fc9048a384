"""What a CE certificate tells a licensing board, as printed when it was issued.

Boards audit CE by the certificate: Montana keeps "the participant's name, course title and
description, presenter, dates and hours" (ARM 24.219.421 record keeping); NAADAC asks its
approved providers for learning objectives and the provider number on every certificate;
a CE-tracking service wants the hours by subject and the format (live or self-paced). The
course can change after a learner completes it, so the certificate keeps its own copy, as
`Credential.ce_details` (JSON, written once at issue). This module is its one shape.
"""

from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from lms.core.text import hours_number

QUARTER_HOUR = Decimal("0.25")


def floor_to_quarter_hour(hours: Decimal) -> Decimal:
    """Partial credit is given in whole quarter hours attended, never rounded up."""
    return (hours / QUARTER_HOUR).to_integral_value(rounding=ROUND_FLOOR) * QUARTER_HOUR


def split_in_quarter_hours(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`total` (whole quarter hours) shared in proportion to `weights`, each share in whole
    quarter hours and the shares adding up to `total` exactly: each takes its floor, and
    the quarters left go to the largest remainders (first come first on a tie)."""
    quarters = int(total / QUARTER_HOUR)
    whole = sum(weights, Decimal("0"))
    if not whole:
        return [Decimal("0") for _ in weights]
    exact = [quarters * weight / whole for weight in weights]
    shares = [int(share) for share in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: quarters - sum(shares)]:
        shares[index] += 1
    return [share * QUARTER_HOUR for share in shares]


@dataclass(frozen=True)
class Presenter:
    name: str
    credentials: str = ""

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def approval_text(body: str, provider_number: str, approval_number: str) -> str:
    """One body's numbers as printed: "NAADAC: provider no. 1234, approval no. 56"."""
    numbers = ", ".join(
        part
        for part in (
            f"provider no. {provider_number}" if provider_number else "",
            f"approval no. {approval_number}" if approval_number else "",
        )
        if part
    )
    return f"{body or 'CE approval'}: {numbers}" if numbers else body


@dataclass(frozen=True)
class Approval:
    body: str
    provider_number: str = ""
    approval_number: str = ""

    def __str__(self):
        return approval_text(self.body, self.provider_number, self.approval_number)


@dataclass(frozen=True)
class CategoryHours:
    category: str  # the CE category's name; "" when the hours have none
    hours: Decimal


@dataclass(frozen=True)
class CEDetails:
    objectives: tuple[str, ...] = ()
    presenters: tuple[Presenter, ...] = ()
    approvals: tuple[Approval, ...] = ()
    hours_by_category: tuple[CategoryHours, ...] = ()
    delivery: str = ""  # in a board's words: "Live, in person", "Self-paced online", …
    dates: tuple[date, ...] = ()  # days attended (live sessions), else the completion day
    # Partial credit: the hours the learner attended of the hours the whole course gives.
    attended_hours: Decimal | None = None
    course_ce_hours: Decimal | None = None
    signatory_name: str = ""
    signatory_title: str = ""
    hub_provider_number: str = ""

    @property
    def hours_by_category_text(self) -> str:
        """ "2 Suicide prevention; 4 Ethics and boundaries", hours as people write them."""
        return "; ".join(
            f"{hours_number(row.hours)} {row.category or 'without a category'}"
            for row in self.hours_by_category
        )

    @property
    def is_partial(self) -> bool:
        return self.attended_hours is not None

    @property
    def is_empty(self) -> bool:
        return self == CEDetails()

    def as_json(self) -> dict:
        data = asdict(self)
        data["hours_by_category"] = [
            {"category": row.category, "hours": str(row.hours)} for row in self.hours_by_category
        ]
        data["dates"] = [day.isoformat() for day in self.dates]
        for name in ("attended_hours", "course_ce_hours"):
            data[name] = None if data[name] is None else str(data[name])
        return {key: value for key, value in data.items() if value not in ("", None, [], ())}

    @classmethod
    def from_json(cls, data: dict | None) -> "CEDetails":
        data = data or {}

        def number(name):
            value = data.get(name)
            return None if value in (None, "") else Decimal(value)

        return cls(
            objectives=tuple(data.get("objectives", ())),
            presenters=tuple(Presenter(**row) for row in data.get("presenters", ())),
            approvals=tuple(Approval(**row) for row in data.get("approvals", ())),
            hours_by_category=tuple(
                CategoryHours(row["category"], Decimal(row["hours"]))
                for row in data.get("hours_by_category", ())
            ),
            delivery=data.get("delivery", ""),
            dates=tuple(date.fromisoformat(day) for day in data.get("dates", ())),
            attended_hours=number("attended_hours"),
            course_ce_hours=number("course_ce_hours"),
            signatory_name=data.get("signatory_name", ""),
            signatory_title=data.get("signatory_title", ""),
            hub_provider_number=data.get("hub_provider_number", ""),
        )
