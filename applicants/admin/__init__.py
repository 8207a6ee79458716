"""The staff product: case list, case page, applicants, with access scoped per role."""

from . import assessments, cases, people, privacy

__all__ = ["assessments", "cases", "people", "privacy"]
