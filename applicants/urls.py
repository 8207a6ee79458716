from django.urls import path

from .views import account, intake, portal, result, save

app_name = "applicants"

urlpatterns = [
    # The public self-assessment.
    path("assessment/check/", intake.check, name="intake-check"),
    path("assessment/result/", result.result, name="intake-result"),
    path("assessment/forget/", intake.forget, name="intake-forget"),
    path("assessment/save/", save.save, name="intake-save"),
    path("assessment/saved/", save.saved, name="intake-saved"),
    path("assessment/<slug:slug>/", intake.step, name="intake-step"),
    # Getting into the portal.
    path("portal/login/", account.PortalLoginView.as_view(), name="portal-login"),
    path("portal/logout/", account.PortalLogoutView.as_view(), name="portal-logout"),
    path("portal/sign-in-link/", account.magic_link, name="portal-magic-link"),
    path("portal/sign-in/<str:token>/", account.magic_login, name="portal-magic"),
    path("portal/welcome/<str:token>/", account.resume, name="portal-resume"),
    path("portal/confirm/<str:token>/", account.confirm, name="portal-confirm"),
    path("portal/password-reset/", account.PasswordResetView.as_view(), name="portal-password-reset"),
    path(
        "portal/password-reset/sent/",
        account.PasswordResetDoneView.as_view(),
        name="portal-password-reset-done",
    ),
    path(
        "portal/password-reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="portal-password-reset-confirm",
    ),
    path(
        "portal/password-reset/done/",
        account.PasswordResetCompleteView.as_view(),
        name="portal-password-reset-complete",
    ),
    # The portal.
    path("portal/", portal.home, name="portal-home"),
    path("portal/cases/<str:reference>/", portal.case_detail, name="portal-case"),
    path("portal/documents/<int:pk>/", portal.document_download, name="portal-document"),
    path("portal/documents/<int:pk>/upload/", portal.upload, name="portal-upload"),
    path("portal/reassess/", portal.reassess, name="portal-reassess"),
    path("portal/my-data/", portal.my_data, name="portal-my-data"),
    path("portal/my-data/<int:pk>/", portal.data_export_download, name="portal-data-export"),
    path("portal/delete-account/", portal.delete_account, name="portal-delete-account"),
]
