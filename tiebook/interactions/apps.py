from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "tiebook.interactions"
    label = "interactions"
