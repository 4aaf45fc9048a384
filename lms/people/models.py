from datetime import date

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .emails import normalise_email, validate_account_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        return normalise_email(email)

    def by_email(self, email):
        """The account with this address however it is typed (lms.people.emails): an exact match
        on the normalised spelling, never `iexact` (PostgreSQL's UPPER() folds
        the dotless i and the long s onto I and S)."""
        return self.filter(email=normalise_email(email))

    def get_by_natural_key(self, email):
        # Sign-in on the site and in both admins (Django's ModelBackend) comes through here.
        return self.by_email(email).get()

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=validate_account_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: peer, trainer, supervisor, HR or administrator.

    Two names on purpose: peers are addressed by the name they choose, while a
    certificate must carry the legal name the state board and employers expect.
    """

    email = models.EmailField("email address", unique=True)
    preferred_name = models.CharField(
        max_length=150, help_text="How the hub addresses this person on screen."
    )
    certificate_name = models.CharField(
        max_length=200, help_text="Legal name, printed on certificates exactly as written."
    )
    phone = models.CharField(max_length=32, blank=True)
    is_staff = models.BooleanField(
        "Django admin access",
        default=False,
        help_text="Can sign in to the Django admin (superusers only in practice).",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    calendar_token = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Secret in the person's calendar feed address; reset to revoke old links.",
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["preferred_name", "certificate_name"]

    class Meta:
        ordering = ["preferred_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            # Stored normalised (lms.people.emails): printable ASCII, lower case, so no two
            # spellings of one address can both exist and exact lookups find the one account.
            models.CheckConstraint(
                condition=models.Q(email__regex=r"^[!-~]+@[!-~]+$")
                & models.Q(email=Lower("email")),
                name="user_email_normalised_ascii",
                violation_error_message=(
                    "Use an email address written in plain (ASCII) letters, digits and symbols."
                ),
            ),
        ]
        permissions = [
            # Granted per peer (django-guardian) to that peer's current supervisors.
            ("view_learner_record", "Can view a peer's progress, credentials and CE"),
            ("review_learner_evidence", "Can review a peer's CE evidence and external credentials"),
        ]

    def __str__(self):
        return self.preferred_name or self.email

    def clean(self):
        super().clean()
        try:
            self.email = validate_account_email(self.email)
        except ValidationError as error:
            raise ValidationError({"email": error.messages}) from error

    def save(self, *args, **kwargs):
        # Every write path (forms, services, the shell, factories) stores the one spelling.
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.certificate_name or self.preferred_name

    def get_short_name(self):
        return self.preferred_name


class Notification(models.Model):
    """An in-app message for one person (renewal reminders, reviews, certificates ready)."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.message


class AuditEntry(models.Model):
    """Append-only trail of sensitive actions: who did what, to what, on whom, when."""

    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    target_repr = models.CharField(max_length=255)
    subject = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries_about",
        help_text="The person the action concerns.",
    )
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        # Invariant: an entry, once written, is never changed.
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")


class SupervisorAssignmentQuerySet(models.QuerySet):
    def current(self, today: date | None = None):
        """Assignments in force on `today`: the one definition every check uses."""
        return self.filter(current_assignment_q(today or timezone.localdate()))


def current_assignment_q(today: date, prefix: str = "") -> models.Q:
    """In force on `today`: started on or before it, and not ended on or before it.

    `ends_on` is the day the assignment ended: from that day on it is over. Ending an
    assignment today ends it at once (the same moment its object permissions go), not at
    midnight. `prefix` reaches the assignment through a relation ("supervisors_assigned__").
    """
    return models.Q(**{f"{prefix}starts_on__lte": today}) & (
        models.Q(**{f"{prefix}ends_on__isnull": True}) | models.Q(**{f"{prefix}ends_on__gt": today})
    )


class SupervisorAssignment(models.Model):
    """A qualified supervisor responsible for a peer, from starts_on until the day it ended
    (ends_on, if set; over from that day on)."""

    supervisor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="supervisees_assigned"
    )
    peer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervisors_assigned")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_reason = models.TextField(
        blank=True, help_text="Why a supervisor without the qualifying credential was assigned."
    )

    objects = SupervisorAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="supervisor_assignment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("peer")),
                name="supervisor_assignment_not_self",
            ),
            models.UniqueConstraint(
                fields=["supervisor", "peer"],
                condition=models.Q(ends_on__isnull=True),
                name="supervisor_assignment_one_open",
            ),
        ]

    def __str__(self):
        return f"{self.supervisor} supervises {self.peer}"

    def is_current(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)


class LearnerRecordUserPermission(UserObjectPermissionBase):
    """Guardian's per-object permissions on a peer, with a real foreign key (fast joins)."""

    content_object = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "learner record permission"


class LearnerRecordGroupPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "learner record group permission"
