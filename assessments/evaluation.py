"""Evaluate a contract profile without storing anything: the path shared by the HTTP API, the
`assess` command and the public self-assessment.

Reads the exchange rates in force from the database; writes nothing. Stored assessments (snapshots
on a case) go through `services.run_assessment` instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from .engine import ExchangeRates, Profile, assess, parse_profile, render_assessment
from .models import ExchangeRate


def parse(data: Mapping[str, Any], *, as_of: date | None = None) -> Profile:
    """Validate a contract profile; `as_of` (if given) overrides the profile's own.

    Raises `engine.ProfileError` (`.errors`: field path -> messages) on bad input.
    """
    if as_of is not None:
        data = {**data, "as_of": as_of.isoformat()}
    return parse_profile(data, default_as_of=timezone.localdate())


def snapshot_data(profile: Profile, *, rates: ExchangeRates | None = None) -> dict[str, Any]:
    """Assess every pathway; the result in the stored snapshot's shape (texts as msgids with parameters).

    What `presentation.present` takes. `rates` defaults to the table's rates in force on the profile's
    `as_of`; callers assessing many profiles pass them in to read the table once.
    """
    if rates is None:
        rates = ExchangeRate.objects.rates_on(profile.as_of)
    return assess(profile, rates=rates).to_data()


def evaluate(profile: Profile, *, rates: ExchangeRates | None = None) -> dict[str, Any]:
    """Assess every pathway and return the contract JSON, worded in the active language."""
    return render_assessment(snapshot_data(profile, rates=rates), translate=gettext)
