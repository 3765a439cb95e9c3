"""Users, ventures (the tenants), memberships, API tokens and the audit log."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bornglobal.domain.roles import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        """Emails are stored lower-case, so a login in any case finds its account."""
        return self.get(email=(username or "").strip().lower())

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in by email; carries a country, an IANA zone and a currency."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    time_zone = models.CharField(max_length=64, default="UTC", help_text="IANA zone")
    currency = models.CharField(max_length=3, default="EUR", help_text="ISO 4217")
    locale = models.CharField(max_length=16, default="en", help_text="for formatting")
    is_freelancer = models.BooleanField(
        default=False, help_text="Has a freelancer side: can be offered work by ventures."
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name", "country"]

    objects = UserManager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="user_country_iso3166"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="user_currency_iso4217"
            ),
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")), name="user_email_lowercase"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"


class Venture(models.Model):
    """A firm run on this instance: the tenant every other object belongs to."""

    name = models.CharField(max_length=200)
    legal_country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    base_currency = models.CharField(max_length=3, help_text="ISO 4217")
    vat_id = models.CharField(max_length=32, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_country__regex=r"^[A-Z]{2}$"),
                name="venture_legal_country_iso3166",
            ),
            models.CheckConstraint(
                condition=Q(base_currency__regex=r"^[A-Z]{3}$"),
                name="venture_base_currency_iso4217",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="venture_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in a venture."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    venture = models.ForeignKey(Venture, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=[(r.value, r.value) for r in Role])
    title = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["venture_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "venture"], name="membership_one_per_user_and_venture"
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="membership_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} is {self.role} of {self.venture_id}"


class TokenScope(models.TextChoices):
    VENTURE = "venture", "one venture"
    FREELANCER = "freelancer", "my freelancer side"


class ApiToken(models.Model):
    """A bearer token. Only a SHA-256 digest of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    scope = models.CharField(max_length=16, choices=TokenScope.choices)
    venture = models.ForeignKey(
        Venture, null=True, blank=True, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope=TokenScope.VENTURE) & Q(venture__isnull=False))
                | (Q(scope=TokenScope.FREELANCER) & Q(venture__isnull=True)),
                name="apitoken_scope_matches_venture",
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEvent(models.Model):
    """Who did what to which object, when. Written by services; never changed."""

    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True, default="")
    venture = models.ForeignKey(
        Venture, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True, default="")
    object_id = models.CharField(max_length=64, blank=True, default="")
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["venture", "-created_at"], name="audit_venture_recent")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"
