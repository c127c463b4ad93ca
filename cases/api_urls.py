from django.urls import include, path

urlpatterns = [
    path("", include("cases.areas_api_urls")),
]
