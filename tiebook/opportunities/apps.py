from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "tiebook.opportunities"
    label = "opportunities"
