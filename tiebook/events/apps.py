from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tiebook.events"
    label = "events"
