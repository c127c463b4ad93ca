from rest_framework.routers import SimpleRouter

from .api import BillViewSet, CommitteeViewSet, SittingViewSet, VoteViewSet

router = SimpleRouter()
router.register("bills", BillViewSet, basename="bill")
router.register("committees", CommitteeViewSet, basename="committee")
router.register("sittings", SittingViewSet, basename="sitting")
router.register("votes", VoteViewSet, basename="vote")

urlpatterns = router.urls
