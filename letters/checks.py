"""System checks for the letter settings: a misconfigured letterhead or time limit fails at startup
(`manage.py check`, `runserver`, `migrate`), not in the first letter a worker renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def check_letter_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    letters_dir = (Path(settings.BASE_DIR) / "static" / "letters").resolve()
    logo = (letters_dir / settings.CONSULTANCY_LOGO).resolve()
    if not logo.is_relative_to(letters_dir) or not logo.is_file():
        errors.append(
            Error(
                f"CONSULTANCY_LOGO={settings.CONSULTANCY_LOGO!r} is not a file under static/letters/.",
                hint="Put the logo (SVG or PNG) in static/letters/ and give its file name.",
                id="letters.E001",
            )
        )
    if not settings.LETTER_SOFT_TIME_LIMIT < settings.LETTER_TIME_LIMIT < settings.LETTER_RENDERING_DEADLINE:
        errors.append(
            Error(
                "Letter limits must grow: LETTER_SOFT_TIME_LIMIT < LETTER_TIME_LIMIT < LETTER_RENDERING_DEADLINE.",
                hint="Otherwise the sweeper re-queues letters that are still rendering.",
                id="letters.E002",
            )
        )
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout")
    if isinstance(visibility, int) and visibility < 10 * settings.LETTER_TIME_LIMIT:
        errors.append(
            Error(
                f"The broker's visibility_timeout ({visibility} s) must stay well above the letter hard time "
                f"limit ({settings.LETTER_TIME_LIMIT} s), or Redis hands running letters to a second worker.",
                id="letters.E003",
            )
        )
    return errors
