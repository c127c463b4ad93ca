from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "chandra_search"
    verbose_name = "Search"
