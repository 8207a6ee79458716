"""The applicant profile (contract §1): pydantic models with `extra="forbid"`, and `parse_profile`.

Absent or null means unknown; an empty list means none. Booleans, whole numbers and enum words are
strict (no "yes", no 3.0, no "Bachelor"), dates are ISO `YYYY-MM-DD`, money is
`{"amount": "<decimal>", "currency": "<ISO 4217>"}`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    WithJsonSchema,
)

from assessments.engine.codes import COUNTRY_CODES, CURRENCY_CODES

# The earliest as_of the engine accepts: rules in force before it are not encoded.
COVERAGE_START = date(2021, 1, 1)
COVERAGE_END = date(2100, 12, 31)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DECIMAL_TEXT = re.compile(r"^\d{1,15}(\.\d{1,6})?$")
# Larger than any salary, valuation or fund on earth; keeps Decimal arithmetic cheap and sane.
MAX_AMOUNT = Decimal("1e15")


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a real calendar date in the form YYYY-MM-DD") from None
    raise ValueError("must be a date in the form YYYY-MM-DD")


def _decimal(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError('must be a number or a decimal string such as "22500" or "22500.50"')
    if isinstance(value, Decimal | int):
        result = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if text.startswith("-") and DECIMAL_TEXT.match(text[1:]):
            raise ValueError("must not be negative")
        if not DECIMAL_TEXT.match(text):
            raise ValueError('must be a decimal string such as "22500" or "22500.50" (no commas or symbols)')
        try:
            result = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise ValueError("must be a decimal number") from None
    else:
        raise ValueError('must be a number or a decimal string such as "22500" or "22500.50"')
    if result < 0:
        raise ValueError("must not be negative")
    if result >= MAX_AMOUNT:
        raise ValueError("must be below 1,000,000,000,000,000")
    return result


def _currency(value: Any) -> Any:
    if not isinstance(value, str) or value not in CURRENCY_CODES:
        raise ValueError('must be an ISO 4217 currency code in capitals, such as "SGD", "USD" or "CNY"')
    return value


def _country(value: Any) -> Any:
    if not isinstance(value, str) or value not in COUNTRY_CODES:
        raise ValueError('must be an ISO 3166-1 alpha-2 country code in capitals, such as "SG" or "CN"')
    return value


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text")
    if len(value) > 300:
        raise ValueError("must be at most 300 characters")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]
NonNegativeDecimal = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{1,15}(\.\d{1,6})?$"},
                {"type": "number", "minimum": 0},
            ]
        }
    ),
]
# The exact code lists, so that a value the schema allows is one the engine accepts (API contract tests).
CurrencyCode = Annotated[
    str, BeforeValidator(_currency), WithJsonSchema({"type": "string", "enum": sorted(CURRENCY_CODES)})
]
CountryCode = Annotated[
    str, BeforeValidator(_country), WithJsonSchema({"type": "string", "enum": sorted(COUNTRY_CODES)})
]
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string", "maxLength": 300})]
Share = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    Field(le=1),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]
Percentile = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    Field(le=100),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]

ApplicationType = Literal["new", "renewal"]
EducationLevel = Literal["secondary", "diploma", "bachelor", "master", "doctorate"]
RoleType = Literal["founder", "c_suite", "leadership", "technical", "other"]
OrganisationType = Literal["tech_company", "tech_vc", "university", "research_institute", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, use_attribute_docstrings=False)


class Money(_Model):
    """An amount of money: `{"amount": "<decimal string or number>", "currency": "<ISO 4217>"}`."""

    amount: NonNegativeDecimal = Field(description="Decimal string or number, at least 0.")
    currency: CurrencyCode = Field(description="ISO 4217 code, e.g. SGD, USD, CNY.")


class Education(_Model):
    """One qualification; highest first is not required (the engine picks what each rule needs)."""

    level: EducationLevel | None = Field(
        None, description="secondary | diploma | bachelor | master | doctorate"
    )
    field: Literal["stem", "non_stem"] | None = Field(None, description="stem | non_stem")
    institution: Text | None = Field(None, description="Name of the institution.")
    well_known_institution: StrictBool | None = Field(
        None, description="A well-known university or research institution (the K-visa test)."
    )
    world_top_100: StrictBool | None = Field(
        None, description="The institution is in a world top-100 ranking."
    )
    taught_in_chinese: StrictBool | None = Field(None, description="The programme was taught in Chinese.")
    completed_year: StrictInt | None = Field(
        None, ge=1900, le=2200, description="Year the qualification was completed."
    )


class Role(_Model):
    """One role in the career history; the current role has `end: null`."""

    organisation: Text | None = Field(None, description="Organisation name.")
    title: Text | None = Field(None, description="Job title.")
    start: IsoDate | None = Field(None, description="First day in the role.")
    end: IsoDate | None = Field(None, description="Last day in the role; null = ongoing up to as_of.")
    role_type: RoleType | None = Field(
        None,
        description="founder | c_suite | leadership | technical | other; a Tech.Pass leading role is founder, c_suite or leadership.",
    )
    organisation_type: OrganisationType | None = Field(
        None, description="tech_company | tech_vc | university | research_institute | other"
    )
    organisation_well_known: StrictBool | None = Field(
        None, description="A well-known university or research institution (K visa)."
    )
    valuation_usd: NonNegativeDecimal | None = Field(
        None, description="Valuation or market capitalisation, USD."
    )
    funding_raised_usd: NonNegativeDecimal | None = Field(None, description="Funding raised, USD.")
    annual_revenue_usd: NonNegativeDecimal | None = Field(None, description="Annual revenue, USD.")
    aum_usd: NonNegativeDecimal | None = Field(None, description="Assets under management (VC firms), USD.")
    stem_teaching_or_research: StrictBool | None = Field(
        None, description="The role is STEM teaching or research."
    )
    relevant_to_china_job: StrictBool | None = Field(
        None, description="The experience is relevant to the China job (default true)."
    )


class Compass(_Model):
    """COMPASS facts about the Singapore offer (Employment Pass stage 2)."""

    c1_salary_percentile: Percentile | None = Field(
        None,
        description="Percentile (0-100) of the offered salary among local PMETs of the same sector and age.",
    )
    qualification_tier: Literal["top_tier", "degree", "none"] | None = Field(
        None, description="top_tier | degree | none"
    )
    nationality_share_of_pmets: Share | None = Field(
        None, description="Share (0-1) of the candidate's nationality among the firm's PMETs."
    )
    local_pmet_share_percentile: Percentile | None = Field(
        None, description="Percentile (0-100) of the firm's local PMET share within its subsector."
    )
    employer_pmet_count: StrictInt | None = Field(None, ge=0, description="Number of PMETs the employer has.")
    shortage_occupation: StrictBool | None = Field(
        None, description="The role is on the Shortage Occupation List."
    )
    sep_firm: StrictBool | None = Field(
        None, description="The firm takes part in a Strategic Economic Priorities programme."
    )


class SgJobOffer(_Model):
    """The Singapore offer: Employment Pass and the ONE Pass prospective-salary route."""

    monthly_fixed_salary: Money | None = Field(None, description="Offered fixed monthly salary.")
    sector: Literal["financial_services", "other"] | None = Field(
        None, description="financial_services | other"
    )
    employer_established: StrictBool | None = Field(
        None, description="Market cap >= US$500m or revenue >= US$200m."
    )
    compass: Compass | None = Field(None, description="COMPASS facts.")


class CnJobOffer(_Model):
    """The China offer: work-permit points (salary, time in China)."""

    annual_salary: Money | None = Field(None, description="Annual salary paid by the Chinese employer.")
    months_per_year_in_china: StrictInt | None = Field(
        None, ge=0, le=12, description="Months per year working in China."
    )
    in_encouraged_region: StrictBool | None = Field(
        None, description="Western region, north-east old industrial base or other encouraged area."
    )
    local_average_annual_wage: Money | None = Field(
        None,
        description=(
            "The work city's published average annual wage of the previous year (category A at 6 times it, "
            "category B at 4 times it)."
        ),
    )


class Business(_Model):
    """The business (EntrePass only)."""

    has_or_plans_singapore_company: StrictBool | None = Field(
        None, description="Has started or intends to start a Singapore private limited company."
    )
    company_incorporated: StrictBool | None = Field(
        None, description="false = not yet incorporated (a planned company has no date); absent = unknown."
    )
    company_incorporated_on: IsoDate | None = Field(None, description="Incorporation date, if incorporated.")
    largest_funding_round: Money | None = Field(None, description="Largest single funding round raised.")
    recognised_incubator: StrictBool | None = Field(
        None,
        description="Supported by a government-recognised or internationally renowned incubator/accelerator.",
    )
    founded_and_sold_tech_business: StrictBool | None = Field(
        None, description="Founded and sold a venture-backed or innovative-technology business."
    )
    registered_ip: StrictBool | None = Field(None, description="The business holds registered IP.")
    singapore_research_collaboration: StrictBool | None = Field(
        None, description="Ongoing research collaboration with a Singapore IHL or research institution."
    )


class Achievements(_Model):
    """Distinctions that can open discretionary or points routes."""

    international_award: StrictBool | None = Field(None, description="A prestigious international award.")
    national_talent_programme: StrictBool | None = Field(
        None, description="Selected into a national talent programme."
    )
    fortune_global_500_experience: StrictBool | None = Field(
        None, description="Work experience at a Fortune Global 500 company."
    )
    holds_patents: StrictBool | None = Field(None, description="Holds patents or other registered IP.")


class Profile(_Model):
    """An applicant profile (contract §1). Absent or null = unknown; an empty list = none."""

    # Both have defaults that parse_profile/validation apply to an absent or null value, so the wire schema
    # allows null for them.
    as_of: Annotated[
        IsoDate, WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]})
    ] = Field(
        description="The day the rules are evaluated for; default today. Selects the rule version in force."
    )
    application_type: Annotated[
        ApplicationType,
        BeforeValidator(lambda value: "new" if value is None else value),
        WithJsonSchema({"anyOf": [{"enum": ["new", "renewal"]}, {"type": "null"}], "default": "new"}),
    ] = Field("new", description='"new" | "renewal"; default "new".')
    date_of_birth: IsoDate | None = Field(None, description="Date of birth.")
    nationality: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2: the person's citizenship.")
    other_citizenships: list[CountryCode] | None = Field(
        None, max_length=10, description="Further citizenships, ISO 3166-1 alpha-2 (contract v2)."
    )
    permanent_residence: list[CountryCode] | None = Field(
        None,
        max_length=10,
        description="Countries where the person is a permanent resident, ISO 3166-1 alpha-2 (contract v2).",
    )
    on_singapore_work_pass: StrictBool | None = Field(
        None, description='Currently holds a Singapore work pass (ONE Pass "overseas candidate" test).'
    )
    education: list[Education] | None = Field(
        None, max_length=20, description="Qualifications, in any order."
    )
    monthly_fixed_salary: Money | None = Field(
        None, description="Last drawn fixed monthly salary (basic + fixed allowances; no bonus, no equity)."
    )
    monthly_total_compensation: Money | None = Field(
        None, description="Fixed salary plus vested equity and other pay, monthly average over the last year."
    )
    monthly_vested_equity: Money | None = Field(
        None,
        description=(
            "Vested non-cash pay (equity, ESOP, share ownership) a month, averaged over the last year; not "
            "bonuses, commissions or allowances (the ONE Pass AI and Tech top-up)."
        ),
    )
    pass_expiry_date: IsoDate | None = Field(
        None, description="Renewals: the expiry date of the pass being renewed (selects the rules in force)."
    )
    salary_from_single_employer: StrictBool | None = Field(
        None, description="The fixed salary is paid by one employer."
    )
    months_at_current_salary: StrictInt | None = Field(
        None, ge=0, le=1200, description="Consecutive months at (or above) that fixed salary."
    )
    roles: list[Role] | None = Field(
        None, max_length=50, description="Career history; the current role has end null."
    )
    hsk_level: StrictInt | None = Field(
        None, ge=0, le=6, description="Chinese proficiency (HSK) 0-6; 0 = none."
    )
    former_chinese_national: StrictBool | None = Field(None, description="Formerly a Chinese national.")
    has_singapore_job_offer: StrictBool | None = Field(
        None, description="false = no offer (singapore_job_offer is then ignored); absent = unknown."
    )
    singapore_job_offer: SgJobOffer | None = Field(None, description="The Singapore offer's details.")
    has_china_job_offer: StrictBool | None = Field(None, description="false = no offer; absent = unknown.")
    china_job_offer: CnJobOffer | None = Field(None, description="The China offer's details.")
    business: Business | None = Field(None, description="Only for EntrePass.")
    achievements: Achievements | None = Field(None, description="Distinctions.")


class ProfileError(ValueError):
    """An invalid profile. `errors` maps contract field paths (`roles[1].start`) to English sentences."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {' '.join(msgs)}" for path, msgs in errors.items()))


