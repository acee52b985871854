from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tiebook.people"
    label = "people"
