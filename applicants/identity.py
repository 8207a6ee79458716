"""The applicant's sign-in identity: the e-mail address their links go to and their portal account.

Whoever controls an applicant's e-mail address can sign in as that applicant (sign-in and resume
links go there), so changing it is changing who the applicant is. Only a case manager may do it, and
the portal login follows the record, so the record and the login never name two different people.
(Re-verifying the new address would not help: it proves control of the new address, which is exactly
what someone redirecting the account has.) The change is in the audit log like every other.

The portal account itself is created only by `portal_services.activate_portal_account`, from the
applicant's own resume link; no form can set it, and a staff account can never be it
(`accounts.identity`).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .access import AnyUser, manages_all_cases
from .errors import AccessDenied
from .models import Applicant
from .services import normalise_email


@transaction.atomic
def change_applicant_email(*, applicant: Applicant, email: str, by: AnyUser) -> Applicant:
    """Give `applicant` a new e-mail address (case managers only); their portal login follows.

    Raises `AccessDenied` for anyone else and `ValidationError` for an address another applicant or
    login already has.
    """
    if not manages_all_cases(by):
        raise AccessDenied(_("Only a case manager can change an applicant's e-mail address."))
    locked = Applicant.objects.select_for_update(of=("self",)).select_related("user").get(pk=applicant.pk)
    email = normalise_email(email)
    if Applicant.objects.filter(email__iexact=email).exclude(pk=locked.pk).exists():
        raise ValidationError({"email": _("Another applicant already uses this e-mail address.")})
    user = locked.user
    if user is not None:
        if User.objects.filter(username__iexact=email).exclude(pk=user.pk).exists():
            raise ValidationError({"email": _("A login with this e-mail address already exists.")})
        user.username, user.email = email.lower(), email
        user.save(update_fields=["username", "email"])
    locked.email = email
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=["email"])
    applicant.email = locked.email
    return locked
