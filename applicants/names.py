"""A person's name as typed into our forms.

A name goes into e-mails ("Dear …"), letters and staff pages; it must be a name, not a message. So it
is printable text on one line, made of letters (any script), combining marks, spaces and the
punctuation names use (apostrophes, hyphens, full stops, commas, middle dots), and it holds no web
address: no digits, "/", ":" or "@", and no full stop followed directly by letters ("evil.example",
"www.x"). Initials keep working ("J.R.R. Tolkien"); "A.Smith" is asked to put a space after the stop.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Space, apostrophes (ASCII, right single quote, modifier letter), hyphens, full stop, comma, middle dots.
_PUNCTUATION = set(" '\u2019\u02bc-\u2010.,\u00b7\u30fb")
_DOMAIN_LIKE = re.compile(r"\.[^\W\d_]{2,}")


def _allowed(character: str) -> bool:
    return character in _PUNCTUATION or unicodedata.category(character)[0] in {"L", "M"}


def validate_person_name(value: str) -> None:
    """Raise ValidationError (with a reason the person can act on) for anything but a plain name."""
    if any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in value):
        raise ValidationError(
            _("Write your name on one line, without special characters."), code="control_character"
        )
    if _DOMAIN_LIKE.search(value) or any(c in value for c in "/:@"):
        raise ValidationError(
            _("Write only your name, without a web or e-mail address (put a space after each full stop)."),
            code="address",
        )
    if not all(_allowed(c) for c in value):
        raise ValidationError(
            _("Use only letters, spaces, hyphens, apostrophes and full stops in a name."), code="character"
        )
