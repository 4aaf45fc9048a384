"""Credential types, issued credentials, the CE ledger and renewal reminders."""

import hashlib
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

from .ce_details import CEDetails
from .expiry import (
    DateBasis,
    OutOfWindow,
    RecertificationRules,
    ValidityRule,
    compute_expiry,
    status_on,
)
from .storage import private_storage

# Crockford's base32 alphabet: no I, L, O or U, so a code read aloud is never ambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 symbols x 5 bits = 80 random bits
CODE_GROUP = 4


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# W3C Bitstring Status List: at least 131,072 entries (16 KB of bits), so no holder stands out.
STATUS_LIST_MIN_ENTRIES = 131_072


def status_list_capacity(entries: int) -> int:
    """How many indexes the lists offer for `entries` credentials: 131,072, doubled while the
    lists would be more than half full, so a random free index is found in a try or two and
    each holder stays one of many."""
    capacity = STATUS_LIST_MIN_ENTRIES
    while capacity < 2 * entries:
        capacity *= 2
    return capacity


def new_status_list_index() -> int:
    """A random index no credential has ever held (decision 0011).

    Random, as the spec asks, so an index says nothing about when a credential was issued or
    how many there are. Credentials are never deleted (every reference to one is PROTECT),
    so an index taken once stays taken; the unique constraint refuses a race's twin.
    """
    capacity = status_list_capacity(Credential.objects.count() + 1)
    for _ in range(100):
        index = secrets.randbelow(capacity)
        if not Credential.objects.filter(status_list_index=index).exists():
            return index
    raise RuntimeError("No free status list index found; the status lists are full.")


def assign_status_list_indexes(credentials) -> None:
    """Random free indexes, distinct, for every unsaved credential without one (bulk creates)."""
    missing = [credential for credential in credentials if credential.status_list_index is None]
    if not missing:
        return
    taken = set(Credential.objects.values_list("status_list_index", flat=True))
    capacity = status_list_capacity(len(taken) + len(missing))
    draw = secrets.SystemRandom()
    chosen: set[int] = set()
    while len(chosen) < len(missing):
        index = draw.randrange(capacity)
        if index not in taken:
            chosen.add(index)
    for credential, index in zip(missing, draw.sample(sorted(chosen), len(chosen)), strict=True):
        credential.status_list_index = index


class CredentialManager(models.Manager):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        assign_status_list_indexes(objs)
        return super().bulk_create(objs, *args, **kwargs)


def normalise_code(raw: str) -> str | None:
    """Accept codes with or without dashes or spaces, in any case; None when malformed."""
    # ASCII only: str.upper() turns some other letters into ours (dotless i into I, long s
    # into S), so a code that differs from the printed one would still match.
    if not isinstance(raw, str) or len(raw) > 40 or not raw.isascii():
        return None
    code = raw.replace("-", "").replace(" ", "").upper()
    code = code.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(code) != CODE_LENGTH or any(symbol not in CODE_ALPHABET for symbol in code):
        return None
    return code


def format_code(code: str) -> str:
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


