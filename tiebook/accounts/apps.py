from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tiebook.accounts"
    label = "accounts"
