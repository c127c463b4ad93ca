"""The filter backend of the API's lists (django-filter), and how the schema documents it.

django-filter reads a parameter sent empty (``?year=``) as not sent: that is what a page's
search form with a blank field submits, and the API answers it the same way. The schema
says so with ``allowEmptyValue`` on every filter parameter, so that a client (and a fuzzer)
knows ``?year=`` lists everything while ``?year=abc`` is refused (400)."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend; its parameters are documented by :class:`FilterBackendExtension`."""


class FilterBackendExtension(DjangoFilterExtension):
    target_class = FilterBackend
    priority = 1

    def resolve_filter_field(self, *args, **kwargs):
        parameters = super().resolve_filter_field(*args, **kwargs)
        for parameter in parameters:
            if not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        return parameters
