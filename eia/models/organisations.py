"""Organisations, their directorates and their people.

A deployment can host several public bodies sharing one service (as the Cumbria districts did);
every user belongs to exactly one organisation and sees only its records.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator
from django.db import models

DEFAULT_AGENDA_DEADLINE = 5  # clear working days before the meeting (LGA 1972 s100B: five)
PUBLIC_CONTACT_LIMIT = 1000


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"


class ReportingYear(models.TextChoices):
    """How the quarterly screening reports count quarters (eia.reporting_year)."""

    CALENDAR = "calendar", "Calendar year (January to December)"
    FINANCIAL = "financial", "Financial year (April to March)"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNTY_COUNCIL = "county_council", "County council"
        DISTRICT_COUNCIL = "district_council", "District council"
        UNITARY_COUNCIL = "unitary_council", "Unitary council"
        NHS_TRUST = "nhs_trust", "NHS trust"
        POLICE = "police", "Police service"
        FIRE = "fire", "Fire and rescue service"
        OTHER = "other", "Other public body"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=60, help_text="Shown in the page header, for example 'Northshire'."
    )
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    nation = models.CharField(max_length=30, choices=Nation.choices, default=Nation.ENGLAND)
    screening_ruleset = models.CharField(
        max_length=60,
        default="england",
        help_text="The screening rule set this organisation uses (see screening_rules/).",
    )
    screening_ruleset_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Leave blank to use the latest released version when each screening starts.",
    )
    reference_prefix = models.CharField(
        max_length=10,
        blank=True,
        help_text="Starts the references of new pipeline items, for example 'NCC' gives "
        "NCC-2027-001. Leave blank to use the first letters of the organisation's name.",
    )
    agenda_deadline_days = models.PositiveSmallIntegerField(
        "agenda deadline",
        default=DEFAULT_AGENDA_DEADLINE,
        validators=[MaxValueValidator(30)],
        help_text="Clear working days before the meeting by which the papers, and so the "
        "decision-maker's sign-off, must be ready.",
    )
    reporting_year = models.CharField(
        max_length=10,
        choices=ReportingYear.choices,
        default=ReportingYear.CALENDAR,
        help_text="The year the quarterly screening reports count quarters in. Northern "
        "Ireland councils usually report by financial year.",
    )
    # Shown on every public page of the organisation's records: who to ask, and how to ask for
    # another format. Public by design; kept by the lead (eia.services.reference_data).
    public_contact = models.TextField(
        "public contact details",
        max_length=PUBLIC_CONTACT_LIMIT,
        blank=True,
        help_text="How residents contact the equality team: email, phone, address.",
    )
    other_formats = models.TextField(
        "how to ask for another format",
        max_length=PUBLIC_CONTACT_LIMIT,
        blank=True,
        help_text="For example: easy read, large print, audio, Braille, another language.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        if self.reference_prefix:
            return self.reference_prefix
        initials = "".join(word[0] for word in self.name.split() if word[:1].isalpha())
        return (initials or self.slug[:3]).upper()[:10]


class Directorate(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="directorates"
    )
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="directorate_unique_name_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Roles are groups (see eia.authorization.Role)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text="Users without an organisation can see no records.",
    )
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.display_name
