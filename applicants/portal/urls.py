"""The portal's URLs (under /portal/, in the `applicants` namespace)."""

from django.urls import path

from . import account, conversation, views

urlpatterns = [
    # Getting in.
    path("login/", account.PortalLoginView.as_view(), name="portal-login"),
    path("logout/", account.PortalLogoutView.as_view(), name="portal-logout"),
    path("sign-in-link/", account.magic_link, name="portal-magic-link"),
    path("sign-in/<str:token>/", account.magic_login, name="portal-magic"),
    path("welcome/<str:token>/", account.resume, name="portal-resume"),
    path("confirm/<str:token>/", account.confirm, name="portal-confirm"),
    path("password-reset/", account.PasswordResetView.as_view(), name="portal-password-reset"),
    path(
        "password-reset/sent/",
        account.PasswordResetDoneView.as_view(),
        name="portal-password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="portal-password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        account.PasswordResetCompleteView.as_view(),
        name="portal-password-reset-complete",
    ),
    # The pages.
    path("", views.home, name="portal-home"),
    path("cases/<str:reference>/", views.case_detail, name="portal-case"),
    path("cases/<str:reference>/result/", views.case_result, name="portal-result"),
    path("cases/<str:reference>/messages/", conversation.conversation, name="portal-messages"),
    path("messages/<int:pk>/attachment/", conversation.attachment, name="portal-message-attachment"),
    path("documents/<int:pk>/", views.document_download, name="portal-document"),
    path("documents/<int:pk>/upload/", views.upload, name="portal-upload"),
    path("reassess/", views.reassess, name="portal-reassess"),
    path("my-data/", views.my_data, name="portal-my-data"),
    path("my-data/<int:pk>/", views.data_export_download, name="portal-data-export"),
    path("delete-account/", views.delete_account, name="portal-delete-account"),
]
