"""Sixteen wrong passwords at once for one account: exactly five are checked.

On PostgreSQL the requests really run at once. The in-memory SQLite test database cannot be
written by two threads at once, so there the requests take turns at the database but overlap
while a password is being hashed, as requests to a SQLite file do.
"""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"
GUESSES = 16


class Turns:
    """One thread at the database at a time (SQLite), none of them waiting on PostgreSQL."""

    def __init__(self, vendor: str):
        self.lock = threading.Lock() if vendor == "sqlite" else None

    @contextlib.contextmanager
    def at_database(self):
        if self.lock is None:
            yield
            return
        with self.lock:
            yield

    @contextlib.contextmanager
    def away(self):
        if self.lock is None:
            yield
            return
        self.lock.release()
        try:
            yield
        finally:
            self.lock.acquire()


@pytest.mark.django_db(transaction=True)
def test_sixteen_guesses_at_once_get_five_password_checks(settings, monkeypatch):
    settings.TIEBOOK_MODE = "server"
    user = get_user_model().objects.create(username="ada")
    user.set_password(PASSWORD)
    user.save()
    turns, checked, lock = Turns(connection.vendor), [], threading.Lock()

    def slow_wrong_check(request=None, **credentials):
        with lock:
            checked.append(credentials["username"])
        with turns.away():
            time.sleep(0.05)  # a real hash takes this long: the window a racing guess slips into
        return None

    monkeypatch.setattr("django.contrib.auth.forms.authenticate", slow_wrong_check)
    start = threading.Barrier(GUESSES)
    statuses: list[int] = []

    def guess(number: int) -> None:
        try:
            start.wait()
            with turns.at_database():
                response = Client().post(
                    reverse("accounts:login"), {"username": "ada", "password": f"guess {number}"}
                )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(GUESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(checked) == 5
    assert sorted(statuses) == [200] * 5 + [429] * 11
