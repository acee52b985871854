"""The Import and Duplicates pages through Django's test client: preview, confirm, undo, merge."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import NOW, frozen, log, make_person, row_counts
from tiebook.core.errors import NotFound
from tiebook.interchange.models import ImportRun
from tiebook.interchange.uploads import clean_file_name, upload_get, upload_save, upload_take
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.django_db

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nORG:Analytical Engines\r\n"
    "EMAIL:ada@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nTEL:+1 202 555 0100\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis is not a property\r\nEND:VCARD\r\n"
)
SECOND_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEMAIL:alan@example.com\r\nEND:VCARD\r\n"
)
NOT_CONTACTS = "Dear diary,\nnothing here looks like a contact.\n"


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture(autouse=True)
def home(settings, tmp_path) -> Path:
    """Uploads go under TIEBOOK_HOME; each test gets its own."""
    settings.BASE_DIR = tmp_path
    return tmp_path


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def me(client_for, owner):
    return client_for(owner)


def vcard(text: str = VCARD, name: str = "contacts.vcf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/vcard")


def preview(client, upload: SimpleUploadedFile, **fields):
    response = client.post("/import/", {"file": upload, **fields})
    assert response.status_code == 200, response.content.decode()
    return response, response.context["pending"].token


def pending_files(home: Path) -> list[Path]:
    return [p for p in (home / "uploads").glob("*/*/file/*") if p.is_file()]


def confirm(client, upload=None) -> ImportRun:
    _, token = preview(client, upload or vcard())
    response = client.post(f"/import/pending/{token}/confirm")
    run = ImportRun.objects.latest("pk")
    assert response["Location"] == f"/import/runs/{run.pk}/"
    return run


# Import


def test_import_and_duplicates_ask_to_sign_in_first(client):
    for url in ("/import/", "/duplicates/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login?next=")
    response = client.post("/import/", {"file": vcard()})
    assert response.status_code == 302
    assert ImportRun.objects.count() == 0


def test_the_import_page_offers_every_format_and_says_when_there_are_no_imports(me):
    page = me.get("/import/").content.decode()
    assert '<option value="" selected>Detect automatically</option>' in page
    for name in ("linkedin", "google", "outlook", "vcard", "csv"):
        assert f'<option value="{name}">' in page
    assert "No imports yet." in page
    assert 'aria-current="page">Import</a>' in page


def test_an_upload_shows_a_preview_and_writes_nothing(me, home):
    before = row_counts()
    response, token = preview(me, vcard())
    page = response.content.decode()
    assert "Preview of contacts.vcf" in page
    assert "Nothing has been written yet" in page
    assert "<dt>new</dt><dd>2</dd>" in page
    assert "<dt>with problems</dt><dd>1</dd>" in page
    assert "Ada Lovelace" in page
    assert "Grace Hopper" in page
    assert "card 3" in page  # the broken card's problem, with where it is
    assert "Confirm import" in page
    assert row_counts() == before
    assert ImportRun.objects.count() == 0
    assert [p.name for p in pending_files(home)] == ["contacts.vcf"]
    again = me.get(f"/import/pending/{token}/")  # the preview can be shown again
    assert "Preview of contacts.vcf" in again.content.decode()


def test_a_long_preview_shows_200_records_and_counts_the_rest(me):
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:03d}\r\nEND:VCARD\r\n" for n in range(230)
    )
    page = preview(me, vcard(cards))[0].content.decode()
    assert "Person 199" in page
    assert "Person 200" not in page
    assert "and 30 more records." in page


def test_confirming_imports_the_same_file_and_shows_the_run(me, owner, home):
    _, token = preview(me, vcard())
    response = me.post(f"/import/pending/{token}/confirm", follow=True)
    run = ImportRun.objects.get()
    assert response.redirect_chain == [(f"/import/runs/{run.pk}/", 302)]
    page = response.content.decode()
    assert f"Import {run.pk}: contacts.vcf" in page
    assert "Imported contacts.vcf: 2 new, 0 updated, 0 merged, 0 interactions." in page
    assert "Undo this import" in page
    assert 'href="/people/"' in page
    assert sorted(Person.objects.filter(owner=owner).values_list("display_name", flat=True)) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert (run.owner, run.file_name, run.source, run.created) == (
        owner,
        "contacts.vcf",
        "vcard",
        2,
    )
    assert pending_files(home) == []  # the upload is gone once imported
    assert me.post(f"/import/pending/{token}/confirm").status_code == 404  # and only once
    assert Person.objects.count() == 2
    listing = me.get("/import/").content.decode()
    assert f'id="run-{run.pk}"' in listing
    assert "contacts.vcf" in listing
    assert "2 new, 0 updated" in listing


def test_cancelling_a_preview_discards_the_upload(me, home):
    _, token = preview(me, vcard())
    response = me.post(f"/import/pending/{token}/cancel")
    assert response["Location"] == "/import/"
    assert pending_files(home) == []
    assert me.get(f"/import/pending/{token}/").status_code == 404
    assert Person.objects.count() == 0


def test_undo_asks_first_then_restores_the_network(me, owner):
    make_person(owner, "Someone Already There")
    before = row_counts()
    run = confirm(me)
    assert Person.objects.count() == 3

    asked = me.post(f"/import/runs/{run.pk}/undo")  # the Undo button: a page that asks
    assert asked.status_code == 200
    assert f"Undo import {run.pk}?" in asked.content.decode()
    assert Person.objects.count() == 3

    done = me.post(f"/import/runs/{run.pk}/undo", {"confirm": "yes"}, follow=True)
    assert done.redirect_chain == [("/import/", 302)]
    assert f"Undid import {run.pk} (contacts.vcf)." in done.content.decode()
    assert row_counts() == before
    run.refresh_from_db()
    assert run.undone_at is not None
    assert "Undo this import" not in me.get(f"/import/runs/{run.pk}/").content.decode()
    again = me.post(f"/import/runs/{run.pk}/undo", {"confirm": "yes"})
    assert f"Import {run.pk} is already undone" in again.content.decode()


def test_undoing_an_earlier_import_undoes_the_later_ones_first_and_says_so(me):
    first = confirm(me)
    second = confirm(me, vcard(SECOND_VCARD, "alan.vcf"))
    asked = me.get(f"/import/runs/{first.pk}/undo").content.decode()
    assert "1 later import may build on it, so it is undone first" in asked
    assert f"Import {second.pk}: alan.vcf" in asked
    assert "Undo 2 imports" in asked

    done = me.post(f"/import/runs/{first.pk}/undo", {"confirm": "yes"}, follow=True)
    page = done.content.decode()
    assert f"Undid imports {second.pk} (alan.vcf), {first.pk} (contacts.vcf)." in page
    assert Person.objects.count() == 0
    assert ImportRun.objects.filter(undone_at__isnull=True).count() == 0


def test_a_file_that_is_not_contacts_is_refused_beside_the_file_field(me, home):
    before = row_counts()
    response = me.post("/import/", {"file": vcard(NOT_CONTACTS, "diary.txt")})
    assert response.status_code == 422
    page = response.content.decode()
    sentence = "diary.txt is not a file tiebook can import; give the format, one of"
    assert re.search(
        rf'<input type="file" name="file"[^>]*>\s*<p class="help muted"[^>]*>[^<]*</p>\s*'
        rf'<p class="error" role="alert">{re.escape(sentence)}',
        page,
    )
    assert row_counts() == before
    assert ImportRun.objects.count() == 0
    assert pending_files(home) == []


def test_a_file_over_50_mb_is_refused_beside_the_file_field_and_not_kept(me, home):
    big = SimpleUploadedFile("huge.csv", b"Name,Email\r\n" + b"x" * (50 * 1024 * 1024))
    response = me.post("/import/", {"file": big, "format": "csv"})
    assert response.status_code == 422
    page = response.content.decode()
    sentence = (
        "huge.csv is larger than 50 MB, the most the web app takes; import it with the command "
        "line (tiebook import)."
    )
    assert re.search(
        rf'<input type="file" name="file"[^>]*>\s*<p class="help muted"[^>]*>[^<]*</p>\s*'
        rf'<p class="error" role="alert">{re.escape(sentence)}</p>',
        page,
    )
    assert "This field is required." not in page
    assert "file" not in response.wsgi_request.FILES  # not received past 50 MB, not even to disk
    assert ImportRun.objects.count() == 0
    assert pending_files(home) == []


def test_an_upload_without_the_csrf_token_is_still_refused(owner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post("/import/", {"file": vcard()}).status_code == 403
    assert ImportRun.objects.count() == 0


def test_a_file_of_more_than_50000_records_is_refused_on_the_web(me, home):
    rows = b"Name,Email\r\n" + b"".join(b"P%d,p%d@example.com\r\n" % (n, n) for n in range(50_001))
    response = me.post("/import/", {"file": SimpleUploadedFile("everyone.csv", rows)})
    assert response.status_code == 422
    assert (
        "everyone.csv holds more than 50,000 records, and tiebook imports at most 50,000 at a "
        "time (the command line, tiebook import, reads up to 200,000)."
    ) in response.content.decode()
    assert Person.objects.count() == 0
    assert ImportRun.objects.count() == 0
    assert pending_files(home) == []


def test_the_upload_form_says_how_big_a_file_may_be(me):
    assert "At most 50 MB and 50,000 records." in me.get("/import/").content.decode()


def test_a_bad_column_map_is_refused_beside_its_field(me):
    response = me.post(
        "/import/", {"file": vcard("Name,Mobile\nAda,123\n", "a.csv"), "columns": "Mobile"}
    )
    assert response.status_code == 422
    assert "Write the column map as Column=field pairs" in response.content.decode()
    response = me.post(
        "/import/", {"file": vcard("Name,Mobile\nAda,123\n", "a.csv"), "columns": "Mobile=cell"}
    )
    assert response.status_code == 422
    assert "unknown field &#x27;cell&#x27;" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_a_csv_with_a_column_map_reads_the_named_columns(me, owner):
    text = "Who,Cellular,Employer\nAda Lovelace,+1 202 555 0101,Engines Ltd\n"
    page = preview(me, vcard(text, "people.csv"), columns="Who=name, Cellular=phone,Employer=org")
    assert "Read as Any other CSV" in page[0].content.decode()
    me.post(f"/import/pending/{page[1]}/confirm")
    ada = Person.objects.get(owner=owner)
    assert (ada.display_name, ada.organization.name) == ("Ada Lovelace", "Engines Ltd")
    assert ContactPoint.objects.get(person=ada).kind == "phone"


def test_an_upload_waits_24_hours_at_most(me, home):
    _, token = preview(me, vcard())
    with frozen(NOW + dt.timedelta(hours=25)):
        assert me.post(f"/import/pending/{token}/confirm").status_code == 404
    assert pending_files(home) == []
    assert Person.objects.count() == 0


def test_old_uploads_of_anyone_are_swept_by_the_next_upload(client_for, owner, outsider, home):
    preview(client_for(outsider), vcard(name="theirs.vcf"))
    with frozen(NOW + dt.timedelta(hours=25)):
        preview(client_for(owner), vcard(name="mine.vcf"))
    assert [p.name for p in pending_files(home)] == ["mine.vcf"]


def test_an_outsider_gets_404_for_my_upload(client_for, owner, outsider, home):
    _, token = preview(client_for(owner), vcard())
    theirs = client_for(outsider)
    assert theirs.get(f"/import/pending/{token}/").status_code == 404
    assert theirs.post(f"/import/pending/{token}/confirm").status_code == 404
    assert theirs.post(f"/import/pending/{token}/cancel").status_code == 404
    assert theirs.get("/import/pending/..%2F..%2Fsecret_key/").status_code == 404
    assert Person.objects.count() == 0
    assert len(pending_files(home)) == 1  # still waiting for me
    mine = client_for(owner)
    assert mine.post(f"/import/pending/{token}/confirm").status_code == 302
    assert Person.objects.filter(owner=owner).count() == 2


def test_an_outsider_cannot_see_or_undo_my_import(client_for, owner, outsider):
    run = confirm(client_for(owner))
    theirs = client_for(outsider)
    assert theirs.get(f"/import/runs/{run.pk}/").status_code == 404
    assert theirs.get(f"/import/runs/{run.pk}/undo").status_code == 404
    assert theirs.post(f"/import/runs/{run.pk}/undo", {"confirm": "yes"}).status_code == 404
    assert "contacts.vcf" not in theirs.get("/import/").content.decode()
    run.refresh_from_db()
    assert run.undone_at is None
    assert Person.objects.filter(owner=owner).count() == 2


# The waiting upload (tiebook.interchange.uploads)


def test_an_upload_can_be_taken_for_importing_once(owner, home):
    pending = upload_save(owner=owner, name="contacts.vcf", chunks=[VCARD.encode()])
    taken = upload_take(owner=owner, token=pending.token)
    assert taken.path.read_bytes() == VCARD.encode()
    assert taken.path.name == "contacts.vcf"  # the import records the name it was given
    with pytest.raises(NotFound):
        upload_take(owner=owner, token=pending.token)


def test_a_token_is_only_ever_a_folder_in_the_owners_own_folder(owner, outsider, home):
    pending = upload_save(owner=owner, name="contacts.vcf", chunks=[b"x"])
    assert pending.path.parent.parent == home / "uploads" / str(owner.pk) / pending.token
    for token in (pending.token, "../" + str(owner.pk), f"../{owner.pk}/{pending.token}", ""):
        with pytest.raises(NotFound):
            upload_get(owner=outsider, token=token)
    assert upload_get(owner=owner, token=pending.token).path == pending.path


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("contacts.vcf", "contacts.vcf"),
        ("C:\\Users\\me\\contacts.vcf", "contacts.vcf"),
        ("../../secret_key", "secret_key"),
        ("..", "upload"),
        ("", "upload"),
        ("a\x00b.csv", "ab.csv"),
        ("x" * 300 + ".zip", "x" * 146 + ".zip"),
    ],
)
def test_an_uploaded_files_name_is_kept_as_one_safe_segment(given, kept):
    assert clean_file_name(given) == kept


# Duplicates


def test_duplicates_says_when_there_are_none(me, owner):
    make_person(owner, "Ada Lovelace", emails=["ada@example.com"])
    page = me.get("/duplicates/").content.decode()
    assert "No likely duplicates." in page
    assert 'aria-current="page">Duplicates</a>' in page


def test_duplicates_lists_a_pair_sharing_an_email_side_by_side(me, owner):
    ada = make_person(owner, "Ada Lovelace", emails=["ada@example.com"], organization="Engines Ltd")
    countess = make_person(
        owner,
        "Ada King, Countess of Lovelace",
        emails=["ADA@example.com"],
        phones=["+1 202 555 0100"],
    )
    log(owner, countess, "Tea", days_ago=3)
    page = me.get("/duplicates/").content.decode()
    assert "same email: ada@example.com" in page
    assert "likely the same" in page
    assert "Engines Ltd" in page
    assert "+1 202 555 0100" in page
    assert "1 interaction " in page
    assert "Merge into left" in page
    assert "Merge into right" in page
    assert (
        f'name="keep" value="{ada.pk}"><input type="hidden" name="other" value="{countess.pk}"'
        in page
    )


def test_merging_keeps_both_peoples_contact_points(me, owner):
    ada = make_person(owner, "Ada Lovelace", emails=["ada@example.com", "ada@home.example"])
    countess = make_person(
        owner,
        "Ada King, Countess of Lovelace",
        emails=["ada@example.com"],
        phones=["+1 202 555 0100"],
    )
    log(owner, countess, "Tea", days_ago=3)
    response = me.post("/duplicates/merge", {"keep": ada.pk, "other": countess.pk}, follow=True)
    assert response.redirect_chain == [("/duplicates/", 302)]
    page = response.content.decode()
    assert (
        f"Merged Ada King, Countess of Lovelace (id {countess.pk}) into Ada Lovelace (id {ada.pk})"
        in page
    )
    assert "No likely duplicates." in page
    assert list(Person.objects.filter(owner=owner)) == [ada]
    assert set(ContactPoint.objects.filter(person=ada).values_list("kind", "value")) == {
        ("email", "ada@example.com"),
        ("email", "ada@home.example"),
        ("phone", "+1 202 555 0100"),
    }
    assert ada.participations.count() == 1


def test_name_only_pairs_come_after_sure_ones_marked_for_review(me, owner):
    make_person(owner, "Ann Lee")
    make_person(owner, "Ann Lee")
    make_person(owner, "Robert Chen", emails=["bo@example.com"])
    make_person(owner, "Bob Chen", emails=["bo@example.com"])
    page = me.get("/duplicates/").content.decode()
    assert page.index("same email: bo@example.com") < page.index("same name")
    assert re.search(r'<span class="badge soon">review</span>\s*same name', page)
    assert "2 likely pairs" in page


def test_an_outsider_cannot_merge_my_people(client_for, owner, outsider):
    ada = make_person(owner, "Ada Lovelace", emails=["ada@example.com"])
    twin = make_person(owner, "Ada L.", emails=["ada@example.com"])
    theirs = client_for(outsider)
    own = make_person(outsider, "Their Person")
    assert theirs.post("/duplicates/merge", {"keep": ada.pk, "other": twin.pk}).status_code == 404
    assert theirs.post("/duplicates/merge", {"keep": own.pk, "other": twin.pk}).status_code == 404
    assert theirs.post("/duplicates/merge", {"keep": ada.pk, "other": "x"}).status_code == 404
    assert Person.objects.filter(owner=owner).count() == 2
    assert "Ada" not in theirs.get("/duplicates/").content.decode()


def test_merging_someone_into_themselves_says_so(me, owner):
    ada = make_person(owner, "Ada Lovelace")
    page = me.post("/duplicates/merge", {"keep": ada.pk, "other": ada.pk}, follow=True)
    assert "Name two different people to merge." in page.content.decode()
    assert Person.objects.count() == 1


def test_duplicates_render_in_a_fixed_number_of_queries(me, owner, django_assert_max_num_queries):
    for n in range(12):
        person = make_person(owner, f"Twin {n}", emails=[f"twin{n}@example.com"], types=["friend"])
        other = make_person(owner, f"Twin {n}", emails=[f"twin{n}@example.com"])
        log(owner, [person, other], "Lunch", days_ago=n + 1)
    with django_assert_max_num_queries(12):
        page = me.get("/duplicates/").content.decode()
    assert page.count('class="dup-pair') == 12


MESSAGE = (
    "From: Ada Lovelace <ada@example.com>\r\nTo: Grace Hopper <grace@example.com>\r\n"
    "Subject: The engine\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
    "Message-ID: <engine-1@example.com>\r\n\r\nNot read.\r\n"
)


def test_mail_links_known_people_and_adds_others_only_when_asked(me, owner):
    from tiebook.accounts.services import own_addresses_set

    make_person(owner, "Ada Lovelace", emails=["ada@example.com"])
    upload = SimpleUploadedFile("engine.eml", MESSAGE.encode(), content_type="message/rfc822")
    refused = me.post("/import/", {"file": upload, "add_people": "on"})
    assert refused.status_code == 422
    assert "Tell tiebook your own email addresses first" in refused.content.decode()
    own_addresses_set(owner=owner, add=["owner@tiebook.example"])
    upload = SimpleUploadedFile("engine.eml", MESSAGE.encode(), content_type="message/rfc822")
    response, _ = preview(me, upload)
    assert "<dt>new</dt><dd>0</dd>" in response.content.decode()
    assert "<dt>interactions</dt><dd>1</dd>" in response.content.decode()
    upload = SimpleUploadedFile("engine.eml", MESSAGE.encode(), content_type="message/rfc822")
    response, token = preview(me, upload, add_people="on")
    assert "<dt>new</dt><dd>1</dd>" in response.content.decode()
    me.post(f"/import/pending/{token}/confirm")
    assert Person.objects.filter(owner=owner, display_name="Grace Hopper").exists()


CALENDAR = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        *(
            line
            for day in ("20230110", "20260110")
            for line in (
                "BEGIN:VEVENT",
                f"UID:{day}@example.org",
                f"DTSTART:{day}T100000Z",
                f"SUMMARY:Review {day[:4]}",
                "ORGANIZER;CN=Grace Hopper:mailto:grace@navy.example",
                "ATTENDEE;CN=Me:mailto:me@example.org",
                "END:VEVENT",
            )
        ),
        "END:VCALENDAR",
        "",
    ]
)


def test_a_calendar_window_chosen_on_the_page_is_kept_until_confirmed(me, owner):
    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    ics = SimpleUploadedFile("calendar.ics", CALENDAR.encode(), content_type="text/calendar")
    response, token = preview(me, ics, since="2022-01-01", until="2026-11-30")
    assert "Review 2023" not in response.content.decode()  # outcomes list people, not meetings
    assert response.context["counts"][-1] == ("interactions", 2)
    me.post(f"/import/pending/{token}/confirm")
    assert ImportRun.objects.get().interactions == 2  # the default two years would keep one


def test_meeting_dates_for_a_file_that_is_no_calendar_are_refused_beside_them(me, home):
    response = me.post("/import/", {"file": vcard(), "since": "2022-01-01"})
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "since": ["Meeting dates apply to calendar files only; clear them for this file."]
    }
    assert pending_files(home) == []
    assert not ImportRun.objects.exists()


def test_not_the_same_person_leaves_a_pair_off_the_page_for_good(me, owner, outsider):
    william = make_person(owner, "William Gates")
    bill = make_person(owner, "Bill Gates")
    theirs = make_person(outsider, "Billy Gates")
    assert "similar names (nickname)" in me.get("/duplicates/").content.decode()
    assert (
        me.post("/duplicates/apart", {"first": william.pk, "second": theirs.pk}).status_code == 404
    )
    page = me.post("/duplicates/apart", {"first": bill.pk, "second": william.pk}, follow=True)
    text = page.content.decode()
    assert "Bill Gates and William Gates are two people; they will not be paired again." in text
    assert "No likely duplicates." in text


def test_an_outsider_cannot_set_my_people_apart(client_for, owner, outsider):
    william = make_person(owner, "William Gates")
    bill = make_person(owner, "Bill Gates")
    they = client_for(outsider)
    assert (
        they.post("/duplicates/apart", {"first": william.pk, "second": bill.pk}).status_code == 404
    )
    from tiebook.people.models import DistinctPair

    assert not DistinctPair.objects.exists()
