from django.contrib import admin

from .models import StaffProfile


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin[StaffProfile]):
    list_display = ("display_name", "title", "user", "language", "time_zone")
    search_fields = ("display_name", "user__username", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ()
    raw_id_fields = ("user",)
