"""Exchange rates in the admin (assessment snapshots are case-scoped: see `applicants/admin/assessments.py`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from .models import ExchangeRate
from .services import delete_exchange_rates, save_exchange_rate


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin[ExchangeRate]):
    list_display = ["pair_display", "rate", "effective_on", "source", "updated_by", "updated_at"]
    list_filter = ["base", "quote", "effective_on"]
    search_fields = ["base", "quote", "source"]
    date_hierarchy = "effective_on"
    readonly_fields = ["updated_by", "updated_at"]
    list_select_related = ["updated_by"]
    fields = ["base", "quote", "rate", "effective_on", "source", "updated_by", "updated_at"]

    @admin.display(description="Pair", ordering="base")
    def pair_display(self, obj: ExchangeRate) -> str:
        return obj.pair

    # Writes go through the services: they tell every process to read the rates in force again.
    def save_model(self, request: HttpRequest, obj: ExchangeRate, form: ModelForm[Any], change: bool) -> None:
        save_exchange_rate(rate=obj, by=request.user if request.user.is_authenticated else None)

    def delete_model(self, request: HttpRequest, obj: ExchangeRate) -> None:
        delete_exchange_rates(rates=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ExchangeRate]) -> None:
        delete_exchange_rates(rates=queryset)
