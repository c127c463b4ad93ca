from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import GlossaryViewSet, InstrumentViewSet, MappingViewSet, ProvisionViewSet, TopicViewSet

router = SimpleRouter()
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("topics", TopicViewSet, basename="topic")
router.register("mappings", MappingViewSet, basename="mapping")
router.register("glossary", GlossaryViewSet, basename="glossary")

urlpatterns = router.urls + [
    path("instruments/<slug:instrument_slug>/provisions/", ProvisionViewSet.as_view({"get": "list"}), name="provision-list"),
    path("instruments/<slug:instrument_slug>/provisions/<str:number>/", ProvisionViewSet.as_view({"get": "retrieve"}), name="provision-detail"),
]
