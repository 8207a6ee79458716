"""Writes for assessments: running the engine and storing its immutable snapshot, and the exchange rates.

`current_rates` is the one place that decides which exchange rates an assessment uses; the rates are written
only through `save_exchange_rate` and `delete_exchange_rates`, which tell every process to read them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .engine import ExchangeRates, assess, parse_profile, versions_in_force
from .kept_rates import announce_new_rates, rates_in_force
from .models import Assessment, ExchangeRate

if TYPE_CHECKING:
    # Only to name the types the snapshot's foreign keys point at: assessments never runs applicants' code.
    from applicants.models import Applicant, Case


def current_rates(as_of: date) -> ExchangeRates:
    """The exchange rates an assessment on `as_of` converts with: the table's rates in force that day (kept
    per process until a rate is saved or deleted: `kept_rates`)."""
    return rates_in_force.on(as_of)


@transaction.atomic
def save_exchange_rate(*, rate: ExchangeRate, by: User | None) -> ExchangeRate:
    """Add or change a rate (validated first), recording who did; every process uses it from the commit on."""
    rate.updated_by = by
    rate.full_clean()
    rate.save()
    announce_new_rates()
    return rate


@transaction.atomic
def delete_exchange_rates(*, rates: Iterable[ExchangeRate]) -> int:
    """Delete rates; from the commit on every process uses what is left in force. Returns how many went."""
    ids = [rate.pk for rate in rates]
    deleted, _by_model = ExchangeRate.objects.filter(pk__in=ids).delete()
    announce_new_rates()
    return deleted


def rule_versions_in_force(*, on: date, application_type: str = "new") -> dict[str, str]:
    """Pathway code → id of the rule version in force on `on` for this kind of application."""
    return {code: version.id for code, version in versions_in_force(on, application_type).items()}


def outdated_rule_versions(
    snapshot: Assessment, *, today: date, pathways: list[str] | None = None
) -> dict[str, tuple[str, str]]:
    """Pathway → (version the snapshot used, version in force `today`) wherever they differ.

    Only `pathways` are compared when given (a case cares about the pathways it targets).
    """
    application_type = str((snapshot.inputs or {}).get("application_type") or "new")
    in_force = rule_versions_in_force(on=today, application_type=application_type)
    used: dict[str, str] = dict(snapshot.rule_versions or {})
    codes = pathways if pathways else sorted(in_force)
    return {
        code: (used.get(code, ""), in_force[code])
        for code in codes
        if code in in_force and used.get(code) != in_force[code]
    }


@transaction.atomic
def run_assessment(
    *,
    applicant: Applicant,
    case: Case | None = None,
    profile: Mapping[str, Any],
    as_of: date,
    created_by: User | None = None,
) -> Assessment:
    """Assess `profile` under the rules in force on `as_of` and store the snapshot.

    `as_of` overrides any `as_of` inside the profile; the profile is stored exactly as given.
    Raises `engine.ProfileError` (field path → messages) when the profile is invalid, and
    `ValidationError` when `case` belongs to another applicant.
    """
    if case is not None and case.applicant_id != applicant.pk:
        raise ValidationError(_("Case %(case)s belongs to another applicant.") % {"case": case.reference})
    parsed = parse_profile({**profile, "as_of": as_of.isoformat()}, default_as_of=as_of)
    data = assess(parsed, rates=current_rates(parsed.as_of)).to_data()
    return Assessment.objects.create(
        applicant=applicant,
        case=case,
        as_of=parsed.as_of,
        inputs=dict(profile),
        results=data,
        rule_versions={result["pathway"]: result["rule_version"] for result in data["results"]},
        engine_version=data["engine_version"],
        created_by=created_by,
    )
