"""python manage.py assess [FILE|-] [--as-of YYYY-MM-DD] [--language en|zh-hans]

Reads one profile (a JSON object) or many (an array) and prints the assessment(s) as JSON on stdout,
in the same shape (object in, object out; array in, array out). Every profile is validated before
any is assessed: on invalid input nothing is printed on stdout, each problem is printed on stderr as
one line naming the field path (prefixed by the profile's index for arrays, `[3].roles[1].start: …`),
and the exit status is 2.
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import ujson
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone, translation

from assessments import evaluation
from assessments.engine import ExchangeRates, Profile, ProfileError
from assessments.models import ExchangeRate


class InvalidInput(Exception):
    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@contextmanager
def kept_until_done() -> Iterator[None]:
    """The objects alive now (the input: hundreds of thousands for a large batch) stay until the command ends,
    so the cycle collector leaves them out of its scans meanwhile instead of rescanning them every few thousand
    allocations."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput([f"--as-of: {value!r} is not a date in the form YYYY-MM-DD."]) from None


class Command(BaseCommand):
    help = "Assess one profile (JSON object) or many (JSON array) and print the assessment JSON."
    # A computation over the input: it needs no URL, admin or model checks (a tenth of a second at start).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default="-", help="JSON file to read; '-' or nothing for stdin."
        )
        parser.add_argument(
            "--as-of", dest="as_of", help="Evaluate the rules in force on this date (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the explanations.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = _as_of(options["as_of"]) if options["as_of"] else None
            data = self._read(options["file"])
            with kept_until_done():
                profiles = self._parse_all(data, as_of=as_of)
                with translation.override(options["language"]):
                    self._write(profiles, as_array=isinstance(data, list))
        except InvalidInput as exc:
            for line in exc.lines:
                self.stderr.write(line)
            sys.exit(2)

    def _read(self, name: str) -> Any:
        try:
            text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()  # noqa: SIM115
        except OSError as exc:
            raise InvalidInput([f"{name}: cannot read the file: {exc.strerror}."]) from None
        except UnicodeDecodeError:
            raise InvalidInput([f"{name}: the file is not UTF-8 text."]) from None
        try:
            return json.loads(text)
        except ValueError as exc:
            raise InvalidInput([f"(input): not valid JSON: {exc}."]) from None

    def _parse_all(self, data: Any, *, as_of: date | None) -> list[Profile]:
        if not isinstance(data, dict | list):
            raise InvalidInput(["(input): expected a profile (JSON object) or an array of profiles."])
        items = data if isinstance(data, list) else [data]

        def prefix(index: int) -> str:
            return f"[{index}]" if isinstance(data, list) else ""

        today = timezone.localdate()
        profiles: list[Profile] = []
        problems: list[str] = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                problems.append(f"{prefix(index)}: expected a profile (JSON object).")
                continue
            try:
                profiles.append(evaluation.parse(item, as_of=as_of, today=today))
            except ProfileError as exc:
                for path, messages in exc.errors.items():
                    where = f"{prefix(index)}.{path}" if prefix(index) and path else prefix(index) + path
                    problems.extend(f"{where or '(profile)'}: {message}" for message in messages)
        if problems:
            raise InvalidInput(problems)
        return profiles

    def _write(self, profiles: list[Profile], *, as_array: bool) -> None:
        # Streamed one assessment at a time, so 10,000 profiles do not build one giant string.
        if not as_array:
            self.stdout.write(to_json(evaluation.evaluate(profiles[0]), indent=2))
            return
        rates_by_day: dict[date, ExchangeRates] = {}
        self.stdout.write("[", ending="")
        for index, profile in enumerate(profiles):
            if profile.as_of not in rates_by_day:
                rates_by_day[profile.as_of] = ExchangeRate.objects.rates_on(profile.as_of)
            assessment = evaluation.evaluate(profile, rates=rates_by_day[profile.as_of])
            self.stdout.write(("," if index else "") + to_json(assessment))
        self.stdout.write("]")


def to_json(document: Any, *, indent: int = 0) -> str:
    """`json.dumps(document, ensure_ascii=False, indent=indent or None)`, byte for byte, by ujson (faster)."""
    separators = (",", ": ") if indent else (", ", ": ")
    return ujson.dumps(
        document, ensure_ascii=False, escape_forward_slashes=False, indent=indent, separators=separators
    )
