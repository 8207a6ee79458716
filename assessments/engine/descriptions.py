"""What each pathway is, in words people read: its one name, its country, and what the pass gives.

These describe the pass, not the applicant (the rules reference's holder rights and validity notes); the
engine's evaluators decide eligibility. Every text is an English msgid marked with `gettext_noop` and
translated in `assessments/locale/`. The pathways import the names from here for their summaries, and the
registry (`registry.py`) joins each description with its rule book and evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.engine.messages import gettext_noop

SINGAPORE = "sg"
CHINA = "cn"
COUNTRIES = (SINGAPORE, CHINA)


@dataclass(frozen=True, slots=True)
class PassFacts:
    """What holding the pass means. The three rights are True, False, or None where the reference is silent."""

    validity: str
    allows: str
    catch: str
    several_employers: bool | None
    found_company: bool | None
    bring_family: bool | None


@dataclass(frozen=True, slots=True)
class Description:
    code: str
    country: str
    name: str
    facts: PassFacts


# Contract order. Names are the msgids stored inside snapshots' summaries: changing one orphans the
# translation of every snapshot already saved, so a name changes only with a catalogue entry for both.
DESCRIPTIONS: tuple[Description, ...] = (
    Description(
        "sg_tech_pass",
        SINGAPORE,
        gettext_noop("Tech.Pass"),
        PassFacts(
            validity=gettext_noop("2 years, renewable once for 2 more."),
            allows=gettext_noop(
                "Work for one or more companies, start and run your own, invest, mentor and lecture."
            ),
            catch=gettext_noop(
                "New applications close on 31 December 2026: the ONE Pass (AI and Tech) replaces it."
            ),
            several_employers=True,
            found_company=True,
            bring_family=True,
        ),
    ),
    Description(
        "sg_one_pass",
        SINGAPORE,
        gettext_noop("ONE Pass"),
        PassFacts(
            validity=gettext_noop("5 years, renewable for 5 years each time."),
            allows=gettext_noop(
                "Work for several companies at once, start and run a business, bring your family."
            ),
            catch=gettext_noop(
                "You report your activities every year; a long spell without work can cost you the pass."
            ),
            several_employers=True,
            found_company=True,
            bring_family=True,
        ),
    ),
    Description(
        "sg_one_pass_ai_tech",
        SINGAPORE,
        gettext_noop("ONE Pass (AI and Tech)"),
        PassFacts(
            validity=gettext_noop("5 years, renewable for 5 years each time."),
            allows=gettext_noop(
                "Work for several companies at once, start and run a business, bring your family."
            ),
            catch=gettext_noop("Opens on 1 January 2027; its renewal rules are not published yet."),
            several_employers=True,
            found_company=True,
            bring_family=True,
        ),
    ),
    Description(
        "sg_employment_pass",
        SINGAPORE,
        gettext_noop("Employment Pass"),
        PassFacts(
            validity=gettext_noop("Up to 2 years at first, up to 3 years on renewal."),
            allows=gettext_noop(
                "Work for the employer that sponsors you; family passes above a salary threshold."
            ),
            catch=gettext_noop(
                "Tied to one employer (a new job needs a new pass), and COMPASS points unless your salary "
                "exempts you."
            ),
            several_employers=False,
            found_company=False,
            bring_family=True,
        ),
    ),
    Description(
        "sg_entrepass",
        SINGAPORE,
        gettext_noop("EntrePass"),
        PassFacts(
            validity=gettext_noop(
                "1 year at first; the first renewal up to 1 year, later ones up to 2 years."
            ),
            allows=gettext_noop("Run and work for your own Singapore private limited company."),
            catch=gettext_noop(
                "Renewals need business spending and local hires; family may join only at higher levels."
            ),
            several_employers=False,
            found_company=True,
            bring_family=None,
        ),
    ),
    Description(
        "cn_k_visa",
        CHINA,
        gettext_noop("K visa"),
        PassFacts(
            validity=gettext_noop(
                "More entries, longer validity and longer stays than other visas; exact terms not yet published."
            ),
            allows=gettext_noop(
                "Enter China for exchanges in education, science, technology and culture, and related "
                "business, without an inviting employer."
            ),
            catch=gettext_noop("Not a work permit: a job in China still needs a work permit."),
            several_employers=None,
            found_company=None,
            bring_family=None,
        ),
    ),
    Description(
        "cn_work_permit",
        CHINA,
        gettext_noop("China work permit"),
        PassFacts(
            validity=gettext_noop(
                "Follows your contract; the residence permit runs from 90 days to 5 years."
            ),
            allows=gettext_noop("Work for the employer, and in the city, named on the permit."),
            catch=gettext_noop("Tied to one employer and one city; the employer applies."),
            several_employers=False,
            found_company=False,
            bring_family=None,
        ),
    ),
    Description(
        "cn_r_visa",
        CHINA,
        gettext_noop("R visa (high-level talent)"),
        PassFacts(
            validity=gettext_noop("5 to 10 years, multiple entries, up to 180 days a stay."),
            allows=gettext_noop(
                "Multiple entries and stays of up to 180 days, fees waived; your spouse and minor children "
                "get the same visa."
            ),
            catch=gettext_noop(
                "Only for Category A talent invited by a Chinese employer; working still needs a work permit."
            ),
            several_employers=None,
            found_company=None,
            bring_family=True,
        ),
    ),
)

DESCRIPTION: dict[str, Description] = {d.code: d for d in DESCRIPTIONS}
# Pathway code -> name msgid (the summaries' `{pathway}`).
NAMES: dict[str, str] = {d.code: d.name for d in DESCRIPTIONS}
