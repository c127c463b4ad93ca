from django.urls import path

from .statistics import statistics

# Owned by the officers/reports work: the public, anonymous statistics page (cases:statistics).
urlpatterns = [
    path("", statistics, name="statistics"),
]
