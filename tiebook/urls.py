"""URL routes; the web app (a later piece of work) mounts here."""

urlpatterns: list = []
