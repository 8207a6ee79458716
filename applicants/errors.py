"""Domain errors the case services raise: each carries a message written for staff."""

from __future__ import annotations


class CaseRuleError(Exception):
    """A requested change breaks a case rule (a refused transition, an assignment not allowed, …)."""

    def __init__(self, message: str, *, reasons: list[str] | None = None) -> None:
        self.reasons = reasons or []
        super().__init__(message if not self.reasons else f"{message} {'; '.join(self.reasons)}.")


class TransitionRefused(CaseRuleError):
    """The status change is not in the pipeline or one of its guards failed."""


class AccessDenied(CaseRuleError):
    """The acting user may not work on this case."""
