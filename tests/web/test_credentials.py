"""The credentials and filings pages: lists, forms, the credential page's actions, the person
page's part, and nothing of another owner's."""

from __future__ import annotations

import re

import pytest

from tests.credentials.helpers import make_credential, make_filing
from tests.factories import HTMX, frozen, make_person
from tiebook.credentials.models import Credential, CredentialContact, CredentialHours, Filing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def ada(owner):
    return make_person(owner, "Ada Byron", types=["licensing_authority"])


@pytest.fixture
def cpa(owner, ada):
    return make_credential(owner, contacts=[ada])


def test_the_list_shows_days_left_and_ce_progress(me, cpa):
    page = me.get("/credentials/").content.decode()
    assert "CPA licence" in page
    assert "renew: 60 days left" in page
    assert "CE 0 of 30 h" in page
    assert 'aria-current="page">Credentials' in page


def test_an_empty_list_opens_the_add_form(me):
    page = me.get("/credentials/").content.decode()
    assert "No credentials yet." in page
    assert '<details class="add-credential" open>' in page


def test_it_adds_a_credential_and_goes_to_its_page(me, owner):
    response = me.post(
        "/credentials/",
        {
            "name": "PE licence",
            "issuer": "Engineers Board",
            "expires": "2027-06-30",
            "ce_hours_required": "15",
        },
    )
    made = Credential.objects.get(owner=owner)
    assert response.status_code == 302
    assert response.url == f"/credentials/{made.pk}/"
    assert made.issuer.name == "Engineers Board"
    assert made.ce_minutes_required == 900


def test_bad_fields_are_shown_beside_them(me):
    response = me.post("/credentials/", {"name": "", "issuer": "", "ce_hours_required": "lots"})
    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_name-error">Give the credential a name.' in page
    assert 'id="id_issuer-error">Give the issuer a name.' in page
    assert 'id="id_expires-error">Say when it expires.' in page
    assert 'id="id_ce_hours_required-error">&#x27;lots&#x27; is not a number of hours' in page


def test_the_credential_page_shows_contacts_and_forms(me, cpa):
    page = me.get(f"/credentials/{cpa.pk}/").content.decode()
    assert "Ada Byron" in page
    assert "registrar" in page
    assert "Mark renewed" in page
    assert "Log hours" in page


def test_hours_are_logged_in_place(me, owner, cpa):
    response = me.post(
        f"/credentials/{cpa.pk}/hours",
        {"hours": "12", "on": "2026-11-20", "activity": "Ethics"},
        **HTMX,
    )
    page = response.content.decode()
    assert page.startswith('<article id="credential-body"')
    assert "12 of 30 h" in page
    assert "Logged 12 h." in page
    assert CredentialHours.objects.get(owner=owner).minutes == 720


def test_bad_hours_are_refused_beside_the_field(me, cpa):
    response = me.post(f"/credentials/{cpa.pk}/hours", {"hours": "-3", "activity": "x"}, **HTMX)
    assert "is not a number of hours" in response.content.decode()
    assert not CredentialHours.objects.exists()


def test_a_contact_is_picked_by_name_and_removed(me, owner, cpa):
    grace = make_person(owner, "Grace Hopper")
    page = me.post(
        f"/credentials/{cpa.pk}/contacts", {"person": "grace", "role": "case officer"}, **HTMX
    ).content.decode()
    assert "Grace Hopper is a contact." in page
    assert CredentialContact.objects.filter(credential=cpa, person=grace).exists()
    me.post(f"/credentials/{cpa.pk}/contacts/{grace.pk}/remove", **HTMX)
    assert not CredentialContact.objects.filter(credential=cpa, person=grace).exists()


def test_an_unknown_or_ambiguous_contact_is_said_beside_the_field(me, owner, cpa):
    page = me.post(f"/credentials/{cpa.pk}/contacts", {"person": "nobody"}, **HTMX).content.decode()
    assert "No one matches &#x27;nobody&#x27;." in page
    make_person(owner, "Ada King")
    page = me.post(f"/credentials/{cpa.pk}/contacts", {"person": "ada"}, **HTMX).content.decode()
    assert "matches 2 people" in page


def test_marking_renewed_moves_the_expiry(me, cpa):
    page = me.post(
        f"/credentials/{cpa.pk}/renew", {"expires": "2029-01-29"}, **HTMX
    ).content.decode()
    assert "Renewed until 29 Jan 2029." in page
    assert "29 Jan 2029" in page
    cpa.refresh_from_db()
    assert cpa.cycle == 2


def test_a_renewal_that_does_not_move_on_is_refused(me, cpa):
    response = me.post(f"/credentials/{cpa.pk}/renew", {"expires": "2026-12-01"})
    assert response.status_code == 422
    assert "The new expiry must come after 2027-01-29" in response.content.decode()


def test_without_htmx_an_action_goes_back_to_the_credential(me, cpa):
    response = me.post(f"/credentials/{cpa.pk}/renew", {"expires": "2029-01-29"})
    assert response.status_code == 302
    assert response.url == f"/credentials/{cpa.pk}/"


