"""python manage.py how_we_decide [--check]

Writes docs/how-we-decide.md from the rule data (assessments/engine/decide.py); with --check, fails when
the page in the repository differs from what the rule data gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.engine.decide import how_we_decide

PAGE = Path(settings.BASE_DIR) / "docs" / "how-we-decide.md"


class Command(BaseCommand):
    help = "Write (or --check) docs/how-we-decide.md from the rule data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the page is out of date.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = how_we_decide()
        if options["check"]:
            if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
                raise CommandError(f"{PAGE} is out of date: run `python manage.py how_we_decide`.")
            self.stdout.write("docs/how-we-decide.md matches the rule data.")
            return
        PAGE.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {PAGE}.")
