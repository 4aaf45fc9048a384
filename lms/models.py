from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
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

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["preferred_name", "certificate_name"]

    class Meta:
        ordering = ["preferred_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.preferred_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.certificate_name or self.preferred_name

    def get_short_name(self):
        return self.preferred_name
