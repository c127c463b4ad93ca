from django.urls import path

from .api import LiveDetailView, LiveListView

urlpatterns = [
    path("live/", LiveListView.as_view(), name="live_list"),
    path("live/<int:pk>/", LiveDetailView.as_view(), name="live_detail"),
]
