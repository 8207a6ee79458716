"""R visa: category A talent by points (>= 85) or a category-A route (review)."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import english, result
from .test_cn_work_permit import full

A_PROFILE = full(salary=450_000, level="doctorate", years=17, hsk=5, region=True)
NO_ROUTE = {"national_talent_programme": False, "international_award": False}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (A_PROFILE, "eligible"),
        (
            full(achievements={"fortune_global_500_experience": False, "holds_patents": False, **NO_ROUTE}),
            "not_eligible",
        ),
        (full(), "insufficient_information"),
        (full(achievements={"national_talent_programme": True}), "needs_review"),
        (
            full(achievements={"international_award": True, "national_talent_programme": False}),
            "needs_review",
        ),
        (full(achievements=None), "insufficient_information"),
    ],
)
def test_category_a_by_points_or_route(data: dict[str, Any], expected: str) -> None:
    assert result(data, "cn_r_visa").outcome == expected


def test_points_exactly_85_qualify() -> None:
    # 17 + 20 + 5 + 15 + 3 + 10 + 15 + 0 = 85
    data = full(salary=350_000, level="doctorate", years=2, months=12, hsk=3, region=True)
    data["achievements"] = {**data["achievements"], **NO_ROUTE}
    res = result(data, "cn_r_visa")
    assert res.points is not None
    assert res.points.total == 85
    assert res.outcome == "eligible"
    data["hsk_level"] = 2
    assert result(data, "cn_r_visa").outcome == "not_eligible"


def test_the_confirmation_letter_is_a_document_not_a_criterion() -> None:
    res = result(A_PROFILE, "cn_r_visa")
    assert [c.code for c in res.criteria] == ["category_a"]
    assert any("Confirmation Letter of High-end Foreign Talent" in english(m) for m in res.documents)


def test_not_eligible_what_if_counts_the_points_to_category_a() -> None:
    res = result(full(achievements={**full()["achievements"], **NO_ROUTE}), "cn_r_visa")
    assert english(res.what_if[0]) == "18 more points would reach category A (you have 67 of 85)"
