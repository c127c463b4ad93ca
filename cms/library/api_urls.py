from rest_framework.routers import SimpleRouter

from .api import ArchiveRecordViewSet, DocumentViewSet

router = SimpleRouter()
router.register("library/documents", DocumentViewSet, basename="library-document")
router.register("library/archive", ArchiveRecordViewSet, basename="library-archive")
urlpatterns = router.urls
