from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

# The entry points a client discovers from /api/v1/; ones whose app is not
# installed yet are left out rather than pointing at nothing.
ENTRY_POINTS = {
    "news": "v1:news-list",
    "search": "v1:search",
    "cases": "v1:case-list",
    "instruments": "v1:instrument-list",
    "glossary": "v1:glossary-list",
    "documents": "v1:library-document-list",
    "archive": "v1:library-archive-list",
    "offices": "v1:directory-office-list",
    "people": "v1:directory-person-list",
    "schema": "v1:schema",
    "docs": "v1:docs",
}


class ApiRootView(APIView):
    """Lists the API's resources."""

    @extend_schema(exclude=True)
    def get(self, request):
        links = {}
        for name, url_name in ENTRY_POINTS.items():
            try:
                links[name] = request.build_absolute_uri(reverse(url_name))
            except NoReverseMatch:
                continue
        return Response({"version": "v1", "resources": links})
