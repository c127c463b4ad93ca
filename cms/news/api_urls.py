from rest_framework.routers import SimpleRouter

from .api import NewsViewSet

router = SimpleRouter()
router.register("news", NewsViewSet, basename="news")
urlpatterns = router.urls
