"""What the portal's case page guides with: the checklist grouped by the route each item serves (only
the routes the case pursues), why each item is asked for, its progress, and the saved result as the
result page shows it (with the consultant's recommendation when they overrode the engine's).

Read-only: nothing here writes. The words come from `assessments.presentation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from assessments.presentation import ResultView, document_purpose, is_engine_document, present

from ..models import Case, Document
from ..services.cases import current_override, presented_override

# Checklist items the applicant has done their part for: a file is in and not sent back.
DONE = {Document.Review.UPLOADED, Document.Review.ACCEPTED}


@dataclass(frozen=True)
class Progress:
    """ "2 of 8": required items with a file in (uploaded or accepted), out of all required items."""

    done: int
    total: int


@dataclass(frozen=True)
class ChecklistSection:
    code: str  # the route's code, or "" for items the consultant added themselves
    title: str
    items: list[dict[str, Any]]  # {"document", "why", ...} plus what the page adds (upload form)
    progress: Progress


def pursued_routes(case: Case) -> list[str]:
    """The routes the case pursues: the consultant's choice when they overrode the recommendation, else
    the case's target pathways."""
    override = current_override(case)
    if override is not None and override.pathway_codes:
        return override.pathway_codes
    return sorted(p.code for p in case.pathways.all())


def saved_result(case: Case) -> ResultView | None:
    """The case's latest saved assessment as the result page presents it, resting on the routes the
    case pursues; a consultant's override replaces the engine's recommendation in what is shown."""
    snapshot = case.assessments.latest_first().first()
    if snapshot is None:
        return None
    known = {str(result["pathway"]) for result in snapshot.results.get("results", ())}
    routes = [code for code in pursued_routes(case) if code in known]
    return present(snapshot.results, relied_on=routes, override=presented_override(case))


def progress_of(documents: list[Document]) -> Progress:
    required = [d for d in documents if d.is_required]
    return Progress(done=sum(1 for d in required if d.review_status in DONE), total=len(required))


def checklist(case: Case, documents: list[Document], result: ResultView | None) -> list[ChecklistSection]:
    """The case's checklist items grouped by the pursued route they serve, in the result's order.

    An item of a route the case does not pursue (a China employer's contract when only Singapore routes
    are pursued, say) is left out; items the consultant added themselves come last, in their own group.
    """
    by_route: dict[str, list[Document]] = {}
    places: dict[str, tuple[str, int]] = {}  # item name → (route, its place in the route's list)
    if result is not None:
        snapshot = case.assessments.latest_first().first()
        assert snapshot is not None
        with translation.override("en"):  # item names are the engine's English texts
            english = present(snapshot.results, relied_on=[p.code for p in result.relied_on])
        for group in english.checklist:
            for index, name in enumerate(group.documents):
                places[name.lower()] = (group.pathway_code, index)
    own: list[Document] = []
    for document in documents:
        key = document.name.lower()
        if key in places:
            by_route.setdefault(places[key][0], []).append(document)
        elif not is_engine_document(document.name):
            own.append(document)
        # else: what the engine asks for a route the case does not pursue: not shown, not counted.
    for items in by_route.values():
        items.sort(key=lambda d: places[d.name.lower()][1])
    sections = []
    route_names = {p.code: p.name for p in result.relied_on} if result is not None else {}
    for code, name in route_names.items():
        if code in by_route:
            sections.append(_section(code, name, by_route[code]))
    if own:
        sections.append(_section("", _("Asked for by your consultant"), own))
    return sections


def _section(code: str, title: str, documents: list[Document]) -> ChecklistSection:
    items = [{"document": d, "why": document_purpose(d.name)} for d in documents]
    return ChecklistSection(code=code, title=title, items=items, progress=progress_of(documents))
