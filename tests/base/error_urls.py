"""The site's URLs plus one page that fails, for the tests of the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from cms.urls import handler400, handler403, handler404, handler500, urlpatterns as site_urlpatterns


def broken(request):
    raise ValueError("a bug in a view")


urlpatterns = i18n_patterns(path("broken/", broken)) + site_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
