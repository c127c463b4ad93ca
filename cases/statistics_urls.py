from django.urls import path  # noqa: F401

# Owned by the officers/reports work: the public, anonymous statistics page.
urlpatterns = []
