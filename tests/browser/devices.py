"""The screens browser tests run on, and a browser context for one of them in one language."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser, BrowserContext


@dataclass(frozen=True)
class Device:
    width: int
    height: int
    javascript: bool

    @property
    def viewport(self) -> dict[str, int]:
        return {"width": self.width, "height": self.height}


# The phone has JavaScript switched off: every page must work without it.
DEVICES = {"desktop": Device(1280, 900, javascript=True), "phone": Device(375, 812, javascript=False)}


def device_context(browser: Browser, device: str | Device, language: str) -> BrowserContext:
    """A context sized and scripted as `device`, its browser asking for `language` first, with no colour
    transitions (Bootstrap honours it): axe measures contrast at the final colours."""
    spec = DEVICES[device] if isinstance(device, str) else device
    return browser.new_context(
        viewport=spec.viewport,  # type: ignore[arg-type]
        java_script_enabled=spec.javascript,
        is_mobile=spec.width < 500,
        locale="zh-CN" if language == "zh-hans" else "en-GB",
        reduced_motion="reduce",
    )
