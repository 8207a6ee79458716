"""People: the applicant record and the consents they gave."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.identity import is_staff_identity

from ..names import validate_person_name


class Applicant(models.Model):
    """A person we assess or represent.

    The passport number is minimised: only its last four characters are ever stored
    (`applicants.services.people.passport_last4`), which is what staff need to match a document.
    """

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        SIMPLIFIED_CHINESE = "zh-hans", _("Simplified Chinese")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applicant",
        # Set only by the service that creates the portal account, never typed into a form.
        editable=False,
        help_text=_("The login the applicant uses for the portal, if they have one."),
    )
    full_name = models.CharField(_("full name"), max_length=200, validators=[validate_person_name])
    email = models.EmailField(
        _("e-mail"), help_text=_("Unique, whatever the capitalisation: one applicant per address.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    nationality = models.CharField(
        _("nationality"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter ISO 3166-1 code, e.g. SG, CN, DE."))],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. SG, CN, DE."),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    passport_last4 = models.CharField(
        _("passport number (last 4)"),
        max_length=4,
        blank=True,
        help_text=_("Only the last four characters are kept; the full number is never stored."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    erased_at = models.DateTimeField(
        _("erased"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the person's data was erased; the record and their cases stay as anonymous statistics."
        ),
    )

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="applicant_email_unique_ci"),
        ]
        # Sorting the case list by applicant walks this index. Name and e-mail search use PostgreSQL
        # trigram / prefix indexes created in migration 0003 (they have no SQLite equivalent).
        indexes = [models.Index(fields=["full_name", "id"], name="applicant_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        # A staff account behind an applicant would let whoever controls the applicant's e-mail into
        # the staff account with one factor (accounts.identity).
        if self.user_id is not None and is_staff_identity(self.user):
            raise ValidationError({"user": _("A staff account cannot be an applicant's portal account.")})

    @property
    def masked_passport(self) -> str:
        return f"•••• {self.passport_last4}" if self.passport_last4 else ""


class ConsentRecord(models.Model):
    """What an applicant agreed to, under which wording, and when (and whether they withdrew it).

    Records are written once by the services and never edited; a withdrawal only sets `withdrawn_at`.
    """

    applicant = models.ForeignKey(
        Applicant, verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="consents"
    )
    text_version = models.CharField(
        _("consent text version"), max_length=40, help_text=_("The version of the wording they agreed to.")
    )
    for_assessment = models.BooleanField(_("assessment"), default=False)
    for_consultation = models.BooleanField(_("consultation"), default=False)
    for_cross_border_transfer = models.BooleanField(_("cross-border transfer Singapore-China"), default=False)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(for_assessment=True)
                | models.Q(for_consultation=True)
                | models.Q(for_cross_border_transfer=True),
                name="consent_has_a_purpose",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} · {self.text_version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
