"""Sessions kept in the database under the SHA-256 of their key, never the key itself.

The browser's cookie holds the key; the database holds only its hash. Someone with a copy of the
database (a backup, a stolen disk) finds no session key to put in a cookie, while signing out,
expiry and server-side ending of sessions work as with Django's own database sessions.
"""

from __future__ import annotations

import hashlib

from django.contrib.sessions.backends import db


def session_key_hash(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        from tiebook.accounts.models import HashedSession

        return HashedSession

    def _stored(self, session_key: str | None):
        """The rows stored under this key's hash (none for no key)."""
        if session_key is None:
            return self.model.objects.none()
        return self.model.objects.filter(session_key=session_key_hash(session_key))

    def _get_session_from_db(self):
        from django.utils import timezone

        found = self._stored(self.session_key).filter(expire_date__gt=timezone.now()).first()
        if found is None:
            self._session_key = None
        return found

    async def _aget_session_from_db(self):
        from django.utils import timezone

        found = await self._stored(self.session_key).filter(expire_date__gt=timezone.now()).afirst()
        if found is None:
            self._session_key = None
        return found

    def exists(self, session_key):
        return self._stored(session_key).exists()

    async def aexists(self, session_key):
        return await self._stored(session_key).aexists()

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.session_key = session_key_hash(instance.session_key)
        return instance

    async def acreate_model_instance(self, data):
        instance = await super().acreate_model_instance(data)
        instance.session_key = session_key_hash(instance.session_key)
        return instance

    def delete(self, session_key=None):
        key = self.session_key if session_key is None else session_key
        self._stored(key).delete()

    async def adelete(self, session_key=None):
        key = self.session_key if session_key is None else session_key
        await self._stored(key).adelete()
