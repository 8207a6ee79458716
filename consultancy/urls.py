from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from applicants.views.intake import start
from assessments.api import openapi
from assessments.rules_admin import rule_versions
from letters.result_views import result_email, result_pdf, result_pdf_download, result_pdf_status
from letters.views import letter_download

from .health import healthz
from .language import set_language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/assessments/", include("assessments.urls")),
    path("api/v1/openapi.json", openapi, name="openapi"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("portal/letters/<int:letter_id>/download", letter_download, name="portal-letter-download"),
    path("admin/rules/", admin.site.admin_view(rule_versions), name="admin-rule-versions"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", start, name="home"),
    # Copies of the self-assessment result (letters: the renderer lives there), without opening a case.
    path("assessment/result/email/", result_email, name="result-email"),
    path("assessment/result/pdf/", result_pdf, name="result-pdf"),
    path("assessment/result/pdf/<str:token>/", result_pdf_status, name="result-pdf-status"),
    path("assessment/result/pdf/<str:token>/download", result_pdf_download, name="result-pdf-download"),
    path("", include("applicants.urls")),
    path("", include("bookings.urls")),
    prefix_default_language=False,
)

# A database outage answers 503 with a "back soon" page; other errors keep Django's 500 page.
handler500 = "consultancy.errors.server_error"
