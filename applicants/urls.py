from django.urls import include, path

from .views import intake, later, result, save

app_name = "applicants"

urlpatterns = [
    # The public self-assessment.
    path("assessment/check/", intake.check, name="intake-check"),
    path("assessment/result/", result.result, name="intake-result"),
    path("assessment/forget/", intake.forget, name="intake-forget"),
    path("assessment/save/", save.save, name="intake-save"),
    path("assessment/saved/", save.saved, name="intake-saved"),
    path("assessment/later/", later.save_for_later, name="intake-later"),
    path("assessment/continue/<str:token>/", later.continue_draft, name="intake-continue"),
    path("assessment/<slug:slug>/", intake.step, name="intake-step"),
    # The applicant portal: sign-in and pages.
    path("portal/", include("applicants.portal.urls")),
]
