"""Every page and action, with odd values in every parameter it reads, answers without a 500.

The URL conf is walked, so a new URL is tested as soon as it exists; PARAMETERS says what each
view reads from the query string or the form, and a URL missing from it fails the first test.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.credentials.helpers import make_credential, make_filing
from tests.factories import NOW, TODAY, frozen, log, make_person
from tiebook import taxonomy
from tiebook.events.services import EventInput, event_create
from tiebook.interactions.references import reference_add
from tiebook.interactions.services import task_create
from tiebook.interactions.shares import ShareInput, share_log, shares_of_interaction
from tiebook.interchange.importing import import_file
from tiebook.interchange.uploads import upload_save
from tiebook.opportunities.referrals import referral_record
from tiebook.opportunities.services import opportunity_create
from tiebook.people.services import relationship_add

pytestmark = pytest.mark.django_db

FILTERS = ["q", "category", "type", "tag", "org", "circle", "due", "dormant", "archived", "sort"]
PERSON_FORM = [
    "name",
    "types",
    "organization",
    "title",
    "emails",
    "phones",
    "urls",
    "tags",
    "every",
    "circle",
    "birthday",
    "how_met",
    "notes",
    "allow_duplicate",
]
INTERACTION_FORM = ["kind", "summary", "on", "they_reached_out", "notes"]
CREDENTIAL_FORM = ["name", "issuer", "expires", "number", "issued", "ce_hours_required"]
CREDENTIAL_FORM += ["lead_days", "notes"]
FILING_FORM = ["title", "organization", "due", "contact", "lead_days", "yearly", "notes"]

# What each view reads, by URL name: its query parameters and form fields.
PARAMETERS: dict[str, list[str]] = {
    "accounts:login": ["next", "username", "password"],
    "accounts:logout": [],
    "accounts:signin": [],
    "web:today": [],
    "web:find": ["q"],
    "web:people": [*FILTERS, "page"],
    "web:people_bulk": ["ids", "add_type", "add_tag", "back"],
    "web:person_add": PERSON_FORM,
    "web:person": [],
    "web:person_edit": PERSON_FORM,
    "web:person_log": ["kind", "summary", "on", "they_reached_out", "gave", "received", "from"],
    "web:person_snooze": ["days", "from"],
    "web:person_archive": ["undo"],
    "web:person_delete": [],
    "web:person_timeline": ["before"],
    "web:promise_add": ["description", "due_on", "they_owe"],
    "web:promise_done": ["from"],
    "web:interaction_edit": ["person", *INTERACTION_FORM],
    "web:interaction_delete": ["person"],
    "web:import": ["file", "format", "columns", "add_people", "since", "until"],
    "web:import_preview": [],
    "web:import_confirm": [],
    "web:import_cancel": [],
    "web:import_run": [],
    "web:import_undo": ["confirm"],
    "web:duplicates": [],
    "web:duplicates_merge": ["keep", "other"],
    "web:duplicates_apart": ["first", "second"],
    "web:export": [*FILTERS, "page"],
    "web:settings": [],
    "web:settings_profile": ["name", "email", "addresses"],
    "web:settings_intervals": list(taxonomy.CODES),
    "web:backup_download": [],
    "web:restore_upload": ["file"],
    "web:events": ["format"],
    "web:event_add": [
        *["name", "kind", "starts_on", "ends_on", "where", "url", "topics", "hosts", "sponsors"],
        "status",
    ],
    "web:event_settings": ["days"],
    "web:event_import": ["file", "add_people"],
    "web:event": ["format"],
    "web:event_met": ["name", "email", "org", "note"],
    "web:event_relevant": [],
    "web:event_status": ["status"],
    "web:event_want": ["person"],
    "web:event_days": ["days"],
    "web:event_delete": [],
    "web:opportunities": [],
    "web:opportunity_add": ["title", "kind", "organization", "next_step", "next_step_on"],
    "web:opportunity": [],
    "web:opportunity_move": ["stage", "from"],
    "web:opportunity_next": ["next_step", "next_step_on"],
    "web:opportunity_link": ["person", "role"],
    "web:opportunity_unlink": ["role"],
    "web:opportunity_delete": [],
    "web:referral_add": ["person", "direction", "kind", "to", "what", "on"],
    "web:referral_outcome": ["outcome", "note"],
    "web:person_referral_add": ["direction", "kind", "to", "what", "on"],
    "web:shares": ["with", "person", "title", "link", "topics", "people", "received"],
    "web:share": [],
    "web:share_again": ["person"],
    "web:references": ["skill"],
    "web:reference_add": ["person_id", "person", "skill", "answer", "confirmed", "back"],
    "web:reference_confirm": ["back"],
    "web:references_download": ["skill"],
    "web:credentials": CREDENTIAL_FORM,
    "web:credential": [],
    "web:credential_hours": ["hours", "on", "activity"],
    "web:credential_contact": ["person", "role"],
    "web:credential_contact_remove": [],
    "web:credential_renew": ["expires"],
    "web:credential_edit": CREDENTIAL_FORM,
    "web:credential_delete": [],
    "web:credential_people": ["person", "contact"],
    "web:filings": FILING_FORM,
    "web:filing_done": [],
    "web:filing_delete": [],
    "web:person_pick": ["q"],
    "web:tie_add": ["kind", "other", "q"],
    "web:tie_remove": [],
    "web:person_intro": ["other", "q", "note"],
    "web:settings_about": [
        "headline",
        "skills",
        "experiences",
        "offer",
        "roles",
        "organizations",
        "topics",
    ],
    "web:refer": ["org", "limit"],
    "web:refer_organizations": ["org"],
    "web:insights": [],
    "web:person_circle": ["circle"],
    "web:network_map": ["category", "type", "circle"],
    "web:network_map_json": ["category", "type", "circle"],
}

ODD = [
    "",
    "0",
    "-1",
    "1",
    "²",
    "٣",
    "１",
    "9" * 25,
    "9" * 5000,
    "\x00",
    "1\x00",
    "a\x00b",
    "x" * 30_000,
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "people",
    "web:today",
    "99999999999d",
    "3000000d",
    "1e9",
    "NaN",
    "on",
    "yes",
    "today",
    "2026-02-30",
    "99999-01-01",
    "0001-01-01",
    "mentor",
    "strategic",
    "5",
    "csv",
    "%00",
    "<script>",
    "' OR 1=1 --",
]
values = st.one_of(
    st.sampled_from(ODD),
    st.sampled_from(ODD).map(lambda odd: f"Ada{odd}"),
    st.text(max_size=60),
    st.integers().map(str),
    st.text(st.characters(categories=["Nd", "No"]), max_size=30),
)
ODD_IDS = [0, 1, 10**24, 2**63 - 1, 2**63]
ODD_TOKENS = ["x", "..", "²", "9" * 25, "%00", "a" * 300]


def _named(patterns, prefix=""):
    """(URL name, pattern) for every named URL, namespaces and all."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            space = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _named(entry.url_patterns, space)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


