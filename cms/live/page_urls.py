"""The live pages, inside the language prefix (included by cms.legislation.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("live/", views.live_now, name="live"),
    path("live/<int:pk>/", views.live_sitting, name="live_sitting"),
]
