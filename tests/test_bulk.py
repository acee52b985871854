"""Bulk helpers: id lists and update batches that fit a stock SQLite's limit on parameters."""

from __future__ import annotations

import pytest

from tiebook.core.bulk import IN_CHUNK, in_chunks, update_batch


def test_in_chunks_asks_at_most_in_chunk_ids_at_a_time():
    asked = []
    found = in_chunks(range(2 * IN_CHUNK + 1), lambda ids: asked.append(len(ids)) or ids)
    assert asked == [IN_CHUNK, IN_CHUNK, 1]
    assert found == list(range(2 * IN_CHUNK + 1))


@pytest.mark.django_db
def test_update_batches_stay_inside_the_parameter_limit(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection.features, "max_query_params", 32766)
    assert update_batch(1) == 1000
    assert update_batch(20) == 32766 // 41  # a wide update: fewer rows a statement
    assert update_batch(20) * (2 * 20 + 1) <= 32766
