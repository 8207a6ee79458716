"""Who may see which object. Every view that touches a case, document or data request (portal and
admin alike) fetches it through the one helper for its kind: `case_for`, `document_for`,
`message_for`, `data_request_for` (advice letters: `letters.access.letter_for`). Anything outside the user's reach is a
404, never a 403 that confirms it exists.

Staff: a consultant works on the cases assigned to them and on the unassigned queue; a case manager
(the `manage_all_cases` permission) and a superuser work on every case, and alone handle data
requests. Applicants (`as_applicant=True`, the portal): their own cases, documents and requests only.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.identity import is_staff_identity

from .errors import AccessDenied
from .models import Applicant, Case, CaseQuerySet, DataRequest, Document, Message

CONSULTANT_GROUP = "Consultant"
CASE_MANAGER_GROUP = "Case manager"
MANAGE_ALL_CASES = "applicants.manage_all_cases"

AnyUser = User | AnonymousUser


def manages_all_cases(user: AnyUser) -> bool:
    return bool(user.is_active and user.has_perm(MANAGE_ALL_CASES))


def case_scope(user: AnyUser) -> Q:
    """The filter that limits cases to those `user` may see."""
    if manages_all_cases(user):
        return Q()
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(assigned_to=user.pk) | Q(assigned_to__isnull=True)


def cases_visible_to(user: AnyUser, queryset: CaseQuerySet | None = None) -> CaseQuerySet:
    base = queryset if queryset is not None else Case.objects.all()
    return base.filter(case_scope(user))


def can_work_on(user: AnyUser, case: Case) -> bool:
    """Whether `user` may see and change `case` (not whether they hold the model permission)."""
    if manages_all_cases(user):
        return True
    return bool(user.is_authenticated and user.is_active and case.assigned_to_id in (None, user.pk))


def applicant_scope(user: AnyUser) -> Q:
    """The filter that limits applicants to those `user` may see and point a case at: applicants with
    a case in their scope, and applicants with no case yet (the intake queue)."""
    if manages_all_cases(user):
        return Q()
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    in_scope = Case.objects.filter(case_scope(user), applicant=OuterRef("pk"))
    any_case = Case.objects.filter(applicant=OuterRef("pk"))
    return Q(Exists(in_scope)) | ~Q(Exists(any_case))


def applicants_visible_to(user: AnyUser) -> QuerySet[Applicant]:
    return Applicant.objects.filter(applicant_scope(user))


def can_work_on_applicant(user: AnyUser, applicant: Applicant) -> bool:
    return applicants_visible_to(user).filter(pk=applicant.pk).exists()


def require_case_access(user: AnyUser, case: Case) -> None:
    """The services' guard: raise `AccessDenied` unless `user` may work on `case`."""
    if not can_work_on(user, case):
        raise AccessDenied(_("You do not work on case %(case)s.") % {"case": case.reference})


def visible_cases(user: AnyUser, *, as_applicant: bool = False) -> CaseQuerySet:
    """The cases `user` may open: their own as an applicant (portal), their scope as staff (admin).

    A staff account sees nothing as an applicant, whatever it is linked to (accounts.identity)."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if as_applicant:
        if is_staff_identity(user):
            return Case.objects.none()
        return Case.objects.filter(applicant__user=user.pk, applicant__erased_at__isnull=True)
    if not user.is_staff:
        return Case.objects.none()
    return cases_visible_to(user)


def case_for(user: AnyUser, *, as_applicant: bool = False, **lookup: Any) -> Case:
    """The one case matching `lookup` that `user` may open; 404 otherwise."""
    case = visible_cases(user, as_applicant=as_applicant).select_related("applicant").filter(**lookup).first()
    if case is None:
        raise Http404(_("No such case, or not one of yours."))
    return case


def _on_visible_case(
    queryset: QuerySet[Any], user: AnyUser, pk: int, *, as_applicant: bool, case_pk: Any, missing: str
) -> Any:
    """The record `pk` of `queryset` if it is on a case `user` may open (on case `case_pk` when given);
    404 with `missing` otherwise."""
    found = queryset.select_related("case").filter(
        pk=pk, case__in=visible_cases(user, as_applicant=as_applicant)
    )
    if case_pk is not None:
        found = found.filter(case_id=case_pk)
    record = found.first()
    if record is None:
        raise Http404(missing)
    return record


def document_for(user: AnyUser, pk: int, *, as_applicant: bool = False, case_pk: Any = None) -> Document:
    """A checklist item of a case `user` may open (of case `case_pk` when given); 404 otherwise."""
    document: Document = _on_visible_case(
        Document.objects.all(),
        user,
        pk,
        as_applicant=as_applicant,
        case_pk=case_pk,
        missing=_("No such document, or not one of yours."),
    )
    return document


def message_for(user: AnyUser, pk: int, *, as_applicant: bool = False, case_pk: Any = None) -> Message:
    """A message on a case `user` may open (on case `case_pk` when given); 404 otherwise."""
    message: Message = _on_visible_case(
        Message.objects.all(),
        user,
        pk,
        as_applicant=as_applicant,
        case_pk=case_pk,
        missing=_("No such message, or not one of yours."),
    )
    return message


def visible_data_requests(user: AnyUser, *, as_applicant: bool = False) -> QuerySet[DataRequest]:
    if not user.is_authenticated or not user.is_active:
        return DataRequest.objects.none()
    if as_applicant:
        if is_staff_identity(user):
            return DataRequest.objects.none()
        return DataRequest.objects.filter(applicant__user=user.pk)
    if user.is_staff and manages_all_cases(user):
        return DataRequest.objects.all()
    return DataRequest.objects.none()


def data_request_for(user: AnyUser, pk: int, *, as_applicant: bool = False) -> DataRequest:
    """A data request (and its export archive) `user` may see; 404 otherwise."""
    request = (
        visible_data_requests(user, as_applicant=as_applicant)
        .select_related("applicant")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404(_("No such request, or not one of yours."))
    return request
