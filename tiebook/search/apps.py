from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tiebook.search"
    label = "search"
