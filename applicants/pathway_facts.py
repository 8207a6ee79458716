"""What each route allows, how long it lasts and its catch: the side-by-side on the result page.

These are descriptive facts for applicants (from the rules reference), not eligibility rules: the
engine decides eligibility. Keep each line short and translatable.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SINGAPORE = "sg"
CHINA = "cn"


@dataclass(frozen=True)
class PathwayFacts:
    code: str
    name: Promise
    country: str
    several_employers: bool | None  # None: not stated by the authority
    found_company: bool | None
    bring_family: bool | None
    validity: Promise
    catch: Promise


FACTS: dict[str, PathwayFacts] = {
    facts.code: facts
    for facts in (
        PathwayFacts(
            "sg_tech_pass",
            _("Tech.Pass"),
            SINGAPORE,
            several_employers=True,
            found_company=True,
            bring_family=True,
            validity=_("2 years, renewable once for 2 more"),
            catch=_("Being replaced by the ONE Pass AI and Tech track from January 2027."),
        ),
        PathwayFacts(
            "sg_one_pass",
            _("ONE Pass"),
            SINGAPORE,
            several_employers=True,
            found_company=True,
            bring_family=True,
            validity=_("5 years, renewable for 5 years each time"),
            catch=_("The salary must come from one employer; you report your activities every year."),
        ),
        PathwayFacts(
            "sg_one_pass_ai_tech",
            _("ONE Pass (AI and Tech)"),
            SINGAPORE,
            several_employers=True,
            found_company=True,
            bring_family=True,
            validity=_("5 years, renewable for 5 years each time"),
            catch=_("Opens in January 2027; renewal rules are not published yet."),
        ),
        PathwayFacts(
            "sg_employment_pass",
            _("Employment Pass"),
            SINGAPORE,
            several_employers=False,
            found_company=False,
            bring_family=True,
            validity=_("Up to 2 years, renewals up to 3 years"),
            catch=_("Tied to one employer: a new job needs a new pass."),
        ),
        PathwayFacts(
            "sg_entrepass",
            _("EntrePass"),
            SINGAPORE,
            several_employers=False,
            found_company=True,
            bring_family=None,
            validity=_("1 year at first, later renewals up to 2 years"),
            catch=_("Renewals need business spending and local jobs; family may join only at higher levels."),
        ),
        PathwayFacts(
            "cn_k_visa",
            _("K visa"),
            CHINA,
            several_employers=None,
            found_company=None,
            bring_family=None,
            validity=_("More entries and longer stays than other visas; exact terms not published"),
            catch=_("The K visa is not a work permit: a job in China still needs one."),
        ),
        PathwayFacts(
            "cn_work_permit",
            _("China work permit"),
            CHINA,
            several_employers=False,
            found_company=False,
            bring_family=True,
            validity=_("Tied to the contract; residence permit from 90 days to 5 years"),
            catch=_("Tied to one employer and city; the employer applies."),
        ),
        PathwayFacts(
            "cn_r_visa",
            _("R visa"),
            CHINA,
            several_employers=None,
            found_company=None,
            bring_family=True,
            validity=_("5 to 10 years, multiple entries, up to 180 days a stay"),
            catch=_("Only for Category A (high-end) talent; you still need a work permit to work."),
        ),
    )
}


def pathway_name(code: str) -> str:
    facts = FACTS.get(code)
    return str(facts.name) if facts else code
