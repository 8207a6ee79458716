"""What a letter says (`LetterContent`, plain values) and how it is built: from a stored `AdviceLetter`,
or the standard demo letter for checks.

Both build a `LetterContent` the same way: the assessment data rendered by the engine in each language
of the letter, the rule versions it applied with their sources and last-verified dates, the applicant,
the letterhead from the settings. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from applicants.services.cases import current_override, presented_override
from assessments.engine import DEFAULT_RATES, assess, parse_profile, render_assessment
from assessments.presentation import Override
from staff.profiles import profile_for

from .models import AdviceLetter, LetterLanguage


class LetterContentError(ValueError):
    """The content cannot make a letter (missing language, malformed assessment data). Permanent."""


@dataclass(frozen=True)
class Letterhead:
    name: str
    address_lines: tuple[str, ...]
    registration: str
    logo: str  # a file name under static/letters/

    @classmethod
    def from_settings(cls) -> Letterhead:
        return cls(
            name=settings.CONSULTANCY_NAME,
            address_lines=tuple(settings.CONSULTANCY_ADDRESS),
            registration=settings.CONSULTANCY_REGISTRATION,
            logo=settings.CONSULTANCY_LOGO,
        )


@dataclass(frozen=True)
class ApplicantDetails:
    full_name: str
    email: str = ""
    nationality: str = ""  # ISO 3166-1 alpha-2
    date_of_birth: date | None = None
    passport_last4: str = ""


@dataclass(frozen=True)
class LetterContent:
    """Everything a letter prints. Plain values: building it is the caller's job, printing it is ours.

    `assessments` maps each language code of `language` to the assessment in the contract's output
    shape with its human text already in that language (`render_assessment` under that language).
    `relied_on` lists the pathway codes the advice rests on, each printed as its own section; when
    empty, the pathways with a positive outcome are used.
    """

    reference: str
    issued_on: date
    language: LetterLanguage
    letterhead: Letterhead
    applicant: ApplicantDetails
    consultant_name: str
    consultant_note: str
    assessments: Mapping[str, Mapping[str, Any]]
    relied_on: tuple[str, ...] = ()
    governing_language: str = "en"
    case_reference: str = ""
    consultant_title: str = ""
    consultant_signature: str = ""
    # The engine's own output (`to_data()`): the pictures that need raw figures (pay against thresholds).
    snapshot: Mapping[str, Any] | None = None
    # The consultant's recommendation in force, in place of the engine's (None: the engine's stands).
    override: Override | None = None

    def __post_init__(self) -> None:
        missing = [code for code in self.language.language_codes if code not in self.assessments]
        if missing:
            raise LetterContentError(
                f"a {self.language.value} letter needs the assessment rendered in: {', '.join(missing)}"
            )
        if self.governing_language not in ("en", "zh-hans"):
            raise LetterContentError(
                f"governing_language must be 'en' or 'zh-hans', not {self.governing_language!r}"
            )


def rendered_in_each_language(data: Mapping[str, Any], language: LetterLanguage) -> dict[str, dict[str, Any]]:
    """The engine's `to_data()` output as contract JSON, once per language of the letter."""
    rendered = {}
    for code in language.language_codes:
        with translation.override(code):
            rendered[code] = render_assessment(dict(data), translate=gettext)
    return rendered


def letter_content(letter: AdviceLetter) -> LetterContent:
    """The content of a stored letter: its snapshot, its case's applicant and target pathways."""
    case, applicant = letter.case, letter.case.applicant
    language = LetterLanguage(letter.language)
    results = letter.assessment.results
    try:
        assessments = rendered_in_each_language(results, language)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise LetterContentError(
            f"assessment snapshot {letter.assessment_id} is not in the engine's output shape "
            f"({type(error).__name__}: {error})"
        ) from error
    # The advice rests on the consultant's override when there is one, else on the case's target
    # pathways (none chosen: the positive outcomes), in the contract's pathway order. The engine's own
    # recommendation stays in the snapshot.
    override = current_override(case)
    targets = set(override.pathway_codes) if override is not None else {p.code for p in case.pathways.all()}
    first = assessments[language.language_codes[0]]["results"]
    relied_on = tuple(r["pathway"] for r in first if r["pathway"] in targets)
    signer = letter.requested_by or case.assigned_to
    profile = profile_for(signer) if signer is not None else None
    return LetterContent(
        reference=letter.reference,
        case_reference=case.reference,
        issued_on=timezone.localdate(letter.requested_at),
        language=language,
        letterhead=Letterhead.from_settings(),
        applicant=ApplicantDetails(
            full_name=applicant.full_name,
            email=applicant.email,
            nationality=applicant.nationality,
            date_of_birth=applicant.date_of_birth,
            passport_last4=applicant.passport_last4,
        ),
        consultant_name=profile.display_name if profile is not None else "",
        consultant_title=profile.title if profile is not None else "",
        consultant_signature=profile.signature_block if profile is not None else "",
        consultant_note=letter.consultant_note,
        assessments=assessments,
        relied_on=relied_on,
        snapshot=results,
        override=presented_override(case),
    )


