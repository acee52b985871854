"""URL routes: the web app at the root, sign-in under accounts."""

from django.urls import include, path

urlpatterns = [
    path("", include("tiebook.accounts.urls")),
    path("", include("tiebook.web.urls")),
]

handler404 = "tiebook.web.views.errors.not_found"
handler500 = "tiebook.web.views.errors.server_error"
