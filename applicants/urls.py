from django.urls import path

from .views import intake, result

app_name = "applicants"

urlpatterns = [
    path("assessment/check/", intake.check, name="intake-check"),
    path("assessment/result/", result.result, name="intake-result"),
    path("assessment/forget/", intake.forget, name="intake-forget"),
    path("assessment/<slug:slug>/", intake.step, name="intake-step"),
]
