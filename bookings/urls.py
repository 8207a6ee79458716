from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("consultation/book/", views.book_after_saving, name="book-saved"),
    path("consultation/booked/", views.booked, name="booked"),
    path("consultation/change/<str:token>/", views.manage, name="manage"),
    path("portal/cases/<str:reference>/consultation/", views.book_for_case, name="book-case"),
]
