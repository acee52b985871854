from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tiebook.core"
    label = "tiebook_core"
    verbose_name = "tiebook core"