def field_path(loc: tuple[int | str, ...]) -> str:
    """`('roles', 1, 'start')` -> `roles[1].start`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path or "profile"


def _sentence(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return "This is an unknown field; check its spelling against the profile schema."
    if kind == "missing":
        return "This field is required."
    if kind == "value_error":
        text = str(ctx.get("error", error["msg"]))
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
    if kind == "literal_error":
        return f"Must be one of {ctx.get('expected', '')}."
    if kind in {"bool_type", "bool_parsing"}:
        return "Must be true or false."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "Must be a whole number."
    if kind == "greater_than_equal":
        return f"Must be at least {ctx.get('ge')}."
    if kind == "less_than_equal":
        return f"Must be at most {ctx.get('le')}."
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "Must be an object."
    if kind == "list_type":
        return "Must be a list."
    if kind == "too_long":
        return f"Must have at most {ctx.get('max_length')} items."
    return f"Invalid value: {error['msg']}."


def _check_dates(profile: Profile) -> dict[str, list[str]]:
    """Cross-field checks pydantic's per-field validation cannot make."""
    errors: dict[str, list[str]] = {}
    as_of = profile.as_of

    def add(path: str, message: str) -> None:
        errors.setdefault(path, []).append(message)

    if not COVERAGE_START <= as_of <= COVERAGE_END:
        add(
            "as_of",
            f"Must be between {COVERAGE_START.isoformat()} and {COVERAGE_END.isoformat()}: "
            "rules in force before the start are not encoded.",
        )
    if profile.date_of_birth is not None:
        if profile.date_of_birth > as_of:
            add("date_of_birth", f"Must not be after as_of ({as_of.isoformat()}).")
        elif as_of.year - profile.date_of_birth.year > 120:
            add("date_of_birth", "Must be within 120 years before as_of.")
    for index, role in enumerate(profile.roles or ()):
        if role.start is not None and role.start > as_of:
            add(
                f"roles[{index}].start",
                f"Must not be after as_of ({as_of.isoformat()}); list only roles already started.",
            )
        if role.end is not None:
            if role.start is not None and role.end < role.start:
                add(f"roles[{index}].end", "Must not be before the role's start.")
            if role.end > as_of:
                add(
                    f"roles[{index}].end",
                    f"Must not be after as_of ({as_of.isoformat()}); use null for a role that is ongoing.",
                )
    for index, education in enumerate(profile.education or ()):
        if education.completed_year is not None and education.completed_year > as_of.year:
            add(f"education[{index}].completed_year", f"Must not be after the year of as_of ({as_of.year}).")
    return errors


def parse_profile(data: Mapping[str, Any], *, default_as_of: date) -> Profile:
    """Validate a contract profile; `as_of` defaults to `default_as_of`. Raises `ProfileError`."""
    if not isinstance(data, Mapping):
        raise ProfileError({"profile": ["The profile must be a JSON object."]})
    if data.get("as_of") is None:
        data = {**data, "as_of": default_as_of}
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for error in exc.errors(include_url=False):
            errors.setdefault(field_path(error["loc"]), []).append(_sentence(error))
        raise ProfileError(errors) from None
    date_errors = _check_dates(profile)
    if date_errors:
        raise ProfileError(date_errors)
    return profile


def profile_json_schema() -> dict[str, Any]:
    """The JSON Schema of the profile, generated from the models (validation mode)."""
    schema = Profile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Applicant profile"
    # as_of has a default (today) applied by parse_profile, so it is optional on the wire.
    schema["required"] = [name for name in schema.get("required", []) if name != "as_of"]
    if not schema["required"]:
        del schema["required"]
    return schema
