"""The portal's forms (sign-in, password, upload, deletion, the pages e-mailed links open, password
reset); each returns plain domain values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import User
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from accounts.identity import applicant_accounts, is_staff_identity

from ..consent import ConsentForm
from ..models import Applicant, Message
from ..uploads import validate_upload


class PortalLoginForm(AuthenticationForm):
    """Sign in with e-mail and password (the account's user name is the e-mail, in lower case)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong. Both are case-sensitive."),
        "inactive": _("This account is closed."),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if is_staff_identity(user):
            # Staff sign in to the admin, behind their second factor; never here (accounts.identity).
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class MagicLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CreatePasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only numbers, not a common password, not like your e-mail."),
        error_messages={"required": _("Choose a password.")},
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password again.")},
    )

    def __init__(self, *args: Any, applicant: Applicant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.applicant = applicant

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            candidate = User(username=self.applicant.email.lower(), email=self.applicant.email)
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG."),
        error_messages={"required": _("Choose a file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean_file(self) -> File[bytes]:
        return validate_upload(self.cleaned_data["file"])


class MessageForm(forms.Form):
    """A message and an optional attachment. The rules (not empty, not too long, the upload check) are
    the service's (`services.messages`), whose errors the view shows beside these fields."""

    body = forms.CharField(
        label=_("Your message"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": Message.MAX_LENGTH}),
        help_text=_("Only you and the consultancy's staff can read it."),
    )
    attachment = forms.FileField(
        label=_("Attach a file (optional)"),
        required=False,
        help_text=_("PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, I want my account and data deleted."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class LinkSignInForm(forms.Form):
    """No fields: a link signs in only when its page is submitted (a POST with the CSRF token), so a
    link opened by a mail scanner or planted by someone else signs nobody in."""


class ConfirmSubmissionForm(ConsentForm):
    """The consents, given by the person confirming (who may not be who typed the address)."""


class PortalPasswordResetForm(PasswordResetForm):
    """Resets only applicants' passwords: a staff account's is never reset the portal's way."""

    def get_users(self, email: str) -> Iterator[Any]:
        candidates: list[User] = list(super().get_users(email))
        allowed = set(
            applicant_accounts()
            .filter(pk__in=[user.pk for user in candidates], applicant__erased_at__isnull=True)
            .exclude(applicant=None)
            .values_list("pk", flat=True)
        )
        return iter([user for user in candidates if user.pk in allowed])
