"""python manage.py assess [FILE|-] [--as-of YYYY-MM-DD] [--language en|zh-hans] [--jobs N]

Reads one profile (a JSON object) or many (an array) and prints the assessment(s) as JSON on stdout,
in the same shape (object in, object out; array in, array out). Every profile is validated before
any is printed: on invalid input nothing is printed on stdout, each problem is printed on stderr as
one line naming the field path (prefixed by the profile's index for arrays, `[3].roles[1].start: …`),
and the exit status is 2.

A large array is cut into parts assessed in worker processes, one per core (`--jobs`): the exchange
rates are read before the workers start, the workers never touch the database, and the parts are
printed in order once all are done, so the output is byte for byte what one process writes.
"""

from __future__ import annotations

import gc
import json
import math
import multiprocessing
import os
import sys
from argparse import ArgumentTypeError
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import ujson
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.utils import timezone, translation

from assessments import evaluation
from assessments.engine import ExchangeRates, ProfileError
from assessments.models import ExchangeRate

# The fewest profiles worth a part of their own: for fewer, starting a worker costs more than it saves.
PART_SIZE_MIN = 200
# Parts per worker: smaller parts even out workers slowed down by other processes on the machine.
PARTS_PER_WORKER = 4


class InvalidInput(Exception):
    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@contextmanager
def kept_until_done() -> Iterator[None]:
    """The objects alive now (the input: hundreds of thousands for a large batch) stay until the command ends,
    so the cycle collector leaves them out of its scans meanwhile instead of rescanning them every few thousand
    allocations (and workers forked meanwhile leave them alone, so they stay shared, not copied)."""
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


def _jobs(value: str) -> int:
    if not value.isdecimal() or int(value) < 1:
        raise ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def available_cores() -> int:
    """The cores this process may run on (what `os.process_cpu_count()` gives from Python 3.13 on)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _problem_lines(exc: ProfileError, prefix: str) -> list[str]:
    lines: list[str] = []
    for path, messages in exc.errors.items():
        where = f"{prefix}.{path}" if prefix and path else prefix + path
        lines.extend(f"{where or '(profile)'}: {message}" for message in messages)
    return lines


def days_asked(items: list[Any], *, as_of: date | None, today: date) -> set[date]:
    """The days the profiles in `items` are assessed on, and maybe more: an `as_of` that is not a date makes
    its profile invalid, so it needs no rates."""
    if as_of is not None:
        return {as_of}
    days = set()
    for item in items:
        value = item.get("as_of") if isinstance(item, dict) else None
        if value is None:
            days.add(today)
        elif isinstance(value, str):
            try:
                days.add(date.fromisoformat(value))
            except ValueError:
                continue
    return days


@dataclass(frozen=True, slots=True)
class Batch:
    """An array of profiles and all that assessing any part of it needs, read before any part starts."""

    items: list[Any]
    as_of: date | None
    today: date
    language: str
    rates: dict[date, ExchangeRates]

    def assess(self, start: int, stop: int) -> tuple[list[str], list[str]]:
        """Profiles `start` to `stop` (exclusive): their problems if any is invalid, else the lines the command
        prints for their assessments (one per line, with a comma before all but the array's first)."""
        profiles = []
        problems: list[str] = []
        for index in range(start, stop):
            item = self.items[index]
            if not isinstance(item, dict):
                problems.append(f"[{index}]: expected a profile (JSON object).")
                continue
            try:
                profiles.append(evaluation.parse(item, as_of=self.as_of, today=self.today))
            except ProfileError as exc:
                problems.extend(_problem_lines(exc, f"[{index}]"))
        if problems:
            return problems, []
        lines = []
        with translation.override(self.language):
            for index, profile in enumerate(profiles, start):
                assessment = evaluation.evaluate(profile, rates=self.rates[profile.as_of])
                lines.append(("," if index else "") + to_json(assessment) + "\n")
        return [], lines


# The batch a worker process assesses parts of: set once as the worker starts (inherited from the command's
# process, not copied through a pipe).
_batch: Batch | None = None


def _start_worker(batch: Batch) -> None:
    global _batch  # one batch per worker process, for its whole life
    _batch = batch


def _assess_part(start: int, stop: int) -> tuple[list[str], list[str]]:
    assert _batch is not None, "a worker assesses parts only after _start_worker"
    return _batch.assess(start, stop)


def parts(count: int, jobs: int) -> list[tuple[int, int]]:
    """`range(count)` cut into consecutive (start, stop) parts: one for one job, else `PARTS_PER_WORKER` per job
    but none smaller than `PART_SIZE_MIN` (so a small batch is one part, assessed in this process)."""
    number = 1 if jobs == 1 else max(1, min(jobs * PARTS_PER_WORKER, count // PART_SIZE_MIN))
    size = max(1, math.ceil(count / number))
    return [(start, min(start + size, count)) for start in range(0, count, size)] or [(0, 0)]


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
        parser.add_argument(
            "--jobs",
            type=_jobs,
            default=None,
            help="Processes assessing a large array at once (default: one per core this process may use).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = _as_of(options["as_of"]) if options["as_of"] else None
            data = self._read(options["file"])
            with kept_until_done():
                if isinstance(data, dict):
                    self._one(data, as_of=as_of, language=options["language"])
                elif isinstance(data, list):
                    self._many(
                        data,
                        as_of=as_of,
                        language=options["language"],
                        jobs=options["jobs"] or available_cores(),
                    )
                else:
                    raise InvalidInput(["(input): expected a profile (JSON object) or an array of profiles."])
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

    def _one(self, data: dict[str, Any], *, as_of: date | None, language: str) -> None:
        try:
            profile = evaluation.parse(data, as_of=as_of, today=timezone.localdate())
        except ProfileError as exc:
            raise InvalidInput(_problem_lines(exc, "")) from None
        # Read here, like a batch's: a one-off process gains nothing from the rates kept per process.
        rates = ExchangeRate.objects.rates_on(profile.as_of)
        with translation.override(language):
            self.stdout.write(to_json(evaluation.evaluate(profile, rates=rates), indent=2))

    def _many(self, items: list[Any], *, as_of: date | None, language: str, jobs: int) -> None:
        today = timezone.localdate()
        rates = {
            day: ExchangeRate.objects.rates_on(day) for day in days_asked(items, as_of=as_of, today=today)
        }
        batch = Batch(items=items, as_of=as_of, today=today, language=language, rates=rates)
        cut = parts(len(items), jobs)
        if len(cut) == 1:
            done = [batch.assess(*cut[0])]
        else:
            # Workers are forked: they start with the batch (and its rates) in memory and never use the
            # database, whose connections a forked process must not share with its parent.
            connections.close_all()
            with ProcessPoolExecutor(
                max_workers=min(jobs, len(cut)),
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(batch,),
            ) as pool:
                done = list(pool.map(_assess_part, *zip(*cut, strict=True)))
        problems = [line for part_problems, _lines in done for line in part_problems]
        if problems:
            raise InvalidInput(problems)
        # Line by line, as assessed: one string of the whole output would be copied several times on its way out.
        self.stdout.write("[", ending="")
        for _problems, lines in done:
            for line in lines:
                self.stdout.write(line, ending="")
        self.stdout.write("]")


def to_json(document: Any, *, indent: int = 0) -> str:
    """`json.dumps(document, ensure_ascii=False, indent=indent or None)`, byte for byte, by ujson (faster)."""
    separators = (",", ": ") if indent else (", ", ": ")
    return ujson.dumps(
        document, ensure_ascii=False, escape_forward_slashes=False, indent=indent, separators=separators
    )
