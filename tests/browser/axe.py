"""axe-core in the browser journey: every page checked, a summary per page, no critical or serious issue.

axe-core is vendored (`make vendor-axe` unpacks it from the npm package into tests/browser/vendor/), so
CI needs no network. It is evaluated through Playwright, not added as a <script>, so the site's
Content-Security-Policy stays as it is. A page opened with JavaScript off (the phone runs) cannot run
axe, so its rendered HTML is checked in a twin page with JavaScript on, the same viewport and the
site's stylesheets (the base URL is the live server's).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    summary: v.nodes.length ? v.nodes[0].failureSummary : "",
  }));
}"""


@dataclass(frozen=True)
class PageReport:
    name: str
    url: str
    violations: tuple[dict[str, Any], ...]

    def count(self, impact: str) -> int:
        return sum(1 for violation in self.violations if violation["impact"] == impact)

    def line(self) -> str:
        counts = ", ".join(f"{impact} {self.count(impact)}" for impact in IMPACTS)
        ids = " ".join(sorted({str(violation["id"]) for violation in self.violations}))
        return f"axe {self.name}: {counts}" + (f" [{ids}]" if ids else "")

    @property
    def blocking(self) -> list[dict[str, Any]]:
        return [violation for violation in self.violations if violation["impact"] in BLOCKING]


@dataclass
class AxeChecker:
    """Checks the pages of one journey (the caller keeps the reports for the end-of-run summary)."""

    browser: Browser
    viewport: dict[str, int]
    base_url: str
    _twin: BrowserContext | None = None

    def check(self, page: Page, name: str, *, javascript: bool) -> PageReport:
        target = page if javascript else self._twin_page(page)
        target.evaluate(AXE_SOURCE)
        violations = tuple(target.evaluate(_RUN))
        report = PageReport(name=name, url=page.url, violations=violations)
        return report

    def _twin_page(self, page: Page) -> Page:
        if self._twin is None:
            # Reduced motion: Bootstrap then has no colour transitions, which axe would catch half-way.
            self._twin = self.browser.new_context(viewport=self.viewport, reduced_motion="reduce")  # type: ignore[arg-type]
        twin = self._twin.pages[0] if self._twin.pages else self._twin.new_page()
        html = page.content().replace("<head>", f'<head><base href="{self.base_url}/">', 1)
        twin.set_content(html, wait_until="load")
        return twin

    def close(self) -> None:
        if self._twin is not None:
            self._twin.close()
