"""Evaluate a contract profile without storing anything: the path shared by the HTTP API, the
`assess` command and the public self-assessment.

Reads the exchange rates in force from the database; writes nothing. Stored assessments (snapshots
on a case) go through `services.run_assessment` instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from .engine import Assessment, Catalogue, ExchangeRates, Profile, assess, parse_profile
from .services import current_rates

# One catalogue of the engine's wording per language, filled as messages are first met and kept for the life of
# the process (translations change only with a deploy, which restarts it).
_CATALOGUES: dict[str, Catalogue] = {}


def _translate(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


def catalogue(language: str | None = None) -> Catalogue:
    """The engine's message templates in `language` (default: the active language)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in _CATALOGUES:
        _CATALOGUES[language] = Catalogue(partial(_translate, language))
    return _CATALOGUES[language]


def parse(data: Mapping[str, Any], *, as_of: date | None = None, today: date | None = None) -> Profile:
    """Validate a contract profile; `as_of` (if given) overrides the profile's own, which defaults to `today`
    (the local date unless given: callers parsing many profiles read the clock once).

    Raises `engine.ProfileError` (`.errors`: field path -> messages) on bad input.
    """
    if as_of is not None:
        data = {**data, "as_of": as_of.isoformat()}
    return parse_profile(data, default_as_of=today or timezone.localdate())


def snapshot_data(profile: Profile, *, rates: ExchangeRates | None = None) -> dict[str, Any]:
    """Assess every pathway; the result in the stored snapshot's shape (texts as msgids with parameters).

    What `presentation.present` takes. `rates` defaults to the table's rates in force on the profile's
    `as_of` (kept per process while the table is unchanged: `kept_rates`).
    """
    if rates is None:
        rates = current_rates(profile.as_of)
    return assess(profile, rates=rates).to_data()


def engine_result(profile: Profile, *, rates: ExchangeRates | None = None) -> Assessment:
    """Assess every pathway; the engine's result itself, for a page that words it at once
    (`presentation.present_result`) or reads only outcomes, without building the snapshot first.
    """
    if rates is None:
        rates = current_rates(profile.as_of)
    return assess(profile, rates=rates)


def outcomes(profile: Profile, *, rates: ExchangeRates | None = None) -> dict[str, str]:
    """Pathway code -> outcome word, and nothing worded: for comparisons that show only each route's
    headline ("and if you apply after the rules change?"), at a fraction of `snapshot_data`'s cost.
    """
    return {result.pathway: result.outcome.value for result in engine_result(profile, rates=rates).results}


def evaluate(profile: Profile, *, rates: ExchangeRates | None = None) -> dict[str, Any]:
    """Assess every pathway and return the contract JSON, worded in the active language.

    `rates` defaults to the table's rates in force on the profile's `as_of`; callers assessing many
    profiles pass them in to read the table once.
    """
    if rates is None:
        rates = current_rates(profile.as_of)
    return assess(profile, rates=rates).to_contract(catalogue())