def test_delete_goes_back_to_the_list(me, cpa):
    response = me.post(f"/credentials/{cpa.pk}/delete")
    assert response.url == "/credentials/"
    assert not Credential.objects.exists()


def test_filings_are_added_with_a_contact_and_done(me, owner, ada):
    response = me.post(
        "/filings/",
        {
            "title": "VAT return",
            "organization": "Tax Office",
            "due": "2026-12-20",
            "contact": "ada",
            "yearly": "on",
        },
    )
    assert response.status_code == 302
    filing = Filing.objects.get(owner=owner)
    page = me.get("/filings/").content.decode()
    assert "VAT return" in page
    assert "Ada Byron" in page
    me.post(f"/filings/{filing.pk}/done")
    assert Filing.objects.filter(owner=owner, done_at__isnull=True).get().due_on.year == 2027


def test_a_filing_without_a_title_or_date_is_refused(me):
    response = me.post("/filings/", {"title": "", "organization": "Tax Office", "contact": "zed"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "No one matches &#x27;zed&#x27;." in page


def test_the_person_page_lists_what_they_are_the_contact_for(me, owner, ada, cpa):
    make_filing(owner, contacts=[ada])
    page = me.get(f"/people/{ada.pk}/").content.decode()
    assert "Credentials and filings" in page
    assert "Contact (registrar) for" in page
    assert "Annual return" in page


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/credentials/{c}/"),
        ("post", "/credentials/{c}/hours"),
        ("post", "/credentials/{c}/contacts"),
        ("post", "/credentials/{c}/contacts/{p}/remove"),
        ("post", "/credentials/{c}/renew"),
        ("post", "/credentials/{c}/edit"),
        ("post", "/credentials/{c}/delete"),
        ("post", "/filings/{f}/done"),
        ("post", "/filings/{f}/delete"),
    ],
)
def test_an_outsider_gets_404_for_every_credential_url(client, outsider, owner, method, path):
    ada = make_person(owner, "Ada Byron")
    credential = make_credential(owner, contacts=[ada])
    filing = make_filing(owner)
    client.force_login(outsider)
    url = path.format(c=credential.pk, f=filing.pk, p=ada.pk)
    response = getattr(client, method)(
        url, {"hours": "1", "activity": "x", "person": "ada", "expires": "2030-01-01"}
    )
    assert response.status_code == 404
    assert Credential.objects.filter(pk=credential.pk, cycle=1).exists()
    assert Filing.objects.filter(pk=filing.pk, done_at__isnull=True).exists()


def test_an_outsider_sees_none_of_it_in_the_lists(client, outsider, owner):
    make_credential(owner, "Secret licence")
    make_filing(owner, "Secret return")
    client.force_login(outsider)
    assert "Secret" not in client.get("/credentials/").content.decode()
    assert "Secret" not in client.get("/filings/").content.decode()


def test_the_contact_picker_suggests_only_my_people(me, owner, outsider):
    make_person(owner, "Grace Hopper", organization="Navy")
    make_person(outsider, "Grace Theirs")
    page = me.get("/credentials/people", {"person": "grac"}).content.decode()
    assert '<option value="Grace Hopper">Grace Hopper · Navy</option>' in page
    assert "Theirs" not in page
    assert me.get("/credentials/people", {"contact": ""}).content.decode().strip() == ""


def test_a_credential_is_edited_in_place(me, cpa):
    response = me.post(
        f"/credentials/{cpa.pk}/edit",
        {
            "name": "CPA licence (NY)",
            "issuer": "NY Board",
            "expires": "2027-03-01",
            "ce_hours_required": "40",
            "lead_days": "30",
        },
        **HTMX,
    )
    page = response.content.decode()
    assert "Saved." in page
    assert "CPA licence (NY)" in page
    cpa.refresh_from_db()
    assert (cpa.issuer.name, cpa.ce_minutes_required, cpa.renewal_lead_days) == (
        "NY Board",
        2400,
        30,
    )


def test_a_bad_edit_keeps_what_was_typed_beside_the_error(me, cpa):
    response = me.post(f"/credentials/{cpa.pk}/edit", {"name": "CPA", "issuer": "", "expires": ""})
    assert response.status_code == 422
    assert "Give the issuer a name." in response.content.decode()


def test_every_credentials_page_writes_days_one_way(me, owner, ada, cpa):
    make_filing(owner, contacts=[ada], yearly=True)
    me.post(f"/credentials/{cpa.pk}/hours", {"hours": "2", "on": "2026-11-20", "activity": "x"})
    pages = [
        me.get("/credentials/"),
        me.get(f"/credentials/{cpa.pk}/"),
        me.post(f"/credentials/{cpa.pk}/renew", {"expires": "2029-01-29"}, **HTMX),
        me.get("/filings/"),
        me.get(f"/people/{ada.pk}/"),
    ]
    for response in pages:
        visible = re.sub(r"<[^>]*>", " ", response.content.decode())
        assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), response.request["PATH_INFO"]
