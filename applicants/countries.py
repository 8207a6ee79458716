"""Country names for picklists: CLDR's names (Babel) in the reader's language, in the reader's order.

Names are never typed by hand (django-countries' 中文 catalogue had "塔吉克斯斯坦"): the codes are
ISO 3166-1's (django-countries' list), the names CLDR's. English readers get alphabetical order
ignoring accents ("Åland Islands" with the A's); Chinese readers get pinyin order, as Chinese
dictionaries and official forms list countries.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale
from django.utils.translation import get_language
from django_countries.data import COUNTRIES

# Django's language codes to CLDR's locale identifiers.
_CLDR_LOCALES = {"en": "en", "zh-hans": "zh_Hans"}


def _latin_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _pinyin_key(name: str) -> tuple[str, ...]:
    # Tone numbers after each syllable: same-sounding characters keep a stable, dictionary-like order.
    # Imported here: pypinyin's tables cost every process a quarter of a second at start-up, and only the
    # Chinese country lists (built once, cached) need them.
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True))


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    territories = Locale.parse(_CLDR_LOCALES.get(language, "en")).territories
    named = [(code, territories.get(code, str(default))) for code, default in COUNTRIES.items()]
    if language == "zh-hans":
        return tuple(sorted(named, key=lambda item: (_pinyin_key(item[1]), item[1])))
    return tuple(sorted(named, key=lambda item: (_latin_key(item[1]), item[1])))


def country_choices() -> list[tuple[str, str]]:
    """(ISO code, name) for every country, named and ordered for the active language."""
    return list(_country_choices(get_language() or "en"))


@cache
def _country_names(language: str) -> dict[str, str]:
    return dict(_country_choices(language))


def country_name(code: str) -> str:
    """The country's full name in the active language ("CN" → "China" / "中国"); an unknown code as given."""
    return _country_names(get_language() or "en").get(code.upper(), code)
