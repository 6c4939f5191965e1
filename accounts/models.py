"""People, programmes, cohorts and the memberships that give people roles.

Roles are memberships, never flags on the account: one person can be a fellow
of one cohort and a mentor on another programme.
"""

import secrets
from hashlib import sha256

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.validators import single_line


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


# Titles people put before their name; "Hello, Dr" greets nobody.
TITLES = frozenset(
    {
        "dr",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "rev",
        "lord",
        "lady",
    }
)


class User(AbstractUser):
    """A person. The email address is the login."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField("full name", max_length=150, validators=[single_line])
    calendar_token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        ordering = ["name", "email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        """The first name to greet by: the first word of the name that is not a title."""
        words = self.name.split()
        for word in words:
            if word.rstrip(".").casefold() not in TITLES:
                return word
        return self.name or self.email


class Programme(models.Model):
    """A fellowship programme, such as the NHS Digital Pioneer Fellowship."""

    name = models.CharField(max_length=200, unique=True, validators=[single_line])
    description = models.TextField(blank=True)
    # How long people's personal data is kept after their last cohort ends (privacy app).
    retention_years = models.PositiveSmallIntegerField(
        "keep personal data for (years after a cohort ends)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cohort(models.Model):
    class Status(models.TextChoices):
        RECRUITING = "recruiting", "Recruiting"
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200, validators=[single_line])
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status, default=Status.RECRUITING)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADVISER = "adviser", "Programme adviser"
    FELLOW = "fellow", "Fellow"
    MENTOR = "mentor", "Mentor"
    FACILITATOR = "facilitator", "Learning set facilitator"
    REVIEWER = "reviewer", "Application reviewer"


# Advisers and mentors are held on a whole programme; the others on a cohort.
PROGRAMME_ROLES = (Role.ADVISER, Role.MENTOR)
COHORT_ROLES = (Role.FELLOW, Role.FACILITATOR, Role.REVIEWER)


class MembershipQuerySet(models.QuerySet):
    def active_fellows(self, cohort=None):
        """Fellows still in their cohort; only `cohort`'s (a cohort, its id or an OuterRef)
        when given."""
        fellows = self.filter(role=Role.FELLOW, is_active=True)
        return fellows if cohort is None else fellows.filter(cohort=cohort)

    def active_mentors(self, programme=None):
        """Mentor memberships that have not ended; only `programme`'s when given. A mentor
        who has left is not listed, booked or reminded."""
        mentors = self.filter(role=Role.MENTOR, cohort__isnull=True, is_active=True)
        return mentors if programme is None else mentors.filter(programme=programme)


class Membership(models.Model):
    """A person's role on a programme (adviser, mentor) or cohort (the rest)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role)
    organisation = models.CharField(max_length=200, blank=True, validators=[single_line])
    job_title = models.CharField(max_length=200, blank=True, validators=[single_line])
    profession = models.CharField(max_length=100, blank=True, validators=[single_line])
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)
    deactivated = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "role"],
                condition=Q(cohort__isnull=True),
                name="membership_unique_per_programme",
            ),
            models.UniqueConstraint(
                fields=["user", "cohort", "role"],
                condition=Q(cohort__isnull=False),
                name="membership_unique_per_cohort",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=PROGRAMME_ROLES, cohort__isnull=True)
                    | Q(role__in=COHORT_ROLES, cohort__isnull=False)
                ),
                name="membership_role_matches_scope",
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "role", "is_active"]),
            models.Index(fields=["programme", "role", "is_active"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


def hash_token(token: str) -> str:
    return sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True).filter(
            expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An invitation to take a role. Only a hash of its token is stored."""

    email = models.EmailField()
    name = models.CharField(max_length=150, blank=True, validators=[single_line])
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    role = models.CharField(max_length=20, choices=Role)
    organisation = models.CharField(max_length=200, blank=True, validators=[single_line])
    job_title = models.CharField(max_length=200, blank=True, validators=[single_line])
    profession = models.CharField(max_length=100, blank=True, validators=[single_line])
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=PROGRAMME_ROLES, cohort__isnull=True)
                    | Q(role__in=COHORT_ROLES, cohort__isnull=False)
                ),
                name="invitation_role_matches_scope",
            ),
        ]

    def __str__(self):
        return f"{self.email} as {self.get_role_display()}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def place(self):
        """The cohort or programme the invitation is for."""
        return self.cohort or self.programme


class KnownBrowser(models.Model):
    """A browser a person has signed in with, known by a hash of the random id its cookie
    holds, so a sign-in from a new one can be told to them (accounts/browsers.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="known_browsers")
    browser_hash = models.CharField(max_length=64)
    user_agent = models.CharField(max_length=300, blank=True)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "browser_hash"], name="known_browser_once")
        ]

    def __str__(self):
        return f"{self.user} on {self.user_agent or 'an unknown browser'}"
