from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("<int:pk>/events/", views.live_events, name="events"),
]
