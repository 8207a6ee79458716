"""Rule versions are data: complete metadata, windows that tile the calendar, selection by date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assessments.engine import PATHWAY_CODES, REGISTRY, Confidence, PathwayEntry, RuleVersion, rule_catalogue
from assessments.engine.profile import COVERAGE_START

from .helpers import result

CATALOGUE = rule_catalogue()
SELECTABLE = [v for v in CATALOGUE if v.effective_to is None or v.effective_to >= COVERAGE_START]


def test_catalogue_lists_every_pathway_in_contract_order() -> None:
    seen: list[str] = []
    for version in CATALOGUE:
        if version.pathway not in seen:
            seen.append(version.pathway)
    assert tuple(seen) == PATHWAY_CODES


@pytest.mark.parametrize("version", CATALOGUE, ids=lambda v: v.id)
def test_every_version_carries_its_metadata(version: RuleVersion[object]) -> None:
    assert version.id.startswith(f"{version.pathway}/")
    assert version.title
    assert version.notes
    assert version.sources
    assert all(s.url.startswith("http") and s.title for s in version.sources)
    assert version.last_verified == date(2026, 11, 24)
    assert isinstance(version.confidence, Confidence)
    assert version.applies_to <= {"new", "renewal"}
    assert version.applies_to
    assert version.effective_to is None or version.effective_to >= version.effective_from
    if version.is_open:
        assert version.key_parameters()


def test_version_ids_are_unique() -> None:
    ids = [v.id for v in CATALOGUE]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.code)
@pytest.mark.parametrize("application_type", ["new", "renewal"])
def test_versions_tile_the_calendar_from_coverage_start(entry: PathwayEntry, application_type: str) -> None:
    day = COVERAGE_START
    while True:
        chosen = entry.book.select(day, application_type)
        assert chosen.in_force(day, application_type)
        others = [v for v in entry.book.versions if v is not chosen and v.in_force(day, application_type)]
        assert others == [], f"{chosen.id} overlaps {[v.id for v in others]} on {day}"
        if chosen.effective_to is None:
            break
        day = chosen.effective_to + timedelta(days=1)


def _transitions() -> list[tuple[str, str, date, str]]:
    """(pathway, application type, effective_from, version id) for every window start after coverage."""
    rows = []
    for version in SELECTABLE:
        if version.effective_from > COVERAGE_START:
            for application_type in sorted(version.applies_to):
                rows.append((version.pathway, application_type, version.effective_from, version.id))
    return rows


@pytest.mark.parametrize(("pathway", "application_type", "start", "version_id"), _transitions())
def test_version_is_selected_from_its_first_day_and_not_the_day_before(
    pathway: str, application_type: str, start: date, version_id: str
) -> None:
    data = {"application_type": application_type}
    assert result(data, pathway, as_of=start).rule_version == version_id
    assert result(data, pathway, as_of=start - timedelta(days=1)).rule_version != version_id


@pytest.mark.parametrize(
    ("pathway", "as_of", "application_type", "expected"),
    [
        ("sg_tech_pass", date(2021, 1, 18), "new", "sg_tech_pass/before_launch"),
        ("sg_tech_pass", date(2022, 6, 1), "new", "sg_tech_pass/A_2021"),
        ("sg_tech_pass", date(2024, 6, 1), "new", "sg_tech_pass/B_2023"),
        ("sg_tech_pass", date(2026, 11, 24), "new", "sg_tech_pass/C_current"),
        ("sg_tech_pass", date(2027, 1, 1), "new", "sg_tech_pass/closed_2027"),
        ("sg_tech_pass", date(2027, 1, 1), "renewal", "sg_tech_pass/renewal_current"),
        ("sg_employment_pass", date(2025, 6, 1), "renewal", "sg_employment_pass/V2022_COMPASS_renewal"),
        ("sg_employment_pass", date(2026, 1, 1), "renewal", "sg_employment_pass/V2025_renewal"),
        ("sg_employment_pass", date(2027, 6, 1), "renewal", "sg_employment_pass/V2025_renewal"),
        ("sg_employment_pass", date(2027, 6, 1), "new", "sg_employment_pass/V2027"),
        ("cn_work_permit", date(2021, 1, 1), "new", "cn_work_permit/2017_interim"),
    ],
)
def test_version_in_force_on_a_date(pathway: str, as_of: date, application_type: str, expected: str) -> None:
    assert result({"application_type": application_type}, pathway, as_of=as_of).rule_version == expected


def test_the_trial_points_table_is_kept_as_history_but_never_selected() -> None:
    trial = next(v for v in CATALOGUE if v.id == "cn_work_permit/2017_trial")
    assert trial.effective_to is not None
    assert trial.effective_to < COVERAGE_START
    assert trial.key_parameters()["language_max"] == "10"


def test_unconfirmed_tracks_cap_the_outcome_at_likely_eligible() -> None:
    capped = {v.id for v in CATALOGUE if v.outcome_cap.value == "likely_eligible"}
    assert capped == {
        "sg_tech_pass/A_2021",
        "sg_tech_pass/renewal_2021",
        "sg_one_pass/renewal_2023",
        "sg_tech_pass/B_2023",
        "sg_one_pass_ai_tech/2027",
        "cn_k_visa/2025",
        "sg_employment_pass/V2019_renewal",
    }
