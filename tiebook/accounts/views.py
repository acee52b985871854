"""Signing in with a one-time link (local mode) or a password (server mode), and out."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiebook.accounts import throttle
from tiebook.accounts.selectors import signin_command
from tiebook.accounts.services import signin_token_consume
from tiebook.core.errors import TiebookError
from tiebook.core.params import safe_next


def _next_url(request: HttpRequest) -> str:
    """Where to go after signing in: `next` when it stays on this site, else Today."""
    return safe_next(request, request.POST.get("next") or request.GET.get("next"), "")


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _signin_command(request: HttpRequest) -> str | None:
    """In local mode, the exact command that prints a new link for this server."""
    if settings.TIEBOOK_MODE != "local":
        return None
    host, port = split_domain_port(request.get_host())
    return signin_command(host=host, port=int(port or request.get_port()))


@login_not_required
@require_GET
@never_cache
def signin(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = signin_token_consume(token=token)
    except TiebookError as error:
        context = {"error": error, "command": _signin_command(request)}
        return render(request, "accounts/signin_failed.html", context, status=400)
    login(request, user)
    return redirect(settings.LOGIN_REDIRECT_URL)


@login_not_required
@require_http_methods(["GET", "POST"])
@csrf_protect
@never_cache
def login_page(request: HttpRequest) -> HttpResponse:
    if settings.TIEBOOK_MODE != "server":
        context = {"local": True, "command": _signin_command(request)}
        return render(request, "accounts/login.html", context)
    next_url = _next_url(request)
    context = {"next": next_url, "form": AuthenticationForm(request)}
    if request.method == "POST":
        username, ip = request.POST.get("username", ""), _client_ip(request)
        wait = throttle.login_wait_minutes(username=username, ip=ip)
        if wait:
            # Refused before the password is looked at, so guessing gains nothing.
            context["form"] = AuthenticationForm(request, initial={"username": username})
            context["throttled"] = throttle.wait_message(wait)
            return render(request, "accounts/login.html", context, status=429)
        form = AuthenticationForm(request, data=request.POST)
        if form.is_valid():
            throttle.login_succeeded(username=username, ip=ip)
            login(request, form.get_user())
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        if username and request.POST.get("password"):  # a real guess, not a blank field
            throttle.login_failed(username=username, ip=ip)
        context["form"] = form
    return render(request, "accounts/login.html", context)


@login_not_required
@require_POST
def logout_action(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)
