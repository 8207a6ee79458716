"""The consultants' daily digest: one e-mail per consultant listing everything that needs them today.

Items: next actions due (or overdue) on open cases, reminders due, passes expiring in exactly 90
and in exactly 30 days, renewal windows opening today, and cases the system re-assessed today
because a new rule version took effect. Each consultant gets at most one digest per day
(`DigestDelivery`), so running the job twice sends nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.models import Assessment
from assessments.presentation import outcome_lines
from staff.profiles import profile_for

from ..models import Case, DigestDelivery, Reminder

logger = logging.getLogger(__name__)

EXPIRY_MILESTONES_DAYS = (90, 30)


@dataclass(frozen=True)
class DigestLine:
    reference: str
    applicant: str
    detail: str
    url: str


@dataclass
class Digest:
    consultant: User
    day: date
    next_actions: list[DigestLine] = field(default_factory=list)
    reminders: list[DigestLine] = field(default_factory=list)
    expiring: dict[int, list[DigestLine]] = field(default_factory=dict)
    renewals_opening: list[DigestLine] = field(default_factory=list)
    reassessed: list[DigestLine] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return (
            len(self.next_actions)
            + len(self.reminders)
            + sum(len(lines) for lines in self.expiring.values())
            + len(self.renewals_opening)
            + len(self.reassessed)
        )


def _case_url(case_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("admin:applicants_case_change", args=[case_id])


def _line(case: Case, detail: str) -> DigestLine:
    return DigestLine(case.reference, case.applicant.full_name, detail, _case_url(case.pk))


def _language_of(user: User | None) -> str:
    """The staff member's working language (their profile; English without one)."""
    return profile_for(user).language if user is not None else settings.LANGUAGE_CODE


def build_digests(*, today: date) -> list[Digest]:
    """Every consultant's digest for `today` (consultants with nothing to do get none), each line in
    the consultant's working language."""
    digests: dict[int, Digest] = {}

    def digest_for(case: Case) -> Digest:
        assert case.assigned_to is not None
        return digests.setdefault(case.assigned_to.pk, Digest(consultant=case.assigned_to, day=today))

    assigned = Case.objects.filter(assigned_to__isnull=False, assigned_to__is_active=True).select_related(
        "applicant", "assigned_to__staff_profile"
    )
    for case in assigned.open().next_action_due(today=today).order_by("next_action_on", "reference"):
        assert case.next_action_on is not None
        with translation.override(_language_of(case.assigned_to)):
            when = (
                _("due today")
                if case.next_action_on == today
                else _("overdue since %(day)s") % {"day": case.next_action_on.isoformat()}
            )
            line = _line(case, f"{case.next_action or _('next action')} ({when})")
        digest_for(case).next_actions.append(line)

    reminders = (
        Reminder.objects.due(today=today)
        .filter(case__assigned_to__isnull=False, case__assigned_to__is_active=True)
        .select_related("case__applicant", "case__assigned_to__staff_profile")
        .order_by("due_on", "pk")
    )
    for reminder in reminders:
        with translation.override(_language_of(reminder.case.assigned_to)):
            line = _line(reminder.case, f"{reminder.title} ({_('due')} {reminder.due_on.isoformat()})")
        digest_for(reminder.case).reminders.append(line)

    for days in EXPIRY_MILESTONES_DAYS:
        for case in assigned.filter(pass_expires_on=today + timedelta(days=days)).order_by("reference"):
            with translation.override(_language_of(case.assigned_to)):
                line = _line(
                    case, _("pass expires on %(day)s") % {"day": (today + timedelta(days=days)).isoformat()}
                )
            digest_for(case).expiring.setdefault(days, []).append(line)

    for case in assigned.filter(renewal_window_opens_on=today).order_by("reference"):
        with translation.override(_language_of(case.assigned_to)):
            line = _line(case, _("renewal may be filed from today"))
        digest_for(case).renewals_opening.append(line)

    rerun = (
        Assessment.objects.filter(
            created_by__isnull=True,
            created_at__date=today,
            case__assigned_to__isnull=False,
            case__assigned_to__is_active=True,
        )
        .select_related("case__applicant", "case__assigned_to__staff_profile")
        .order_by("case__reference", "pk")
    )
    for snapshot in rerun:
        assert snapshot.case is not None
        with translation.override(_language_of(snapshot.case.assigned_to)):
            outcomes = "; ".join(
                f"{line.name}: {line.headline.label}" for line in outcome_lines(snapshot.outcomes())
            )
        digest_for(snapshot.case).reassessed.append(_line(snapshot.case, outcomes))

    return sorted(digests.values(), key=lambda d: d.consultant.get_username())


def _subject(digest: Digest) -> str:
    count = digest.item_count
    return ngettext(
        "Your cases on %(day)s: %(count)d item needs you",
        "Your cases on %(day)s: %(count)d items need you",
        count,
    ) % {"day": digest.day.isoformat(), "count": count}


@transaction.atomic
def send_digest(*, digest: Digest) -> bool:
    """Send one consultant's digest unless it already went out today. True when it was sent now."""
    if not digest.consultant.email:
        logger.warning("Consultant %s has no e-mail address; digest not sent", digest.consultant.pk)
        return False
    try:
        with transaction.atomic():
            # The delivery row is written first and committed only if the mail was handed over:
            # a failed send rolls it back (and the task retries); a second run finds it and stops.
            DigestDelivery.objects.create(
                consultant=digest.consultant, sent_on=digest.day, item_count=digest.item_count
            )
            with translation.override(_language_of(digest.consultant)):
                body = render_to_string("applicants/email/digest.txt", {"digest": digest})
                send_mail(_subject(digest), body, None, [digest.consultant.email])
    except IntegrityError:
        return False
    return True


def send_daily_digests(*, today: date) -> int:
    """Send every consultant's digest for `today`; returns how many were sent by this call.

    Not one transaction: each consultant's digest is committed on its own (`send_digest`), so if any
    send fails, the others still go out and the error is raised at the end so the task is retried
    (sent ones are not repeated).
    """
    sent, failures = 0, []
    for digest in build_digests(today=today):
        if DigestDelivery.objects.filter(consultant=digest.consultant, sent_on=today).exists():
            continue
        try:
            sent += send_digest(digest=digest)
        except Exception as error:  # one bad mailbox must not block the others
            logger.exception("Digest for consultant %s failed", digest.consultant.pk)
            failures.append(error)
    if failures:
        raise failures[0]
    return sent


__all__ = ["Digest", "DigestLine", "build_digests", "send_daily_digests", "send_digest"]
