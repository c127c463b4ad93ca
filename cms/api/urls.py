"""/api/v1/: every public service of Chandra for the mobile app.

Each app contributes its own ``api_urls`` module; they are mounted here under
one version namespace so that reverse('v1:…') works everywhere."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import ApiRootView

app_name = "v1"

urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="v1:schema"), name="docs"),
    path("", include("cms.news.api_urls")),
    path("", include("search.api_urls")),
    path("", include("cms.laws.api_urls")),
    path("", include("cases.api_urls")),
    path("", include("cms.legislation.api_urls")),
    path("", include("cms.live.api_urls")),
    path("", include("cms.follows.api_urls")),
]
