from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.base import views as base_views
from cms.base.sitemap import Sitemap
from cms.base.urls import wagtail_util_urls

handler400 = "cms.base.errors.bad_request"
handler403 = "cms.base.errors.permission_denied"
handler404 = "cms.base.errors.page_not_found"
handler500 = "cms.base.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("cms.api.urls", namespace="v1")),
    # Long-lived event streams of live sittings, outside the language prefix (same data in both).
    path("live/", include("cms.live.urls")),
    path("u/", include("cms.follows.mail_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("robots.txt", base_views.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("search/", include("search.urls")),
    path("cases/", include("cases.urls")),
    path("laws/", include("cms.laws.urls")),
    path("", include("cms.legislation.urls")),
    path("follow/", include("cms.follows.urls")),
    # Wagtail's helpers for private pages, then its pages, which claim every
    # remaining path. Slugs may be Thai (vowel signs are not \w), so any
    # non-slash character is accepted; top-level service paths are excluded so
    # that a 404 under /api/ is not redirected to a language prefix.
    path("_util/", include(wagtail_util_urls)),
    re_path(r"^(?!(?:api|admin|documents|static|media|live|u)/)((?:[^/]+/)*)$", base_views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Public uploads (images, documents) straight from MEDIA_ROOT; in a large
    # deployment the web server or object storage does this instead.
    from django.views.static import serve as serve_static

    urlpatterns.insert(0, re_path(r"^media/(?P<path>.*)$", serve_static, {"document_root": settings.MEDIA_ROOT}))
