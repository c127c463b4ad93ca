from rest_framework.routers import SimpleRouter

from .api import OfficeViewSet, PersonViewSet

router = SimpleRouter()
router.register("directory/offices", OfficeViewSet, basename="directory-office")
router.register("directory/people", PersonViewSet, basename="directory-person")
urlpatterns = router.urls
