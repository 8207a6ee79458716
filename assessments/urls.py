from django.urls import path

from . import api

app_name = "assessments-api"

urlpatterns = [
    path("evaluate", api.evaluate, name="evaluate"),
    path("schema", api.schema, name="schema"),
]
