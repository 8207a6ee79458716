"""The "How we decide" page (docs/how-we-decide.md), generated from the rule data.

`how_we_decide()` returns the Markdown text; `manage.py how_we_decide` writes it (or `--check`s it), and a
test fails when the page and the rule catalogue disagree. Each criterion is listed with what it tests and
what makes it `needs_review`; each rule version with its window, confidence, sources, notes and figures.
"""

from __future__ import annotations

from datetime import date

from assessments.engine.assess import ENGINE_VERSION, HORIZON_MONTHS
from assessments.engine.descriptions import NAMES
from assessments.engine.registry import REGISTRY
from assessments.engine.rules.base import Confidence, RuleVersion

# Pathway -> (criterion code, what it tests, what makes it needs_review). Every code a pathway can report.
CRITERIA: dict[str, tuple[tuple[str, str, str], ...]] = {
    "sg_tech_pass": (
        (
            "salary",
            "Fixed monthly salary at the version's threshold.",
            "Fixed salary below it while total pay (non-cash) reaches it: EDB judges non-cash pay case by case.",
        ),
        (
            "leading_role",
            "Calendar years in a founder/C-suite/leadership role at a qualifying tech company "
            "(valuation or funding) or tech VC (assets under management only).",
            "Never; unknown facts give unknown.",
        ),
        (
            "product_role",
            "Launch version only: years leading a tech product with the revenue threshold.",
            "Never; users are not collected, so a short revenue stays unknown.",
        ),
        (
            "renewal_criteria",
            "Renewal income, spending and roles.",
            "Always: not collected, a consultant reviews.",
        ),
    ),
    "sg_one_pass": (
        ("salary", "Fixed salary over the last 12 months, or a Singapore offer, at S$30,000.", "Never."),
        ("single_employer", "The salary is paid by one employer.", "Never."),
        (
            "established_company",
            "Overseas candidates: the current or most recent job (ended within a year, "
            "with earlier roles at the same organisation) at an established company for 12 months, or a "
            "Singapore offer from one.",
            "Never; an old stint is not met, unknown figures are unknown.",
        ),
        (
            "outstanding_achievements",
            "The achievement route.",
            "Any declared achievement: MOM judges case by case.",
        ),
        (
            "renewal_criteria",
            "Renewal salary or local hires.",
            "Always: not collected, a consultant reviews.",
        ),
    ),
    "sg_one_pass_ai_tech": (
        (
            "total_compensation",
            "Fixed salary plus vested non-cash pay (equity, ESOP) at S$30,000; cash "
            "bonuses and allowances do not count.",
            "Never; a total given without its parts is unknown.",
        ),
        ("fixed_salary", "Fixed salary at S$22,500.", "Never."),
        (
            "experience",
            "5 calendar years as founder, C-suite or technical within 10 years.",
            "The years reach 5 only with VP/partner ('leadership') roles, which the sources do not clearly cover.",
        ),
        (
            "employer",
            "Current or last employer: tech company (valuation, revenue or funding) or tech VC "
            "(assets under management only).",
            "Never.",
        ),
    ),
    "sg_employment_pass": (
        ("job_offer", "A Singapore job offer.", "Never."),
        (
            "pass_expiry",
            "Renewals: the expiry date when a change of rules within six months makes it decide.",
            "Never; it is unknown until given.",
        ),
        (
            "qualifying_salary",
            "The age- and sector-dependent qualifying salary.",
            "The offer lies between the bottom and the top of the age scale and the age is known: MOM's table decides.",
        ),
        (
            "compass",
            "COMPASS 40 points unless exempt.",
            "Points that unknown factors could still decide either way.",
        ),
    ),
    "sg_entrepass": (
        ("singapore_company", "Has or plans a Singapore private limited company.", "Never."),
        (
            "company_age",
            "Not yet incorporated, or within the version's age limit.",
            "An older company: MOM assesses it under the renewal criteria.",
        ),
        ("innovation", "At least one innovation criterion.", "Never."),
        (
            "renewal_criteria",
            "Renewal shareholding, spending and jobs.",
            "Always: not collected, a consultant reviews.",
        ),
    ),
    "cn_k_visa": (
        (
            "age",
            "The reported 18-45 band (no official range is published); at most likely_eligible.",
            "An age outside the reported band.",
        ),
        (
            "stem_talent",
            "STEM degree from, or STEM work at, a well-known institution; at most likely_eligible.",
            "Never.",
        ),
    ),
    "cn_work_permit": (
        ("china_job_offer", "A China job offer.", "Never."),
        ("minimum_age", "At least 18.", "Never."),
        (
            "category",
            "Category A (85 points or 6x the city's average wage) or B (60 points, bachelor's with 2 "
            "years, world top-100 master's, or 4x the wage).",
            "Category C (quota-managed), or category B above age 60 (the limit is relaxable).",
        ),
    ),
    "cn_r_visa": (
        (
            "category_a",
            "Category A talent (points or the salary route).",
            "A talent programme or award is declared: the authority judges.",
        ),
    ),
}

