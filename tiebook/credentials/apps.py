from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "tiebook.credentials"
    label = "credentials"
