"""The event streams, outside the language prefix: the same data serves both languages."""

from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("<int:pk>/events/", views.live_events, name="events"),
]
