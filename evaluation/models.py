"""The evaluation framework (Skilled, Connected, Inspired; outcome Impactful), waves,
answers, adviser ratings and the scores worked out from them.

Answers, looking-back values, adviser ratings and scores are PROTECTed from cascades: a
wave, a response or a fellow with any of them cannot be deleted. A response with no
answers (the row made when the invitation goes out) still goes with its wave.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accounts.models import Cohort, Programme
from core.validators import single_line

# The hardest bounds any indicator's scale may have; each indicator picks its own within them.
SCALE_FLOOR = 0
SCALE_CEILING = 10
# "Looking back, where were you at the start?" uses the same 1 to 5 scale as the statements.
LOOKING_BACK_MIN = 1
LOOKING_BACK_MAX = 5


class Framework(models.Model):
    """A version of an evaluation framework. The default has no programme.

    Once any answer or rating exists for a version it is frozen: editing it
    makes a new version (`parent` is the version it was copied from), and
    waves keep the version they used.
    """

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_frameworks",
    )
    name = models.CharField(max_length=200, validators=[single_line])
    version = models.PositiveIntegerField(default=1)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    frozen = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name", "version"], name="framework_version_unique"
            ),
            models.UniqueConstraint(
                fields=["name", "version"],
                condition=Q(programme__isnull=True),
                name="default_framework_version_unique",
            ),
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    @property
    def is_default(self) -> bool:
        return self.programme_id is None


class Domain(models.Model):
    class Key(models.TextChoices):
        SKILLED = "skilled", "Skilled"
        CONNECTED = "connected", "Connected"
        INSPIRED = "inspired", "Inspired"
        IMPACTFUL = "impactful", "Impactful"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    key = models.CharField(max_length=20, choices=Key)
    name = models.CharField(max_length=100, validators=[single_line])
    description = models.TextField(blank=True)
    is_outcome = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="domain_key_unique"),
        ]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    class Kind(models.TextChoices):
        SELF_ASSESSMENT = "self_assessment", "Self-assessment"
        ADVISER_RATING = "adviser_rating", "Adviser rating"
        DERIVED = "derived", "From Pioneer's records"

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="indicators")
    statement = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SELF_ASSESSMENT)
    scale_min = models.SmallIntegerField(default=1)
    scale_max = models.SmallIntegerField(default=5)
    weight = models.DecimalField(max_digits=4, decimal_places=2, default=1)
    # For derived indicators: the key of the measure in evaluation.evidence.
    derived_key = models.CharField(max_length=50, blank=True)
    # A self-assessment statement the end wave also asks "looking back, before the
    # fellowship" (a then-test), so change can be read without response shift.
    asks_then = models.BooleanField(
        "Also asked looking back at the end wave",
        default=False,
        help_text="At the end wave, fellows also answer how far they agreed before the fellowship.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__gte=SCALE_FLOOR)
                & Q(scale_max__lte=SCALE_CEILING)
                & Q(scale_min__lt=F("scale_max")),
                name="indicator_scale_in_bounds",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="indicator_weight_not_negative"
            ),
            models.CheckConstraint(
                condition=(Q(kind="derived") & ~Q(derived_key=""))
                | (~Q(kind="derived") & Q(derived_key="")),
                name="indicator_derived_has_key",
            ),
            models.CheckConstraint(
                condition=Q(asks_then=False) | Q(kind="self_assessment"),
                name="indicator_then_only_for_statements",
                violation_error_message="Only self-assessment statements can be asked "
                "looking back.",
            ),
        ]

    def __str__(self):
        return self.statement


class WaveQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Wave(models.Model):
    """One round of the self-assessment for a cohort, open on the days between its dates."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", "Baseline"
        MIDPOINT = "midpoint", "Midpoint"
        END = "end", "End"
        FOLLOW_UP = "follow_up", "Follow-up"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="evaluation_waves")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="waves")
    kind = models.CharField(max_length=20, choices=Kind)
    opens_on = models.DateField()
    closes_on = models.DateField()
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["opens_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "kind"], name="one_wave_of_a_kind_per_cohort"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="wave_closes_after_it_opens"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} wave"

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def closed_reason(self, day=None) -> str:
        """Why the wave cannot be answered on `day` (today), or "" while it is open."""
        day = day or timezone.localdate()
        if day > self.closes_on:
            return (
                f"The {self.get_kind_display().lower()} wave closed on "
                f"{date_format(self.closes_on, 'j F Y')}, so answers can no longer be given "
                "or changed."
            )
        if day < self.opens_on:
            return (
                f"The {self.get_kind_display().lower()} wave opens on "
                f"{date_format(self.opens_on, 'j F Y')}."
            )
        return ""

    def evidence_date(self, day=None):
        """Records count up to the closing date, or up to today while the wave is open."""
        return min(self.closes_on, day or timezone.localdate())

    @property
    def asks_looking_back(self) -> bool:
        return self.kind == self.Kind.END


class Response(models.Model):
    """A fellow's answers to a wave; a draft until `submitted_at` is set.

    The row is made when the invitation goes out, so `invited_at` and
    `reminder_sent_at` can be claimed once per fellow per wave.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "fellow"], name="one_response_per_wave"),
        ]

    def __str__(self):
        return f"{self.fellow}'s answers to the {self.wave}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    value = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "indicator"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE_FLOOR, value__lte=SCALE_CEILING),
                name="answer_within_scale_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.value} for {self.indicator}"


class LookingBack(models.Model):
    """At the end wave, looking back to the start of the fellowship: "how skilled were
    you?" for a domain (no `indicator`), or a statement flagged `asks_then` answered as
    it was before the fellowship (a then-test, on the statement's own scale)."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="looking_back")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="then_answers"
    )
    value = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "domain"],
                condition=Q(indicator__isnull=True),
                name="one_look_back_per_domain",
            ),
            models.UniqueConstraint(
                fields=["response", "indicator"],
                condition=Q(indicator__isnull=False),
                name="one_then_answer_per_item",
            ),
            models.CheckConstraint(
                condition=Q(
                    indicator__isnull=True, value__gte=LOOKING_BACK_MIN, value__lte=LOOKING_BACK_MAX
                )
                | Q(indicator__isnull=False, value__gte=SCALE_FLOOR, value__lte=SCALE_CEILING),
                name="looking_back_within_scale",
            ),
        ]

    def __str__(self):
        if self.indicator_id:
            return f"{self.value} for {self.indicator} before the fellowship"
        return f"{self.value} for {self.domain} at the start"


class AdviserRating(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="adviser_ratings")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="adviser_ratings"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="ratings")
    value = models.SmallIntegerField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "fellow", "indicator"], name="one_rating_per_item"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE_FLOOR, value__lte=SCALE_CEILING),
                name="rating_within_scale_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.value} for {self.indicator}"


class Score(models.Model):
    """A fellow's score for one domain in one wave, 0 to 100; null means no score.

    `evidence` keeps every item as it was scored (answer, weight, records), so
    the evidence behind a score is one click away and does not change later.
    """

    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="scores")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluation_scores"
    )
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="scores")
    value = models.FloatField(null=True, blank=True)
    answered = models.PositiveSmallIntegerField()
    expected = models.PositiveSmallIntegerField()
    evidence = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "fellow", "domain"], name="one_score_per_domain"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=100),
                name="score_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(answered__lte=F("expected")), name="score_answered_within_expected"
            ),
        ]
        indexes = [models.Index(fields=["fellow", "wave"])]

    def __str__(self):
        return f"{self.domain}: {self.value}"
