"""Every URL pattern of the project, as a concrete URL built with sample arguments.

Walks the resolver tree (so a pattern added anywhere is walked without editing this file) and
reverses each named pattern with arguments chosen by their names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from applicants.intake.flow import STEPS


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    params: tuple[str, ...]


def _params(pattern: Any) -> list[str]:
    regex = pattern.regex
    return list(regex.groupindex)


def _walk(patterns: list[Any], namespace: str, params: list[str]) -> Iterator[Route | str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, ns, params + _params(entry.pattern))
        elif isinstance(entry, URLPattern):
            if not entry.name:
                yield str(entry.pattern)
                continue
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, tuple(params + _params(entry.pattern)))


def routes() -> tuple[list[Route], list[str]]:
    """(named routes, unnamed patterns), each route once."""
    named: dict[str, Route] = {}
    unnamed: list[str] = []
    for item in _walk(get_resolver().url_patterns, "", []):
        if isinstance(item, Route):
            named.setdefault(item.name, item)
        else:
            unnamed.append(item)
    return sorted(named.values(), key=lambda r: r.name), unnamed


def sample_value(param: str, overrides: dict[str, Any]) -> Any:
    if param in overrides:
        return overrides[param]
    return {
        "app_label": "applicants",
        "slug": STEPS[0].slug,
        "reference": "TP-AAAAAA",
        "token": "not-a-token",
        "uidb64": "MQ",
        "url": "nowhere/",
    }.get(param, "1")


def url_for(route: Route, **overrides: Any) -> str | None:
    try:
        return reverse(route.name, kwargs={p: sample_value(p, overrides) for p in route.params})
    except NoReverseMatch:
        return None