URLS = dict(_named(get_resolver().url_patterns))


def test_every_url_says_what_it_reads():
    assert sorted(URLS) == sorted(PARAMETERS)


VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEND:VCARD\r\n"


@pytest.fixture
def world(owner, outsider, settings, tmp_path):
    """Something of every kind the URLs name, mine and someone else's."""
    settings.BASE_DIR = tmp_path
    with frozen():
        ada = make_person(owner, "Ada Lovelace", types=["mentor"], emails=["ada@example.com"])
        twin = make_person(owner, "Ada Lovelace", emails=["ada@example.com"])
        theirs = make_person(outsider, "Zelda Quartermain")
        coffee = log(owner, [ada, twin], "Coffee")
        task = task_create(owner=owner, person=ada, description="Send the paper")
        path = tmp_path / "alan.vcf"
        path.write_bytes(VCARD)
        run = import_file(owner=owner, path=path)
        event = event_create(owner=owner, data=EventInput(name="PyCon", starts_on=NOW.date()))
        their_event = event_create(owner=outsider, data=EventInput(name="X", starts_on=NOW.date()))
        opp = opportunity_create(owner=owner, title="Staff engineer", organization="Acme")
        their_opp = opportunity_create(owner=outsider, title="Theirs")
        referral = referral_record(owner=owner, person=ada, direction="asked", opportunity=opp)
        shared = share_log(owner=owner, people=[ada], data=ShareInput(title="A", topics=["x"]))
        share = shares_of_interaction(owner=owner, interaction=shared)[0]
        reference, _ = reference_add(owner=owner, person=ada, skill="Go", today=TODAY)
        credential = make_credential(owner, contacts=[ada])
        filing = make_filing(owner, contacts=[ada])
        tie = relationship_add(owner=owner, person=ada, other=twin, kind="knows")
    return {
        "event_id": [event.pk, their_event.pk],
        "opportunity_id": [opp.pk, their_opp.pk],
        "referral_id": [referral.pk],
        "share_id": [share.pk],
        "reference_id": [reference.pk],
        "person_id": [ada.pk, twin.pk, theirs.pk],
        "interaction_id": [coffee.pk],
        "task_id": [task.pk],
        "run_id": [run.run_id],
        "tie_id": [tie.pk],
        "format": ["csv", "vcard", "json", "ics", "md"],
        "owner": owner,
        "credential_id": [credential.pk],
        "filing_id": [filing.pk],
    }


