"""The portal's side of a case's secure messages: the conversation page (read, write) and attachments.

Opening the conversation marks the consultancy's messages read. Posting is rate-limited per client like
the portal's other forms; the service's refusals (empty, too long, a file we do not accept) show beside
their field with the error summary, never as a server error.
"""

from __future__ import annotations

from auditlog.signals import accessed
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from consultancy.ratelimits import limited

from ..access import case_for, message_for
from ..intake.base import error_links
from ..models import Applicant, Message
from ..services.messages import mark_read_by_applicant, send_message_as_applicant
from ..uploads import download_response
from .forms import MessageForm
from .views import applicant_view


@applicant_view
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, applicant: Applicant, reference: str) -> HttpResponse:
    case = case_for(request.user, as_applicant=True, reference=reference)
    form = MessageForm()
    status = 200
    if request.method == "POST":
        too_many = limited(request, group="portal-message", rate=settings.PORTAL_MESSAGE_RATE)
        if too_many:
            return too_many
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                send_message_as_applicant(
                    applicant=applicant,
                    case=case,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your message is sent. We e-mail you when your consultant replies.")
                )
                return redirect("applicants:portal-messages", reference=case.reference)
        status = 400
    thread = list(case.messages.select_related("sender"))
    unread = {m.pk for m in thread if m.read_at is None and not m.is_from_applicant}
    if unread and request.method == "GET":
        mark_read_by_applicant(applicant=applicant, case=case)
    return render(
        request,
        "applicants/portal_messages.html",
        {"case": case, "thread": thread, "unread": unread, "form": form, "errors": error_links(form)},
        status=status,
    )


@applicant_view
@require_GET
def attachment(request: HttpRequest, applicant: Applicant, pk: int) -> FileResponse:
    message = message_for(request.user, pk, as_applicant=True)
    if not message.attachment:
        raise Http404(_("This message has no attachment."))
    accessed.send(sender=Message, instance=message)
    return download_response(
        message.attachment,
        name=_("attachment-%(case)s-%(pk)d") % {"case": message.case.reference, "pk": message.pk},
    )