class CECategory(models.Model):
    """A continuing-education topic that may have its own minimum (e.g. suicide prevention)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "CE category"
        verbose_name_plural = "CE categories"

    def __str__(self):
        return self.name


class FirstCycleCE(models.TextChoices):
    FULL = "full", "The full requirement"
    EXEMPT = "exempt", "No CE before the first renewal"
    PRORATED = "prorated", "Pro-rated by the months held"
    PRORATED_AFTER_CUTOFF = (
        "prorated_after",
        "Pro-rated only when certified after a day of the year",
    )


class CredentialType(ClusterableModel):
    """What a credential is and the rules it lives by. Unknown rules stay editable by staff."""

    class Kind(models.TextChoices):
        HUB_COURSE = "hub_course", "Hub course certificate"
        EXTERNAL_LICENCE = "external_licence", "External licence or certification"
        TRAINING_COMPLETION = "training_completion", "Training completion"

    name = models.CharField(max_length=200, unique=True)
    code = models.SlugField(max_length=50, unique=True)
    issuer = models.CharField(max_length=200, help_text="The hub, or the external body.")
    jurisdiction = models.CharField(
        max_length=2,
        blank=True,
        help_text=(
            "Two-letter code of the state that licenses it (MT), for CE rosters; blank for a "
            "national or international body."
        ),
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.HUB_COURSE)
    description = models.TextField(blank=True)

    validity_rule = models.CharField(
        max_length=20, choices=ValidityRule.choices, default=ValidityRule.NONE
    )
    validity_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text="For 'months' and 'end of anniversary month' rules.",
    )
    fixed_expiry_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    fixed_expiry_day = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        default=90, help_text="Days before expiry when a credential becomes 'renewal due'."
    )
    grace_days = models.PositiveSmallIntegerField(
        default=0, help_text="Days after expiry before the credential counts as expired."
    )
    renewal_date_basis = models.CharField(
        "a renewal counts from",
        max_length=20,
        choices=DateBasis.choices,
        default=DateBasis.PREVIOUS_EXPIRY,
        help_text="Totara's 'recertification date': which date the renewed period starts from.",
    )
    out_of_window = models.CharField(
        "before the renewal window opens",
        max_length=20,
        choices=OutOfWindow.choices,
        default=OutOfWindow.REFUSE,
    )
    issued_by_hub = models.BooleanField(
        "issued by the hub",
        default=True,
        help_text=(
            "Off for a credential from another body (the Board, National Council, Red Cross, "
            "DONA): its holder records the renewed card and a supervisor or administrator "
            "verifies it; the holder never renews it alone."
        ),
    )
    reminder_offsets = models.JSONField(
        default=list,
        blank=True,
        help_text="Days before expiry to remind the holder, e.g. [90, 30, 7].",
    )

    prerequisites = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, related_name="required_for"
    )
    refresher_course = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Completing this course renews the credential.",
    )
    partial_ce_credit = models.BooleanField(
        "partial CE credit",
        default=False,
        help_text="A learner who attends only part of a live course may be given a "
        "certificate for the CE hours attended (in whole quarter hours). Leave off where the "
        "approving body gives credit only for the whole course.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("code"),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("jurisdiction")]),
                FieldPanel("kind"),
                FieldPanel("issued_by_hub"),
                FieldPanel("partial_ce_credit"),
            ],
            heading="Credential",
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("validity_rule"),
                FieldPanel("validity_months"),
                FieldRowPanel([FieldPanel("fixed_expiry_month"), FieldPanel("fixed_expiry_day")]),
                FieldRowPanel([FieldPanel("renewal_window_days"), FieldPanel("grace_days")]),
                FieldRowPanel([FieldPanel("renewal_date_basis"), FieldPanel("out_of_window")]),
                FieldPanel("reminder_offsets"),
            ],
            heading="Validity and renewal",
        ),
        HelpPanel(
            content=(
                "<p>Continuing education rules are versioned, each with the date it takes "
                "effect and its source: Credentials &rarr; CE rule versions.</p>"
            ),
            heading="Continuing education",
        ),
        FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
        PageChooserPanel("refresher_course", page_type="courses.CoursePage"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        needs_months = {ValidityRule.MONTHS, ValidityRule.END_OF_ANNIVERSARY_MONTH}
        if self.validity_rule in needs_months and not self.validity_months:
            errors["validity_months"] = "Give the number of months this credential is valid."
        if self.validity_rule == ValidityRule.FIXED_DATE:
            if not (self.fixed_expiry_month and self.fixed_expiry_day):
                errors["fixed_expiry_day"] = "Give the month and day every credential expires."
            else:
                try:
                    date(2025, self.fixed_expiry_month, self.fixed_expiry_day)  # not a leap year
                except ValueError:
                    errors["fixed_expiry_day"] = "That day does not exist every year."
        if self.refresher_course_id and not self.issued_by_hub:
            errors["refresher_course"] = (
                "Only a credential the hub issues renews by a hub course; another body's "
                "credential renews when its renewed card is verified."
            )
        if self.kind == self.Kind.EXTERNAL_LICENCE and self.issued_by_hub:
            errors["issued_by_hub"] = "An external licence is issued by another body."
        shortest = self.rules.shortest_period_days() if not errors else None
        if shortest is not None:
            # A window or grace as long as a period would renew a credential already due again.
            if self.renewal_window_days >= shortest:
                errors["renewal_window_days"] = (
                    f"Keep the window shorter than one period ({shortest} days)."
                )
            if self.renewal_window_days + self.grace_days >= shortest:
                errors["grace_days"] = (
                    f"Keep the window and grace together shorter than one period ({shortest} "
                    "days), or a renewal in grace would be due again at once."
                )
        offsets = self.reminder_offsets
        # bool is an int in Python: JSON `true` is not a number of days.
        if not isinstance(offsets, list) or not all(
            isinstance(days, int) and not isinstance(days, bool) and 0 < days <= 3650
            for days in offsets
        ):
            errors["reminder_offsets"] = "A list of whole days before expiry, e.g. [90, 30, 7]."
        if errors:
            raise ValidationError(errors)

    @property
    def expires(self) -> bool:
        return self.validity_rule != ValidityRule.NONE

    @property
    def rules(self) -> RecertificationRules:
        return RecertificationRules(
            validity_rule=self.validity_rule,
            months=self.validity_months,
            fixed_month=self.fixed_expiry_month,
            fixed_day=self.fixed_expiry_day,
            window_days=self.renewal_window_days,
            grace_days=self.grace_days,
            basis=self.renewal_date_basis,
            out_of_window=self.out_of_window,
        )

    def expiry_for(self, *, issued_on: date) -> date | None:
        """The expiry of a new certification completed on `issued_on`."""
        return compute_expiry(rules=self.rules, completed_on=issued_on)


class CERuleVersion(ClusterableModel):
    """A credential type's CE rule as it stood from `effective_from` until the next version.

    Each CE cycle is judged by the version in force on the cycle's first day (the latest
    version whose `effective_from` is on or before it; a cycle that began before the earliest
    version is judged by the earliest, the oldest rule the hub knows). Why the first day and
    not the last: certificates/ce_cycles.py's header and docs/architecture.md.
    """

    credential_type = ParentalKey(CredentialType, on_delete=models.CASCADE, related_name="ce_rules")
    effective_from = models.DateField(
        help_text=(
            "The first day this rule is in force. A CE cycle is judged by the rule in force on "
            "the cycle's first day."
        )
    )
    source_title = models.CharField(
        "source",
        max_length=300,
        help_text="The rule this follows, as you would cite it, e.g. 'ARM 24.219.421'.",
    )
    source_url = models.URLField("source link", max_length=500, blank=True)
    source_note = models.TextField(
        blank=True,
        help_text="What the source says, in short, and anything not found in it.",
    )
    hours_per_cycle = models.DecimalField(
        "CE hours per cycle",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    first_cycle = models.CharField(
        "CE in the first cycle",
        max_length=20,
        choices=FirstCycleCE.choices,
        default=FirstCycleCE.FULL,
        help_text=(
            "Montana's Board rule (ARM 24.219, rules.mt.gov RID 40269) asks for CE from the first "
            "renewal on: 'no CE in the first cycle'. The Montana Peer Network's guide says 'less "
            "if certifying after July 1': 'pro-rated when certified after a day of the year'."
        ),
    )
    first_cycle_cutoff_month = models.PositiveSmallIntegerField(
        "pro-rate when certified after: month",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    first_cycle_cutoff_day = models.PositiveSmallIntegerField(
        "day",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    carry_forward_max_hours = models.DecimalField(
        "CE hours that may carry forward",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=(
            "Only hours above the standard requirement of the cycle just ended carry forward, "
            "up to this many."
        ),
    )
    reactivation_hours = models.DecimalField(
        "CE hours to reactivate from inactive status",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    reactivation_months = models.PositiveSmallIntegerField(
        "earned within the months before reactivating",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    panels = [
        FieldPanel("credential_type"),
        FieldPanel("effective_from"),
        MultiFieldPanel(
            [FieldPanel("source_title"), FieldPanel("source_url"), FieldPanel("source_note")],
            heading="Source",
        ),
        MultiFieldPanel(
            [
                FieldPanel("hours_per_cycle"),
                FieldPanel("first_cycle"),
                FieldRowPanel(
                    [FieldPanel("first_cycle_cutoff_month"), FieldPanel("first_cycle_cutoff_day")]
                ),
                FieldPanel("carry_forward_max_hours"),
            ],
            heading="Each cycle",
        ),
        InlinePanel(
            "category_rules",
            label="CE category minimums and maximums",
            heading="Categories",
        ),
        FieldRowPanel(
            [FieldPanel("reactivation_hours"), FieldPanel("reactivation_months")],
            heading="Reactivation from inactive status",
        ),
    ]

    class Meta:
        ordering = ["credential_type", "effective_from"]
        verbose_name = "CE rule version"
        constraints = [
            models.UniqueConstraint(
                fields=["credential_type", "effective_from"], name="ce_rule_one_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.credential_type}: CE rule from {self.effective_from:%B} " + (
            f"{self.effective_from.day}, {self.effective_from.year}"
        )

    @property
    def citation(self) -> str:
        """'ARM 24.219.421, in force from March 30, 2019'."""
        day = self.effective_from
        return f"{self.source_title}, in force from {day:%B} {day.day}, {day.year}"

    def clean(self):
        super().clean()
        if self.first_cycle == FirstCycleCE.PRORATED_AFTER_CUTOFF:
            try:
                date(2025, self.first_cycle_cutoff_month or 0, self.first_cycle_cutoff_day or 0)
            except (ValueError, TypeError):
                raise ValidationError(
                    {"first_cycle_cutoff_day": "Give the month and day (e.g. 7 and 1)."}
                ) from None


class CECategoryRule(Orderable):
    """Within every `every_cycles` consecutive cycles: at least `min_hours` of `category`, and
    at most `max_hours` of it counted (hours above the maximum are kept but do not count)."""

    rule = ParentalKey(CERuleVersion, on_delete=models.CASCADE, related_name="category_rules")
    category = models.ForeignKey(CECategory, on_delete=models.PROTECT, related_name="+")
    min_hours = models.DecimalField(
        "at least (hours)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    max_hours = models.DecimalField(
        "at most, counted (hours)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    every_cycles = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    panels = [
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("min_hours"), FieldPanel("max_hours")]),
        FieldPanel("every_cycles"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["rule", "category"], name="ce_category_rule_unique"),
            models.CheckConstraint(
                condition=Q(min_hours__isnull=False) | Q(max_hours__isnull=False),
                name="ce_category_rule_min_or_max",
            ),
            models.CheckConstraint(
                condition=Q(min_hours__isnull=True)
                | Q(max_hours__isnull=True)
                | Q(min_hours__lte=models.F("max_hours")),
                name="ce_category_rule_min_not_above_max",
            ),
        ]

    def clean(self):
        super().clean()
        if self.min_hours is None and self.max_hours is None:
            raise ValidationError("Give a minimum, a maximum, or both.")
        if (
            self.min_hours is not None
            and self.max_hours is not None
            and self.min_hours > self.max_hours
        ):
            raise ValidationError({"max_hours": "The maximum can't be below the minimum."})


class Credential(models.Model):
    """An issued credential. Its names, titles and hours are a snapshot taken at issue."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        RENEWAL_DUE = "renewal_due", "Renewal due"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"
        SUPERSEDED = "superseded", "Superseded"

    class Source(models.TextChoices):
        COURSE_COMPLETION = "course_completion", "Course completion"
        EXTERNAL = "external", "External evidence verified by a supervisor"
        MANUAL = "manual", "Awarded by an administrator"

    class IssuedAs(models.TextChoices):
        NEW = "new", "New certification"
        RENEWAL = "renewal", "Renewal"

    CURRENT_STATUSES = (Status.ACTIVE, Status.RENEWAL_DUE)
    # What pages say for each status on a given day; "in grace" is a day-by-day status only.
    STATUS_WORDS = {
        "active": "Active",
        "renewal_due": "Renewal due",
        "in_grace": "In grace period",
        "expired": "Expired",
        "suspended": "Suspended",
        "revoked": "Revoked",
        "superseded": "Superseded",
    }

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credentials"
    )
    credential_type = models.ForeignKey(
        CredentialType, on_delete=models.PROTECT, related_name="credentials"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    source = models.CharField(max_length=20, choices=Source.choices)
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_verification_code)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)

    # Snapshot as issued: later edits to people, pages or types never rewrite a certificate.
    holder_name = models.CharField(max_length=200)
    title = models.CharField(max_length=255)
    course_title = models.CharField(max_length=255, blank=True)
    course_description = models.TextField(blank=True)
    provider = models.CharField(max_length=200)
    # Board fields of a CE certificate (objectives, presenters, approvals, hours by category,
    # delivery, dates, partial credit, signatory): certificates.ce_details.CEDetails as JSON.
    ce_details = models.JSONField("CE details", default=dict, blank=True)
    contact_hours = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"))
    ce_hours = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"))
    external_number = models.CharField("licence or certificate number", max_length=100, blank=True)

    pdf = models.FileField(upload_to="certificates/", storage=private_storage, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)

    issued_as = models.CharField(max_length=10, choices=IssuedAs.choices, default=IssuedAs.NEW)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The supervisor who checked the external evidence.",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_reason = models.TextField(blank=True)
    # Under review: reversible, and published in the suspension status list. Lifting it clears
    # these three (the audit trail keeps every suspension and lift).
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suspended_reason = models.TextField(blank=True)
    # The credential's place in the hub's status lists (the same index in the revocation and
    # the suspension list), random and never reused: `new_status_list_index`.
    # Drawn when the credential is first saved (not a field default: an unsaved credential,
    # as the pure rules build them, never touches the database).
    status_list_index = models.PositiveIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CredentialManager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "credential_type"],
                condition=Q(status__in=["active", "renewal_due"]),
                name="credential_one_current_per_holder_and_type",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("issued_on")),
                name="credential_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(contact_hours__gte=0) & Q(ce_hours__gte=0),
                name="credential_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | Q(revoked_at__isnull=False),
                name="credential_revoked_has_date",
            ),
            models.CheckConstraint(
                condition=Q(suspended_at__isnull=True) | ~Q(suspended_reason=""),
                name="credential_suspension_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["credential_type", "status", "expires_on"]),
            models.Index(fields=["holder", "status"]),
        ]

    def __str__(self):
        return f"{self.title} · {self.holder_name}"

    def save(self, *args, **kwargs):
        if self.status_list_index is None:
            self.status_list_index = new_status_list_index()
        super().save(*args, **kwargs)

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def ce(self) -> CEDetails:
        """The board fields printed on the certificate (empty for non-CE credentials)."""
        return CEDetails.from_json(self.ce_details)

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT_STATUSES

    @property
    def is_renewal(self) -> bool:
        """A renewal continues its predecessor's chain (CE cycles, carry-forward)."""
        return self.issued_as == self.IssuedAs.RENEWAL and self.supersedes_id is not None

    def status_on(self, today: date) -> str:
        """The status word every page shows on `today` (holder, supervisor, HR, verification).

        Dates decide, so a page never waits for the nightly job: active, renewal_due,
        in_grace, expired, suspended, revoked or superseded.
        """
        credential_type = self.credential_type
        return status_on(
            stored_status=self.status,
            suspended=self.suspended_at is not None,
            expires_on=self.expires_on,
            today=today,
            window_days=credential_type.renewal_window_days,
            grace_days=credential_type.grace_days,
        )

    def status_word_on(self, today: date) -> str:
        return self.STATUS_WORDS[self.status_on(today)]

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    def public_status(self, today: date) -> str:
        """The machine-readable verdict of verification: valid / expired / suspended / revoked
        / superseded.

        "valid" covers active, renewal due and the grace period: the credential still counts.
        """
        status = self.status_on(today)
        if status in ("active", "renewal_due", "in_grace"):
            return "valid"
        return status

    def lapses_on(self) -> date | None:
        if self.expires_on is None:
            return None
        return self.expires_on + timedelta(days=self.credential_type.grace_days)

    @staticmethod
    def sha256_of(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()


class StatusList(models.Model):
    """A published W3C Bitstring Status List credential, stored signed, as served.

    `certificates.services.status_lists.status_list_publish` rebuilds it from the credentials
    in the transaction that changes a bit, so a verifier never sees a list older than the
    database, and serving it is one primary-key read (no per-request rebuild).
    """

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", "Revocation"
        SUSPENSION = "suspension", "Suspension"

    # The number in the list's URL (/certificates/status/<number>): 1 revocation, 2 suspension.
    number = models.PositiveSmallIntegerField(primary_key=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, unique=True)
    version = models.PositiveIntegerField(default=0)
    entries = models.PositiveIntegerField(default=0, help_text="Length of the bitstring.")
    set_bits = models.PositiveIntegerField(default=0)
    token = models.TextField(blank=True, help_text="The signed VC-JWT, exactly as served.")
    etag = models.CharField(max_length=80, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Status list {self.number} ({self.purpose}, version {self.version})"


class CredentialPdfArchive(models.Model):
    """An earlier PDF of a credential, kept after a re-issue: every copy the hub handed out
    stays verifiable, and says it has been replaced."""

    credential = models.ForeignKey(
        Credential, on_delete=models.PROTECT, related_name="earlier_pdfs"
    )
    pdf = models.FileField(upload_to="certificates/", storage=private_storage)
    pdf_sha256 = models.CharField(max_length=64, db_index=True)
    holder_name = models.CharField(max_length=200, help_text="The name printed on this copy.")
    rendered_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField()

    class Meta:
        ordering = ["-replaced_at"]
        verbose_name = "earlier certificate PDF"

    def __str__(self):
        return (
            f"Earlier PDF of credential {self.credential_id} (replaced {self.replaced_at:%Y-%m-%d})"
        )


class CERecord(models.Model):
    """One continuing-education activity in a peer's ledger."""

    class Source(models.TextChoices):
        HUB_COURSE = "hub_course", "Hub course"
        EXTERNAL = "external", "External"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not accepted"

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ce_records"
    )
    title = models.CharField(max_length=255)
    provider = models.CharField(max_length=200)
    completed_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    category = models.ForeignKey(
        CECategory, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    credential = models.ForeignKey(
        Credential,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ce_records",
        help_text="The hub certificate this CE came with (one record per CE category).",
    )
    evidence = models.FileField(upload_to="ce-evidence/", storage=private_storage, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        verbose_name = "CE record"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=200), name="ce_record_hours_in_range"
            ),
        ]
        indexes = [models.Index(fields=["holder", "status", "completed_on"])]

    def __str__(self):
        return f"{self.title} ({self.hours} h)"


class RenewalReminder(models.Model):
    """One reminder per credential and offset: the unique key makes the daily job idempotent."""

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="reminders")
    offset_days = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["credential", "offset_days"], name="renewal_reminder_once_per_offset"
            )
        ]

    def __str__(self):
        return f"Reminder {self.offset_days} days before expiry of credential {self.credential_id}"


class ExternalCredentialClaim(models.Model):
    """A peer's record of an external credential (e.g. the state CBHPSS), awaiting verification.

    A supervisor verifies it against the evidence; it then becomes an active `Credential`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for verification"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Not verified"

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credential_claims"
    )
    credential_type = models.ForeignKey(
        CredentialType, on_delete=models.PROTECT, related_name="claims"
    )
    number = models.CharField("licence or certificate number", max_length=100)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    evidence = models.FileField(upload_to="credential-evidence/", storage=private_storage)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    credential = models.OneToOneField(
        Credential, null=True, blank=True, on_delete=models.PROTECT, related_name="claim"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("issued_on")),
                name="credential_claim_expires_after_issue",
            )
        ]

    def __str__(self):
        return f"{self.credential_type} claimed by {self.holder}"
