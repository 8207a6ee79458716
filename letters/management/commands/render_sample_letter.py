"""python manage.py render_sample_letter --language en|zh-hans|bilingual --output FILE

Renders the standard demo letter (the engine run on a realistic demo profile, 3-5 pages) through the
same render function the letter workers use, without a broker or a database, and writes the PDF.
For checking the letter by eye, and for the benchmarks.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from letters.content import sample_letter_content
from letters.models import LetterLanguage
from letters.render import render_advice_letter_pdf


class Command(BaseCommand):
    help = "Render the standard demo advice letter to a PDF file, without a broker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--language", choices=LetterLanguage.values, default=LetterLanguage.ENGLISH.value)
        parser.add_argument("--output", required=True, help="Where to write the PDF.")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"--output: the folder {output.parent} does not exist.")
        started = time.perf_counter()
        letter = render_advice_letter_pdf(sample_letter_content(LetterLanguage(options["language"])))
        elapsed = time.perf_counter() - started
        try:
            output.write_bytes(letter.pdf)
        except OSError as error:
            raise CommandError(f"--output: cannot write {output}: {error.strerror}") from error
        self.stdout.write(
            f"{output}: {letter.page_count} pages, {len(letter.pdf):,} bytes, "
            f"SHA-256 {hashlib.sha256(letter.pdf).hexdigest()}, rendered in {elapsed * 1000:.0f} ms"
        )
