"""When a service refuses what a change page or an action asked for, staff read why; nothing half-done.

The forms check the services' rules before anything is saved, so a refusal here is rare: a rule only
the service could check at save time (two rows of one form naming the same document, a colleague's
change that came first). The whole save is rolled back and the page says why, instead of a 500.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from ..errors import CaseRuleError

REFUSALS = (CaseRuleError, ValidationError)


def refusal_text(error: CaseRuleError | ValidationError) -> str:
    """A service's refusal as one line for staff."""
    return "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class RefusalsAsMessagesMixin:
    """For a ModelAdmin whose `save_model`/`save_formset` call services that may refuse."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            # The admin saves inside one transaction: leaving it with the error rolls everything back.
            response: HttpResponse = super().changeform_view(  # type: ignore[misc]
                request, object_id, form_url, extra_context
            )
        except REFUSALS as error:
            self.message_user(request, refusal_text(error), messages.ERROR)  # type: ignore[attr-defined]
            return HttpResponseRedirect(request.get_full_path())
        return response
