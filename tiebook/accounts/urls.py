"""Signing in and out."""

from __future__ import annotations

from django.urls import path

from tiebook.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login", views.login_page, name="login"),
    path("logout", views.logout_action, name="logout"),
    path("signin/<str:token>", views.signin, name="signin"),
]