def _kwargs(draw, pattern, world):
    kwargs = {}
    for name, converter in pattern.pattern.converters.items():
        if name == "token":
            pending = upload_save(owner=world["owner"], name="alan.vcf", chunks=[VCARD])
            choices = [pending.token, *ODD_TOKENS]
        elif converter.regex == "[0-9]+":
            choices = [*world.get(name, []), *ODD_IDS]
        else:
            choices = [*world.get(name, []), *ODD_TOKENS]
        kwargs[name] = draw(st.sampled_from(choices))
    return kwargs


def _data(draw, names):
    """Most of the view's parameters at once: an odd value shared by all of them (so that each
    value meets each parameter within a few examples), inside a name, or anything at all."""
    theme = draw(st.sampled_from(ODD))
    shapes = {
        "theme": st.just([theme]),
        "inside": st.just([f"Ada{theme}"]),
        "any": st.one_of(values.map(lambda v: [v]), st.lists(values, max_size=3)),
        "out": st.just(None),
    }
    data = {}
    for name in names:
        shape = draw(st.sampled_from(["theme", "theme", "inside", "any", "out"]))
        if name == "file":
            content = draw(st.sampled_from([VCARD, b"", b"\x00" * 10, "é".encode()]))
            data[name] = SimpleUploadedFile(draw(st.sampled_from(["a.vcf", "x"])), content)
        elif (value := draw(shapes[shape])) is not None:
            data[name] = value  # a list: a view reads the last of several
    return data


def _answers(client, url, fields, headers=None):
    """GET with the fields in the address, then POST them; each from the same network."""
    query = {k: v for k, v in fields.items() if not isinstance(v, SimpleUploadedFile)}
    for method, sent in (("get", query), ("post", fields)):
        with transaction.atomic(), frozen():
            response = getattr(client, method)(url, sent, headers=headers or {})
            transaction.set_rollback(True)
        assert response.status_code < 500, (method, url, sent, response.status_code)


# Each of these in each parameter of every view, alone: a bad value in one parameter can hide
# what another does with its own (an unknown type shows everyone, whatever the search).
CLASSICS = ["Ada\x00", "²", "9" * 5000, "//evil.example"]


@pytest.mark.parametrize("url_name", sorted(PARAMETERS))
def test_the_classic_odd_values_never_make_a_server_error(client, settings, world, url_name):
    client.raise_request_exception = False
    settings.TIEBOOK_MODE = "server"
    pattern = URLS[url_name]
    names = [name for name in PARAMETERS[url_name] if name != "file"]
    for name, theme in [(name, theme) for name in names for theme in CLASSICS] or [(None, "")]:
        client.force_login(world["owner"])
        kwargs = {key: _first(world, key) for key in pattern.pattern.converters}
        _answers(client, reverse(url_name, kwargs=kwargs), {name: [theme]} if name else {})


def _first(world, name):
    if name == "token":
        return upload_save(owner=world["owner"], name="alan.vcf", chunks=[VCARD]).token
    return world[name][0]


@pytest.mark.parametrize("url_name", sorted(PARAMETERS))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_odd_values_never_make_a_server_error(client, settings, world, url_name, data):
    client.raise_request_exception = False
    settings.TIEBOOK_MODE = data.draw(st.sampled_from(["local", "server"]))
    client.force_login(world["owner"])
    url = reverse(url_name, kwargs=_kwargs(data.draw, URLS[url_name], world))
    headers = {"HX-Request": "true"} if data.draw(st.booleans()) else {}
    _answers(client, url, _data(data.draw, PARAMETERS[url_name]), headers)