# The standard demo letter (`render_sample_letter`, the render tests and the benchmark): a realistic
# case whose letter runs to 3-5 pages, with a Chinese name so every letter language prints Chinese.
SAMPLE_AS_OF = date(2026, 11, 24)
SAMPLE_PROFILE: dict[str, Any] = {
    "as_of": SAMPLE_AS_OF.isoformat(),
    "date_of_birth": "1990-05-17",
    "nationality": "MY",
    "on_singapore_work_pass": False,
    "education": [
        {
            "level": "master",
            "field": "stem",
            "institution": "National University of Singapore",
            "well_known_institution": True,
            "world_top_100": True,
            "taught_in_chinese": False,
            "completed_year": 2014,
        }
    ],
    "monthly_fixed_salary": {"amount": "24000", "currency": "SGD"},
    "monthly_total_compensation": {"amount": "31000", "currency": "SGD"},
    "salary_from_single_employer": True,
    "months_at_current_salary": 14,
    "roles": [
        {
            "organisation": "Shopee",
            "title": "Engineering Manager",
            "start": "2016-01-01",
            "end": "2021-06-30",
            "role_type": "leadership",
            "organisation_type": "tech_company",
            "organisation_well_known": True,
            "valuation_usd": 35000000000,
        },
        {
            "organisation": "Grab",
            "title": "Director of Engineering",
            "start": "2021-07-01",
            "end": None,
            "role_type": "leadership",
            "organisation_type": "tech_company",
            "organisation_well_known": True,
            "valuation_usd": 14000000000,
        },
    ],
    "hsk_level": 4,
    "former_chinese_national": False,
    "has_singapore_job_offer": False,
    "has_china_job_offer": True,
    "china_job_offer": {
        "annual_salary": {"amount": "600000", "currency": "CNY"},
        "months_per_year_in_china": 10,
        "in_encouraged_region": False,
    },
}
SAMPLE_NOTE = (
    "Jiahao, the Tech.Pass is your strongest route today. It closes to new applicants when the ONE Pass "
    "(AI and Tech) track opens in January 2027, so I suggest we file in December.\n"
    "嘉豪，请在12月10日前把最近12个月的工资单发给我。"  # noqa: RUF001  (Chinese punctuation)
)


def sample_letter_content(language: LetterLanguage) -> LetterContent:
    """The standard demo letter: the engine run on `SAMPLE_PROFILE`, no database and no broker."""
    data = assess(parse_profile(SAMPLE_PROFILE, default_as_of=SAMPLE_AS_OF), rates=DEFAULT_RATES).to_data()
    return LetterContent(
        reference="TP-7K3M9Q-L1",
        case_reference="TP-7K3M9Q",
        issued_on=SAMPLE_AS_OF,
        language=language,
        letterhead=Letterhead.from_settings(),
        applicant=ApplicantDetails(
            full_name="陈嘉豪 Chen Jiahao",
            email="jiahao.chen@example.com",
            nationality="MY",
            date_of_birth=date(1990, 5, 17),
            passport_last4="482K",
        ),
        consultant_name="Priya Raman",
        consultant_title="Senior immigration consultant",
        consultant_note=SAMPLE_NOTE,
        assessments=rendered_in_each_language(data, language),
        relied_on=("sg_tech_pass", "cn_k_visa", "cn_work_permit"),
        snapshot=data,
    )
