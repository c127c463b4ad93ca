from django.urls import include, path

app_name = "cases"
urlpatterns = [
    path("statistics/", include("cases.statistics_urls")),
]
