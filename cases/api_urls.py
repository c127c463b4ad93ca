from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .api import CaseViewSet, CategoryViewSet
from .statistics_api import CaseStatisticsView

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("case-categories", CategoryViewSet, basename="case-category")

urlpatterns = [
    path("", include("cases.areas_api_urls")),
    path("cases/statistics/", CaseStatisticsView.as_view(), name="case-statistics"),
    *router.urls,
]
