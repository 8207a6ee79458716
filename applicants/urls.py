from django.urls import include, path

from .views import intake, result, save

app_name = "applicants"

urlpatterns = [
    # The public self-assessment.
    path("assessment/check/", intake.check, name="intake-check"),
    path("assessment/result/", result.result, name="intake-result"),
    path("assessment/forget/", intake.forget, name="intake-forget"),
    path("assessment/save/", save.save, name="intake-save"),
    path("assessment/saved/", save.saved, name="intake-saved"),
    path("assessment/<slug:slug>/", intake.step, name="intake-step"),
    # The applicant portal: sign-in and pages.
    path("portal/", include("applicants.portal.urls")),
]
