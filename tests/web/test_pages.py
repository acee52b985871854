"""The web pages through Django's test client: what each shows, who may see it, bad input."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.factories import frozen, log, make_person
from tiebook.interactions.models import Interaction
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def me(client_for, owner):
    return client_for(owner)


def test_every_page_asks_to_sign_in_first(client, owner):
    person = make_person(owner, "Grace Hopper")
    for url in ("/", "/people/", "/people/new", f"/people/{person.pk}/", "/settings/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login?next=")


def test_an_outsider_gets_404_for_every_page_and_action_on_my_person(client_for, owner, outsider):
    person = make_person(owner, "Zelda Quartermain", types=["mentor"])
    theirs = client_for(outsider)
    for url in ("", "edit", "delete"):
        assert theirs.get(f"/people/{person.pk}/{url}").status_code == 404
    for action in ("log", "snooze", "archive", "delete"):
        response = theirs.post(f"/people/{person.pk}/{action}", {"summary": "x", "days": "7"})
        assert response.status_code == 404
    assert Person.objects.filter(pk=person.pk, archived_at__isnull=True).exists()
    assert Interaction.objects.count() == 0
    assert b"Zelda Quartermain" not in theirs.get("/people/").content
    assert b"Zelda Quartermain" not in theirs.get("/").content


def test_today_lists_who_is_due_with_why(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)
    log(owner, grace, days_ago=47)
    page = me.get("/").content.decode()
    assert "Grace Hopper" in page
    assert "mentor - last talk 47 days ago, every 30 days" in page
    assert "17d overdue" in page
    assert f'id="due-{grace.pk}"' in page


def test_today_on_an_empty_network_explains_the_twelve_types(me):
    page = me.get("/").content.decode()
    for word in (
        "supervisor",
        "colleagues",
        "other departments",
        "consultants",
        "contractors",
        "financial experts",
        "government bodies",
        "licensing authorities",
        "mentors",
        "educators",
        "family",
        "friends",
    ):
        assert word in page
    assert "Add your first person" in page


def test_logging_from_today_with_htmx_returns_the_updated_row(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)
    response = me.post(
        f"/people/{grace.pk}/log",
        {"summary": "Coffee", "kind": "meal", "from": "today"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert row.startswith(f'<li class="due-row done" id="due-{grace.pk}">')
    assert "Logged: Coffee" in row
    assert "Next follow-up 30 Dec 2026." in row
    assert Interaction.objects.get().kind == "meal"


def test_an_empty_log_shows_the_error_in_the_row_and_writes_nothing(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)
    response = me.post(
        f"/people/{grace.pk}/log", {"summary": "", "from": "today"}, HTTP_HX_REQUEST="true"
    )
    assert "This field is required." in response.content.decode()
    assert Interaction.objects.count() == 0


def test_logging_without_htmx_redirects_to_the_person(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"])
    response = me.post(f"/people/{grace.pk}/log", {"summary": "Coffee", "kind": "meeting"})
    assert response.status_code == 302
    assert response["Location"] == f"/people/{grace.pk}/"


def test_snoozing_from_today_says_until_when(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)
    response = me.post(
        f"/people/{grace.pk}/snooze", {"days": "14", "from": "today"}, HTTP_HX_REQUEST="true"
    )
    assert "Snoozed until 14 Dec 2026" in response.content.decode()
    grace.refresh_from_db()
    assert grace.next_due_on.isoformat() == "2026-12-14"


def test_adding_a_person_with_two_types(me):
    response = me.post(
        "/people/new",
        {
            "name": "Grace Hopper",
            "types": ["mentor", "educator"],
            "emails": "grace@navy.example",
            "organization": "US Navy",
        },
    )
    person = Person.objects.get()
    assert response["Location"] == f"/people/{person.pk}/"
    page = me.get(response["Location"]).content.decode()
    assert "mentor" in page
    assert "educator" in page
    assert "Every 30 days" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("emails", "grace@", "&#x27;grace@&#x27; is not an email address."),
        ("phones", "call me", "&#x27;call me&#x27; is not a phone number."),
        ("every", "soon", "&#x27;soon&#x27; is not a duration"),
        ("name", "", "A name cannot be empty."),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_written(me, field, value, message):
    data = {"name": "Grace Hopper", field: value}
    response = me.post("/people/new", data)
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    field_at = page.index(f'name="{field}"')
    assert field_at < page.index(message) < field_at + 600
    assert Person.objects.count() == 0


def test_a_duplicate_email_warns_and_can_be_added_anyway(me, owner):
    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    response = me.post("/people/new", {"name": "G. Hopper", "emails": "grace@navy.example"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "grace@navy.example already belongs to Grace Hopper" in page
    assert 'name="allow_duplicate"' in page
    again = me.post(
        "/people/new",
        {"name": "G. Hopper", "emails": "grace@navy.example", "allow_duplicate": "on"},
    )
    assert again.status_code == 302
    assert Person.objects.count() == 2


def test_editing_changes_types_and_contacts(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], emails=["grace@navy.example"])
    response = me.post(
        f"/people/{grace.pk}/edit",
        {
            "name": "Grace Hopper",
            "types": ["friend"],
            "emails": "grace@home.example",
            "tags": "navy, cobol",
        },
    )
    assert response.status_code == 302
    grace.refresh_from_db()
    assert list(grace.types.values_list("type", flat=True)) == ["friend"]
    assert list(grace.contact_points.values_list("value", flat=True)) == ["grace@home.example"]
    assert sorted(grace.person_tags.values_list("tag__name", flat=True)) == ["cobol", "navy"]


def test_what_someone_knows_about_is_typed_on_the_form_and_shown(me, owner):
    response = me.post("/people/new", {"name": "Li Wei", "expertise": "VAT returns, kubernetes"})
    assert response.status_code == 302
    li = Person.objects.get(owner=owner, display_name="Li Wei")
    assert li.expertise == ["VAT returns", "kubernetes"]
    assert (
        "<dt>Knows about</dt><dd>VAT returns, kubernetes</dd>"
        in me.get(f"/people/{li.pk}/").content.decode()
    )
    edit = me.get(f"/people/{li.pk}/edit").content.decode()
    assert 'value="VAT returns, kubernetes"' in edit
    me.post(f"/people/{li.pk}/edit", {"name": "Li Wei", "expertise": "kubernetes\ngrants"})
    li.refresh_from_db()
    assert li.expertise == ["kubernetes", "grants"]


def test_people_search_filters_and_pages(me, owner):
    make_person(owner, "Grace Hopper", types=["mentor"], organization="US Navy")
    make_person(owner, "Ada Lovelace", types=["contractor"], notes="Loves the analytical engine")
    for n in range(55):
        make_person(owner, f"Person {n:02d}", types=["colleague"])
    assert "Grace Hopper" in me.get("/people/?q=navy").content.decode()
    assert "Ada Lovelace" in me.get("/people/?q=analytical").content.decode()
    strategic = me.get("/people/?category=strategic").content.decode()
    assert "Ada Lovelace" in strategic
    assert "Grace Hopper" not in strategic
    first = me.get("/people/").content.decode()
    assert "Page 1 of 2" in first
    assert "57 people." in first
    assert "Person 54" in me.get("/people/?page=2").content.decode()


def test_an_unknown_type_in_the_address_says_so(me):
    page = me.get("/people/?type=wizard").content.decode()
    assert "Unknown connection type &#x27;wizard&#x27;." in page


def test_bulk_adds_a_type_and_a_tag(me, owner):
    ada = make_person(owner, "Ada Lovelace")
    alan = make_person(owner, "Alan Turing")
    response = me.post(
        "/people/bulk", {"ids": [ada.pk, alan.pk], "add_type": "friend", "add_tag": "math"}
    )
    assert response.status_code == 302
    for person in (ada, alan):
        assert list(person.types.values_list("type", flat=True)) == ["friend"]
        assert list(person.person_tags.values_list("tag__name", flat=True)) == ["math"]


def test_bulk_ignores_someone_elses_people(client_for, owner, outsider):
    grace = make_person(owner, "Grace Hopper")
    client_for(outsider).post("/people/bulk", {"ids": [grace.pk], "add_tag": "stolen"})
    assert grace.person_tags.count() == 0


def test_settings_change_a_types_interval(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"])
    data = {code: days for code, days in _intervals(me).items()}
    data["mentor"] = 21
    assert me.post("/settings/intervals", data).status_code == 302
    grace.refresh_from_db()
    assert grace.next_due_on.isoformat() == "2026-12-21"
    data["mentor"] = 0
    response = me.post("/settings/intervals", data)
    assert response.status_code == 422
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()


def _intervals(client) -> dict[str, int]:
    from tiebook import taxonomy

    return {t.code: t.default_interval_days for t in taxonomy.TYPES}


def test_backup_downloads_and_restore_refuses_a_non_empty_network(me, owner):
    make_person(owner, "Grace Hopper", types=["mentor"])
    response = me.get("/settings/backup")
    assert response["Content-Disposition"] == 'attachment; filename="tiebook-2026-11-30.json"'
    document = json.loads(b"".join(response.streaming_content))
    assert (document["format"], len(document["people"])) == ("tiebook-backup", 1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("backup.json", json.dumps(document).encode())
    refused = me.post("/settings/restore", {"file": upload})
    assert refused.status_code == 422
    assert "Restore needs an empty network; this one has 1 person." in refused.content.decode()


def test_a_restore_beside_another_account_says_which_ids_are_new(client_for, owner, outsider):
    make_person(owner, "Grace Hopper", types=["mentor"])
    document = json.loads(b"".join(client_for(owner).get("/settings/backup").streaming_content))
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("backup.json", json.dumps(document).encode())
    response = client_for(outsider).post("/settings/restore", {"file": upload}, follow=True)
    assert "Restored 1 people and 0 interactions. Their ids were taken in this database, so " in (
        response.content.decode()
    )
    assert "these have new ones: people." in response.content.decode()


def test_pages_carry_security_headers(me):
    response = me.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_page_is_in_the_apps_style(me):
    response = me.get("/people/999999/")
    assert response.status_code == 404
    assert "Nothing here" in response.content.decode()


def test_today_renders_in_a_fixed_number_of_queries(me, owner, django_assert_max_num_queries):
    for n in range(30):
        person = make_person(owner, f"Person {n:02d}", types=["mentor"], added_days_ago=90)
        log(owner, person, days_ago=40 + n)
    with django_assert_max_num_queries(20):
        assert me.get(reverse("web:today")).status_code == 200


def test_the_profile_keeps_my_name_and_email(me, owner):
    assert (
        me.post(
            "/settings/profile", {"name": "Ada  Lovelace", "email": "Ada@Example.org"}
        ).status_code
        == 302
    )
    owner.refresh_from_db()
    assert (owner.first_name, owner.email) == ("Ada Lovelace", "ada@example.org")
    bad = me.post("/settings/profile", {"name": "Ada", "email": "ada@"})
    assert bad.status_code == 422
    assert "&#x27;ada@&#x27; is not an email address." in bad.content.decode()
    owner.refresh_from_db()
    assert owner.email == "ada@example.org"


def test_a_person_without_a_rhythm_is_told_so_once(me, owner):
    zed = make_person(owner, "Zed Nobody")
    page = me.get(f"/people/{zed.pk}/").content.decode()
    assert (
        page.count("No rhythm yet: give them a kind of connection, a circle or an interval.") == 1
    )
    assert "no follow-up rhythm" not in page


def test_today_lists_what_is_coming_up_with_no_one_named(me, owner, outsider):
    import datetime as dt

    from tiebook.followups.nudges import nudge_set

    nudge_set(
        owner=owner,
        source="filing",
        source_id=2,
        person=None,
        due_on=dt.date(2026, 12, 3),
        why="Annual return due on 2026-12-17 at Companies House",
    )
    page = me.get("/").content.decode()
    assert "Coming up" in page
    assert (
        '<span class="when">3 Dec</span> <a href="/filings/">Annual return due on 17 Dec 2026'
        " at Companies House</a>"
    ) in page
    me.force_login(outsider)
    assert "Annual return" not in me.get("/").content.decode()


def test_a_person_with_no_rhythm_but_a_nudge_shows_the_day_and_the_reason(me, owner):
    import datetime as dt

    from tiebook.followups.nudges import nudge_set

    ana = make_person(owner, "Ana Silva")
    nudge_set(
        owner=owner,
        source="event",
        source_id=1,
        person=ana,
        due_on=dt.date(2026, 12, 2),
        why="met at PyCon Lisbon on 2026-11-30",
    )
    page = me.get(f"/people/{ana.pk}/").content.decode()
    assert "Next: <strong>2 Dec 2026</strong>." in page
    assert '<p class="why">met at PyCon Lisbon on 30 Nov 2026</p>' in page
