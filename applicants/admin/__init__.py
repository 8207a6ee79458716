"""The staff product: case list, case page, applicants, with access scoped per role."""

from . import cases, people, privacy

__all__ = ["cases", "people", "privacy"]
