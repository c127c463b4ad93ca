"""{% asset %}: the address of a static file, as ``{% static %}`` gives it, worked
out once per process for the files that every page links (Django's tag asks
the storage again on each use). The storage's answer cannot change while the
process runs: the files, and the manifest of their hashed names, are collected
before it starts."""

from functools import lru_cache

from django import template
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def asset(path):
    return _address(path)


@lru_cache(maxsize=64)
def _address(path):
    return static(path)
