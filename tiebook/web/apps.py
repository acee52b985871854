from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tiebook.web"
    label = "web"