ALWAYS = (
    "A result is never `eligible` or `likely_eligible` when a criterion it relies on is unknown (then "
    "`insufficient_information`), rests on an unconfirmed rule version (then at most `likely_eligible`), or "
    "needs judgement (then `needs_review`).",
    "Years are calendar years: the union of the periods, measured by date arithmetic; one day short of an "
    "anniversary is short, and 29 February's anniversary is 1 March.",
    f"Each result lists the rule changes within {HORIZON_MONTHS} months and the last day of the version in force.",
)


def _window(version: RuleVersion[object]) -> str:
    end = "open-ended" if version.effective_to is None else version.effective_to.isoformat()
    return f"{version.effective_from.isoformat()} to {end}"


def _version(version: RuleVersion[object]) -> list[str]:
    status = "takes no applications" if not version.is_open else f"best outcome {version.outcome_cap.value}"
    lines = [
        f"#### `{version.id}` — {version.title}",
        "",
        f"- In force: {_window(version)}; applies to: {', '.join(sorted(version.applies_to))}; {status}.",
        f"- Confidence: **{version.confidence.value}**"
        + (
            " (results from it are at most likely_eligible)"
            if version.confidence is Confidence.UNCONFIRMED
            else ""
        )
        + f"; last verified {version.last_verified.isoformat()}.",
    ]
    lines += [f"- Source: {source.cite()} [{source.confidence.value}]" for source in version.sources]
    if version.change_summary:
        lines.append(f"- What changes when it starts ({version.change_kind}): {version.change_summary}")
    figures = version.key_parameters()
    if figures:
        lines.append("- Figures: " + "; ".join(f"{name} = {value}" for name, value in figures.items()) + ".")
    lines += [f"- Notes: {version.notes}", ""]
    return lines


def how_we_decide(generated_on: date | None = None) -> str:
    """The page's Markdown. Deterministic (no clock): the date line appears only when one is given."""
    lines = [
        "# How we decide",
        "",
        "<!-- Generated by `python manage.py how_we_decide` from the rule data; do not edit by hand. -->",
        "",
        f"Engine {ENGINE_VERSION}. Every outcome rests on the criteria and rule versions below; a consultant can",
        "defend a result by its criterion codes, the version id it names and the sources cited here.",
        "",
        "## Always",
        "",
        *[f"- {line}" for line in ALWAYS],
        "",
    ]
    if generated_on is not None:
        lines += [f"Generated on {generated_on.isoformat()}.", ""]
    for entry in REGISTRY:
        lines += [f"## {NAMES[entry.code]} (`{entry.code}`)", "", "### Criteria", ""]
        lines += ["| Criterion | What it tests | needs_review when |", "|---|---|---|"]
        lines += [f"| `{code}` | {tests} | {review} |" for code, tests, review in CRITERIA[entry.code]]
        lines += ["", "### Rule versions", ""]
        for version in sorted(entry.book.versions, key=lambda v: (v.effective_from, v.id)):
            lines += _version(version)
    return "\n".join(lines).rstrip() + "\n"
