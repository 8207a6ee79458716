from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Staff sign-in")


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site class as `admin.site` so every registration lands behind 2FA."""

    default = False
    default_site = "accounts.admin_site.StaffAdminSite"
