from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "tiebook.interchange"
    label = "interchange"
