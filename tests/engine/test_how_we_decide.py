"""docs/how-we-decide.md is generated from the rule data: every criterion and version is on it, nothing else."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

from assessments.engine import REGISTRY, rule_catalogue
from assessments.engine.decide import CRITERIA, how_we_decide
from bench.bench_engine import SEED, random_profile

from .helpers import run

PAGE = Path(__file__).resolve().parents[2] / "docs" / "how-we-decide.md"


def test_the_page_in_the_repository_is_what_the_rule_data_gives() -> None:
    assert PAGE.read_text(encoding="utf-8") == how_we_decide(), "run `python manage.py how_we_decide`"


def test_every_rule_version_is_on_the_page_with_its_sources_and_confidence_and_no_other() -> None:
    text = PAGE.read_text(encoding="utf-8")
    listed = set(re.findall(r"^#### `([^`]+)`", text, flags=re.MULTILINE))
    assert listed == {version.id for version in rule_catalogue()}
    for version in rule_catalogue():
        section = text.split(f"#### `{version.id}`", 1)[1].split("####", 1)[0]
        assert f"Confidence: **{version.confidence.value}**" in section
        for source in version.sources:
            assert source.url in section


def test_every_criterion_an_assessment_reports_is_documented_and_nothing_else() -> None:
    rng = random.Random(SEED)
    seen: dict[str, set[str]] = {entry.code: set() for entry in REGISTRY}
    for index in range(300):
        data = random_profile(rng)
        data["application_type"] = "renewal" if index % 4 == 0 else "new"
        as_of = date(2021 + index % 8, 1 + index % 12, 1)
        for result in run(data, as_of=as_of).results:
            seen[result.pathway].update(criterion.code for criterion in result.criteria)
    documented = {pathway: {code for code, _, _ in rows} for pathway, rows in CRITERIA.items()}
    assert set(documented) == set(seen)
    for pathway, codes in seen.items():
        assert codes <= documented[pathway], f"{pathway}: undocumented {codes - documented[pathway]}"
    text = PAGE.read_text(encoding="utf-8")
    for pathway, codes in documented.items():
        section = text.split(f"(`{pathway}`)", 1)[1]
        for code in codes:
            assert f"| `{code}` |" in section.split("### Rule versions", 1)[0]
