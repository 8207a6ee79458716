"""Steps that hold a list (qualifications, jobs): a formset with "add another" that needs no JavaScript."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .base import SummaryRow, anchor_for, describe, labelled
from .fields import TriStateField


class ListStep(forms.BaseFormSet):  # type: ignore[type-arg]
    """A formset step. Filled-in entries become a contract list; untouched blank entries are ignored."""

    title: ClassVar[Promise]
    intro: ClassVar[Promise]
    profile_key: ClassVar[str]
    entry_label: ClassVar[Promise]  # "Qualification", "Job": numbered in the page and the summary
    add_label: ClassVar[Promise]
    empty_summary: ClassVar[Promise]
    summary_fields: ClassVar[tuple[str, ...]]

    def entries(self) -> list[forms.Form]:
        return [
            form
            for form in self.forms
            if form.has_changed() and not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]

    def entry_to_profile(self, data: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def to_profile(self) -> dict[str, Any]:
        return {self.profile_key: [self.entry_to_profile(form.cleaned_data) for form in self.entries()]}

    def summary(self) -> list[SummaryRow]:
        entries = self.entries()
        if not entries:
            first_id = anchor_for(self.forms[0][self.summary_fields[0]]) if self.forms else ""
            return [SummaryRow(label=str(self.title), value=str(self.empty_summary), field_id=first_id)]
        rows = []
        for number, form in enumerate(entries, start=1):
            parts = []
            for name in self.summary_fields:
                value = form.cleaned_data.get(name)
                if value is None or value == "":
                    continue
                field = form.fields[name]
                if isinstance(field, TriStateField):
                    parts.append(labelled(str(field.label), describe(field, value)))
                    continue
                parts.append(describe(field, value))
            rows.append(
                SummaryRow(
                    label=f"{self.entry_label} {number}",
                    value=" · ".join(parts),
                    field_id=anchor_for(form[self.summary_fields[0]]),
                )
            )
        return rows

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        # The only entry in the list cannot be removed: no "Delete" box for it (leave it blank instead).
        if self.can_delete and self.total_form_count() <= 1:
            form.fields.pop("DELETE", None)

    @classmethod
    def with_one_more(cls, data: QueryDict, prefix: str) -> QueryDict:
        """The same answers with one more blank entry, for the "add another" button."""
        more = data.copy()
        key = f"{prefix}-TOTAL_FORMS"
        try:
            total = int(more.get(key, "0"))
        except ValueError:
            total = 0
        more[key] = str(min(total + 1, cls.max_num or 10))
        return more

    @staticmethod
    def delete_label() -> str:
        return _("Remove this entry")
