"""Wagtail's routing of a page's address, kept per edit.

Routing an address asks the database for the site, the active locale, each
page down the path and the view restrictions of the page and its ancestors:
queries that give the same answer to every reader of the address in one
language until a page changes (published, unpublished, moved, renamed) or the
sites, the locales or the view restrictions do. So the answer (the page found,
the arguments of its view and the restrictions that apply to it) is kept with
:func:`cms.base.pagecache.fragment` under the tags ``pages`` and ``all``, which
:mod:`cms.base.purge` purges on those edits. An address that leads to no page
is routed again each time, so that unknown addresses fill no cache (an
English reader of a page that has only its Thai original routes in English
first, each time, then finds the Thai route kept).

The page is served through Wagtail's hooks as Wagtail's own view serves it;
its view restrictions are checked on every request, from the kept list
(:class:`KeptViewRestrictionsMixin`). Wagtail's ``RoutablePageMixin`` notes
its resolver match on the request while it routes
(``request.routable_resolver_match``); a kept route does not, and nothing here
reads it."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Site

from . import pagecache


class KeptViewRestrictionsMixin:
    """For page models: a page found by :func:`route` answers
    ``get_view_restrictions()`` with the restrictions kept with its route."""

    routed_view_restrictions = None

    def get_view_restrictions(self):
        if self.routed_view_restrictions is not None:
            return self.routed_view_restrictions
        return super().get_view_restrictions()


def route(request, path):
    """Wagtail's ``Page.route_for_request(request, path)`` in the active language: the
    page, args and kwargs of the route, or None when no page is there."""
    name = f"route:{request.get_host()}:{request.get_port()}:{get_language()}:{path}"
    try:
        page, args, kwargs, restrictions = pagecache.fragment(
            name, tags={"pages", "all"}, render=lambda: _route(request, path))
    except Http404:
        return None
    page.routed_view_restrictions = restrictions
    return page, args, kwargs


def _route(request, path):
    """Raises Http404 when no page is there (nothing is kept then)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    page, args, kwargs = site.root_page.localized.specific.route(request, components)
    return page, args, kwargs, list(page.get_view_restrictions())
