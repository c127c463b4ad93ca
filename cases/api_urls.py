from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .api import CaseStatisticsView, CaseViewSet, CategoryViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("case-categories", CategoryViewSet, basename="case-category")

urlpatterns = [
    path("", include("cases.areas_api_urls")),
    path("cases/statistics/", CaseStatisticsView.as_view(), name="case-statistics"),
    *router.urls,
]
