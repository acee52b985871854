from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "tiebook.followups"
    label = "followups"
