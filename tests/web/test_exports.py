"""Downloads from the web: people as vCard and CSV, the coming follow-ups as a calendar."""

from __future__ import annotations

import pytest

from tests.factories import frozen, make_person
from tiebook.interactions.services import task_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def network(owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], emails=["grace@navy.example"])
    make_person(owner, "Ada Lovelace", types=["colleague"])
    task_create(owner=owner, person=grace, description="Send the paper", due_on=None)
    return grace


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize(
    ("format", "content_type", "filename", "expected"),
    [
        ("vcard", "text/vcard; charset=utf-8", "tiebook-people-2026-11-30.vcf", "FN:Grace Hopper"),
        ("csv", "text/csv; charset=utf-8", "tiebook-people-2026-11-30.csv", "Grace Hopper"),
        (
            "ics",
            "text/calendar; charset=utf-8",
            "tiebook-followups-2026-11-30.ics",
            "SUMMARY:Follow up with Grace Hopper",
        ),
    ],
)
def test_each_download_is_a_named_file_of_its_type(
    me, network, format, content_type, filename, expected
):
    response = me.get(f"/export/{format}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert expected in body(response)


def test_the_people_pages_filters_carry_into_the_download(me, network):
    page = me.get("/people/?type=mentor").content.decode()
    assert 'href="/export/vcard?type=mentor"' in page
    text = body(me.get("/export/vcard?type=mentor"))
    assert "FN:Grace Hopper" in text
    assert "Ada Lovelace" not in text


def test_settings_links_to_every_download(me):
    page = me.get("/settings/").content.decode()
    for format in ("vcard", "csv", "ics"):
        assert f'href="/export/{format}"' in page


def test_a_download_holds_only_my_people(client, outsider, network):
    client.force_login(outsider)
    assert "Grace Hopper" not in body(client.get("/export/vcard"))


def test_an_unknown_format_or_type_never_shows_a_traceback(me, network):
    assert me.get("/export/pdf").status_code == 404
    response = me.get("/export/csv?type=wizard", follow=True)
    assert "Unknown connection type &#x27;wizard&#x27;" in response.content.decode()
