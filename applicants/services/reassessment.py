"""Re-running assessments: one case on demand, or every open case when new rule versions take effect."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from assessments.engine import ProfileError, versions_starting
from assessments.models import Assessment
from assessments.services import outdated_rule_versions, run_assessment

from ..access import require_case_access
from ..errors import CaseRuleError
from ..models import Case

logger = logging.getLogger(__name__)

# The daily job also catches up on a rule change it missed (worker down on the day) for this long.
RULE_CHANGE_CATCH_UP_DAYS = 7


def latest_snapshot(case: Case) -> Assessment | None:
    """The case's newest assessment snapshot, if it has one."""
    return case.assessments.latest_first().first()


@transaction.atomic
def reassess_case(*, case: Case, as_of: date, by: User | None = None) -> Assessment:
    """Re-run the case's latest assessment (same profile) under the rules in force on `as_of`."""
    if by is not None:
        require_case_access(by, case)
    latest = latest_snapshot(case)
    if latest is None:
        raise CaseRuleError(_("%(case)s has no assessment to re-run yet.") % {"case": case.reference})
    try:
        return run_assessment(
            applicant=case.applicant, case=case, profile=latest.inputs, as_of=as_of, created_by=by
        )
    except ProfileError as error:
        raise CaseRuleError(
            _("The stored profile of %(case)s no longer passes validation: %(errors)s")
            % {"case": case.reference, "errors": error}
        ) from error


def rule_versions_taking_effect(*, after: date, until: date) -> list[str]:
    """Ids of rule versions whose first day is in (after, until]."""
    return [version.id for version in versions_starting(after, until)]


def reassess_open_cases(*, today: date) -> int:
    """When new rule versions have taken effect (today or in the last few days), re-assess every open
    case whose latest snapshot used an older version of a pathway it targets. Returns how many.

    Idempotent: a re-assessed case's snapshot is current, so a second run skips it. Not one
    transaction: each case is re-assessed in its own (`reassess_case`), so a case whose stored profile
    no longer validates is logged and skipped, never blocking the others, and no lock is held on
    every open case for the length of the run.
    """
    changes = rule_versions_taking_effect(
        after=today - timedelta(days=RULE_CHANGE_CATCH_UP_DAYS), until=today
    )
    if not changes:
        return 0
    logger.info("Rule versions taking effect: %s; re-assessing open cases", ", ".join(changes))
    newest = Assessment.objects.filter(case=OuterRef("pk")).order_by("-created_at", "-pk").values("pk")[:1]
    latest_ids = Case.objects.open().annotate(latest=Subquery(newest)).exclude(latest=None).values("latest")
    snapshots = (
        Assessment.objects.filter(pk__in=latest_ids)
        .select_related("case__applicant")
        .prefetch_related("case__pathways")
        .order_by("pk")
    )
    done = 0
    for snapshot in snapshots.iterator(chunk_size=500):
        case = snapshot.case
        assert case is not None
        targets = [p.code for p in case.pathways.all()]
        if not outdated_rule_versions(snapshot, today=today, pathways=targets):
            continue
        try:
            reassess_case(case=case, as_of=today)
        except CaseRuleError:
            logger.exception("Re-assessment of %s skipped", case.reference)
            continue
        done += 1
    return done
