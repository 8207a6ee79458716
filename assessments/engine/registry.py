"""The pathway registry: one entry per pathway, in contract order. Everything else iterates this.

An entry joins what the pathway is (`descriptions.py`: code, country, name, facts) with how it is decided:
its rule book (the dated rule versions) and its evaluator. Names and facts live in their own module
because the evaluators need the names for their summaries, and this module imports the evaluators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assessments.engine.descriptions import DESCRIPTION, Description, PassFacts
from assessments.engine.pathways import (
    cn_k_visa,
    cn_r_visa,
    cn_work_permit,
    sg_employment_pass,
    sg_entrepass,
    sg_one_pass,
    sg_one_pass_ai_tech,
    sg_tech_pass,
)
from assessments.engine.pathways.common import Context
from assessments.engine.result import PathwayResult
from assessments.engine.rules import (
    cn_k_visa as cn_k_visa_rules,
)
from assessments.engine.rules import (
    cn_r_visa as cn_r_visa_rules,
)
from assessments.engine.rules import (
    cn_work_permit as cn_work_permit_rules,
)
from assessments.engine.rules import (
    sg_employment_pass as sg_employment_pass_rules,
)
from assessments.engine.rules import (
    sg_entrepass as sg_entrepass_rules,
)
from assessments.engine.rules import (
    sg_one_pass as sg_one_pass_rules,
)
from assessments.engine.rules import (
    sg_one_pass_ai_tech as sg_one_pass_ai_tech_rules,
)
from assessments.engine.rules import (
    sg_tech_pass as sg_tech_pass_rules,
)
from assessments.engine.rules.base import RuleBook

Evaluator = Callable[[Context], PathwayResult]


@dataclass(frozen=True)
class PathwayEntry:
    description: Description
    book: RuleBook[Any]
    evaluate: Evaluator

    @property
    def code(self) -> str:
        return self.description.code

    @property
    def country(self) -> str:
        return self.description.country

    @property
    def name(self) -> str:
        """The pathway's one name: an English msgid (translate it where it is shown)."""
        return self.description.name

    @property
    def facts(self) -> PassFacts:
        return self.description.facts


def _entry(book: RuleBook[Any], evaluate: Evaluator) -> PathwayEntry:
    return PathwayEntry(DESCRIPTION[book.pathway], book, evaluate)


REGISTRY: tuple[PathwayEntry, ...] = (
    _entry(sg_tech_pass_rules.BOOK, sg_tech_pass.evaluate),
    _entry(sg_one_pass_rules.BOOK, sg_one_pass.evaluate),
    _entry(sg_one_pass_ai_tech_rules.BOOK, sg_one_pass_ai_tech.evaluate),
    _entry(sg_employment_pass_rules.BOOK, sg_employment_pass.evaluate),
    _entry(sg_entrepass_rules.BOOK, sg_entrepass.evaluate),
    _entry(cn_k_visa_rules.BOOK, cn_k_visa.evaluate),
    _entry(cn_work_permit_rules.BOOK, cn_work_permit.evaluate),
    _entry(cn_r_visa_rules.BOOK, cn_r_visa.evaluate),
)

PATHWAY_CODES: tuple[str, ...] = tuple(entry.code for entry in REGISTRY)
BY_CODE: dict[str, PathwayEntry] = {entry.code: entry for entry in REGISTRY}


def pathway(code: str) -> PathwayEntry:
    """The registry entry for `code`; `KeyError` for a code that is not a pathway."""
    return BY_CODE[code]
