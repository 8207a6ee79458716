"""The staff side of a case's secure messages: the conversation page (read, reply) and attachments.

Pages of the case admin (`CaseAdmin.get_urls`), reached from the case page's "messages" line and the
case list's unread badge. Whoever may see the case reads the conversation, and opening it marks the
applicant's messages read; whoever may change the case replies. A case outside the user's scope is a
404 (`CaseScopedAdminMixin.get_object`), its attachments too (`access.message_for`).
"""

from __future__ import annotations

from typing import Any

from auditlog.signals import accessed
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import message_for
from ..models import Case, Message
from ..services.messages import mark_read_by_staff, send_message_as_staff, unread_count_for_staff
from ..uploads import download_response
from .scoping import case_page_case


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("reply to the applicant"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80, "maxlength": Message.MAX_LENGTH}),
        help_text=gettext_lazy(
            "The applicant reads it in the portal; their e-mail only says a message arrived."
        ),
    )
    attachment = forms.FileField(
        label=gettext_lazy("attachment (optional)"),
        required=False,
        help_text=gettext_lazy("PDF, JPEG or PNG, checked like a document upload."),
    )


def unread_from_applicant() -> Coalesce:
    """Per case: the applicant's messages nobody at the consultancy has read (one subquery per row
    shown, not a join over the whole case table)."""
    unread = (
        Message.objects.filter(case=OuterRef("pk"))
        .unread_by_consultancy()
        .order_by()
        .values("case")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread), 0)


def messages_in_all() -> Coalesce:
    """Per case: how many messages it holds (one subquery per row shown)."""
    total = Message.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(count=Count("pk"))
    return Coalesce(Subquery(total.values("count")), 0)


def unread_badge(case: Case, count: int) -> str:
    """The case list's and case page's badge: "2 unread", linked to the conversation."""
    if not count:
        return ""
    url = reverse("admin:applicants_case_messages", args=[case.pk])
    label = _("%(count)d unread message") if count == 1 else _("%(count)d unread messages")
    return format_html(
        '<a class="case-badge case-badge-warning unread-messages" href="{}">{}</a>',
        url,
        label % {"count": count},
    )


def messages_line(case: Case) -> str:
    """The case page's "messages" line: how many, how many unread, and the link to the conversation."""
    url = reverse("admin:applicants_case_messages", args=[case.pk])
    # The case admin's queryset counts both in the query that reads the case (the page's query budget).
    total = getattr(case, "messages_total", None)
    if total is None:
        total = case.messages.count()
    unread = getattr(case, "unread_from_applicant", None)
    if unread is None:
        unread = unread_count_for_staff(case=case)
    link = format_html('<a href="{}" class="open-conversation">{}</a>', url, _("Open the conversation"))
    counts = _("%(total)d in all") % {"total": total}
    if unread:
        return format_html("{} · {} {}", unread_badge(case, unread), counts, link)
    return format_html("{} · {}", counts, link)


def conversation_view(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str
) -> HttpResponse:
    """The case's messages, oldest first, and the reply form; reading marks the applicant's read."""
    case = case_page_case(modeladmin, request, object_id)
    user = request.user
    assert isinstance(user, User)  # the admin only lets signed-in staff in
    may_reply = modeladmin.has_change_permission(request, case)
    url = reverse("admin:applicants_case_messages", args=[case.pk])
    form = ReplyForm()
    status = 200
    if request.method == "POST":
        if not may_reply:
            raise PermissionDenied
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                send_message_as_staff(
                    case=case,
                    by=user,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                modeladmin.message_user(
                    request,
                    _("Message sent; the applicant is e-mailed that it is waiting."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(url)
        status = 400
    thread = list(case.messages.select_related("sender"))
    unread = {m.pk for m in thread if m.read_at is None and m.is_from_applicant}
    if unread and request.method == "GET":
        mark_read_by_staff(case=case, by=user)
    context: dict[str, Any] = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Messages on case %(reference)s") % {"reference": case.reference},
        "opts": modeladmin.model._meta,
        "case": case,
        "case_url": reverse("admin:applicants_case_change", args=[case.pk]),
        "thread": thread,
        "unread": unread,
        "form": form,
        "may_reply": may_reply,
    }
    return TemplateResponse(request, "admin/applicants/case/messages.html", context, status=status)


def attachment_view(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str, message_id: int
) -> FileResponse:
    """A message's attachment, to staff who may see its case (404 otherwise); logged."""
    case = case_page_case(modeladmin, request, object_id)
    message = message_for(request.user, message_id, case_pk=case.pk)
    if not message.attachment:
        raise Http404("This message has no attachment.")
    accessed.send(sender=Message, instance=message)
    return download_response(message.attachment, name=f"attachment-{case.reference}-{message.pk}")
