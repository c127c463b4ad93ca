"""Whole anonymous pages, cached in the shared cache and purged by tag.

A page that an anonymous reader gets is the same for every anonymous reader,
so its whole response (compressed or not, as the reader asked) is kept in
Django's cache under its address. Each kept page carries tags (surrogate
keys): ``all``, ``path:<its path>`` (so every query of one address goes at
once), ``page:<id>`` for a Wagtail page, ``app:<app>`` and the finer tags its
view names. A tag has a generation in the cache; purging a tag gives it a new
one, and a kept page whose tags' generations changed is never served again.
:mod:`cms.base.purge` decides which tags an edit purges and tells the front
proxy (Wagtail's frontend cache) which addresses to drop.

Never kept: signed-in readers (they carry a session cookie), readers with a
pending message, anything that sets a cookie or uses a CSRF token (forms),
responses that say their own ``Cache-Control`` (personal pages, the live
stream), and everything under the prefixes of ``PAGE_CACHE_EXCLUDE``."""

from __future__ import annotations

import hashlib
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

TAG_KEY = "pagecache:tag:"
ENTRY_KEY = "pagecache:page:"
CLOCK_KEY = "pagecache:clock"
FRAGMENT_KEY = "pagecache:fragment:"
GZIP = re.compile(r"\bgzip\b")
# The tag of everything that shows search results: purged by every write to the index and
# by the edits that change what the search shows.
SEARCH_TAG = "search"


def _excluded():
    return re.compile("|".join(settings.PAGE_CACHE_EXCLUDE))


_EXCLUDED = None


def _is_excluded(path):
    global _EXCLUDED
    if _EXCLUDED is None:
        _EXCLUDED = _excluded()
    return bool(_EXCLUDED.match(path))


def _generations(tags):
    """The current generation of each tag; a tag never seen (or evicted) gets a
    fresh one, so that no page kept under an earlier generation comes back."""
    keys = {tag: TAG_KEY + tag for tag in tags}
    found = cache.get_many(keys.values())
    generations = {}
    for tag, key in keys.items():
        if key not in found:
            cache.add(key, secrets.token_hex(4), None)
            found[key] = cache.get(key)
        generations[tag] = found[key]
    return generations


def bump(tags):
    """Give each tag a new generation: every page kept with it is gone."""
    if not tags:
        return
    cache.set_many({TAG_KEY + tag: secrets.token_hex(4) for tag in tags}, None)
    cache.set(CLOCK_KEY, secrets.token_hex(4), None)


def fragment(name, *, tags, render):
    """``render()``'s result, kept until one of ``tags`` is purged: a part that
    uncached pages show alike (a law's whole text) is built once per edit.
    Signed-in readers share it too: it holds nothing personal."""
    generations = _generations(tags)
    key = FRAGMENT_KEY + hashlib.sha256(name.encode()).hexdigest()
    kept = cache.get(key)
    if kept is not None and kept["tags"] == generations:
        return kept["value"]
    value = render()
    cache.set(key, {"tags": generations, "value": value}, settings.PAGE_CACHE_SECONDS)
    return value


def _variant(request):
    return "gzip" if GZIP.search(request.headers.get("Accept-Encoding", "")) else "identity"


def _entry_key(request):
    address = f"{_variant(request)} {request.get_full_path()}".encode()
    return ENTRY_KEY + hashlib.sha256(address).hexdigest()


def request_is_cacheable(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not _is_excluded(request.path)
    )


def response_is_cacheable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and "Cache-Control" not in response
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not getattr(request, "page_cache_skip", False)
    )


def response_tags(request):
    tags = {"all", "path:" + request.path}
    tags.update(getattr(request, "page_cache_tags", ()))
    match = request.resolver_match
    if match is not None and match.namespaces:
        tags.add("app:" + match.namespaces[0])
    return tags


def add_tags(request, *tags):
    """Views and hooks name what else a page shows (``law:<slug>``, ``app:news``)."""
    request.page_cache_tags = {*getattr(request, "page_cache_tags", ()), *tags}


def public_headers(response):
    response["Cache-Control"] = (
        f"public, max-age=0, must-revalidate, s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}"
    )
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))


def private_headers(response):
    if "Cache-Control" not in response:
        response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    """Serve kept anonymous pages, keep new ones, answer conditional GETs.
    Goes right after WhiteNoise and before GZipMiddleware in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            response = self.get_response(request)
            if not _is_excluded(request.path):
                private_headers(response)
            return response
        enabled = settings.PAGE_CACHE_ENABLED
        key = _entry_key(request)
        entry = cache.get(key) if enabled else None
        if entry is not None and _generations(entry["tags"]) == entry["tags"]:
            return get_conditional_response(request, etag=entry["etag"], response=self._rebuild(entry))
        clock = cache.get(CLOCK_KEY) if enabled else None
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            private_headers(response)
            return response
        public_headers(response)
        etag = '"%s"' % hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = etag
        if enabled and cache.get(CLOCK_KEY) == clock:  # nothing was purged while the page was rendered
            cache.set(key, {
                "tags": _generations(response_tags(request)),
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
                "etag": etag,
            }, settings.PAGE_CACHE_SECONDS)
        return get_conditional_response(request, etag=etag, response=response)

    @staticmethod
    def _rebuild(entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        return response
