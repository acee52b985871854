"""A new user's first evening, end to end through the command line: their LinkedIn export, then
their phone's contacts, then Google Contacts, ending with one person per real person, every
detail gathered, nothing merged that should not be, re-imports that change nothing, an undo
that puts the network back exactly, and an export that round-trips.

The cast (the owner is Sam Owner, sam@owner.example), and what each file says of them:

- Ada Quinlan. LinkedIn: profile, Northwind Analytics. Phone: found by name and organisation;
  a phone, an email with a custom label, her profile written otherwise. Google: found by email;
  two more emails, a birthday, two labels.
- Bruno Okafor. LinkedIn: profile and email. Phone: found by email; a phone. Google: found by
  phone; a second phone, a birthday without a year.
- Chloé Marchetti (accents). LinkedIn: profile. Phone: a vCard 2.1 quoted-printable card, found
  by name and organisation; a phone, notes. Google: found by phone; an email, a birthday, a label.
- William Hartley, Contoso. LinkedIn: profile. Phone: "Bill Hartley" at Contoso, a new person
  never merged on its own, only offered for review (a nickname).
- Maria Santos, twice: one at Tailspin Toys (the phone adds her phone, by name and organisation),
  one at Litware (Google adds her email, by name and organisation), each with her own profile.
- Dmitri Volkov. LinkedIn: profile. Google: found by name and organisation; two emails, a label.
- Erin Halvorsen. LinkedIn: profile and email. Phone: found by email (in another case) and
  profile; a phone.
- Priya Raman. Phone: new, a phone only. Google: found by phone; organisation, title, email,
  birthday, label.
- Tomás Ortega. Phone: new, a phone only.
- Hiro Tanaka. Google: new.
- Sam Owner: the phone's "me" card with the owner's address, skipped.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model

from tests.cli.conftest import NOW, Tiebook
from tests.factories import network_dump
from tiebook.interchange.importing import import_file
from tiebook.interchange.models import ImportRun
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db

OWNER_EMAIL = "sam@owner.example"

# ---- the LinkedIn data export (layouts of tests/interchange/formats/fixtures/linkedin_*) -------

CONNECTIONS = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ada,Quinlan,https://www.linkedin.com/in/ada-quinlan,,Northwind Analytics,Data Engineer,"
    "15 Mar 2024\r\n"
    "Bruno,Okafor,https://www.linkedin.com/in/bruno-okafor-4b2a1,bruno@okafor.example,"
    '"Okafor & Sons, Ltd.",Founder,02 Jan 2023\r\n'
    "Chloé,Marchetti,https://www.linkedin.com/in/chloe-marchetti,,Fabrikam,"
    '"Head of Design, EMEA",28 Feb 2022\r\n'
    "William,Hartley,https://www.linkedin.com/in/william-hartley-7c1,,Contoso,"
    "Engineering Manager,11 Nov 2021\r\n"
    "Maria,Santos,https://www.linkedin.com/in/maria-santos-tailspin,,Tailspin Toys,"
    "Product Lead,05 Jun 2020\r\n"
    "Maria,Santos,https://www.linkedin.com/in/msantos-litware,,Litware,Consultant,"
    "19 Sep 2019\r\n"
    "Dmitri,Volkov,https://www.linkedin.com/in/dvolkov,,Contoso,Staff Engineer,30 Apr 2024\r\n"
    "Erin,Halvorsen,https://www.linkedin.com/in/erin-halvorsen,erin@woodgrove.example,"
    "Woodgrove Bank,Controller,07 Aug 2018\r\n"
)

MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER,ATTACHMENTS\r\n"
    "2-YWJjMTEx,,Ada Quinlan,https://www.linkedin.com/in/ada-quinlan,Sam Owner,"
    "https://www.linkedin.com/in/sam-owner,2025-01-05 10:00:00 UTC,,"
    '"Hi Sam, great to meet you at the meetup!",INBOX,\r\n'
    "2-YWJjMTEx,,Sam Owner,https://www.linkedin.com/in/sam-owner,Ada Quinlan,"
    "https://www.linkedin.com/in/ada-quinlan,2025-01-05 11:30:00 UTC,,"
    "Likewise! Coffee next week?,SENT,\r\n"
    "2-ZGVmMjIy,,Sam Owner,https://www.linkedin.com/in/sam-owner,Bruno Okafor,"
    "https://www.linkedin.com/in/bruno-okafor-4b2a1/,2025-02-10 09:15:00 UTC,Intro,"
    '"Bruno, meet the team.",SENT,\r\n'
    "2-Z3JwMzMz,Launch crew,Chloé Marchetti,https://www.linkedin.com/in/chloe-marchetti,"
    '"Sam Owner,Ada Quinlan,Bruno Okafor","https://www.linkedin.com/in/sam-owner,'
    'https://www.linkedin.com/in/ada-quinlan,https://www.linkedin.com/in/bruno-okafor-4b2a1",'
    '2025-03-01 16:45:00 UTC,,"Kick-off is Thursday.\nBring the slides.",INBOX,\r\n'
    "2-ZXJpbjU1,,Erin Halvorsen,https://www.linkedin.com/in/erin-halvorsen,Sam Owner,"
    "https://www.linkedin.com/in/sam-owner,2025-04-22 08:05:00 UTC,,"
    "Quarter close went well - thanks for the intro.,INBOX,\r\n"
)

INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n"
    'Dmitri Volkov,Sam Owner,"4/30/24, 9:14 AM",,INCOMING,https://www.linkedin.com/in/dvolkov,'
    "https://www.linkedin.com/in/sam-owner\r\n"
    'Sam Owner,Ada Quinlan,"3/15/24, 6:02 PM","Hi Ada, loved your talk.",OUTGOING,'
    "https://www.linkedin.com/in/sam-owner,https://www.linkedin.com/in/ada-quinlan\r\n"
)

ENDORSEMENTS = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
    "Endorsement Status\r\n"
    "2024/06/05 15:47:58 UTC,Python,Ada,Quinlan,www.linkedin.com/in/ada-quinlan,ACCEPTED\r\n"
    "2024/07/11 08:02:13 UTC,Data Modeling,Bruno,Okafor,www.linkedin.com/in/bruno-okafor-4b2a1,"
    "ACCEPTED\r\n"
)

RECOMMENDATIONS = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
    'Bruno,Okafor,"Okafor & Sons, Ltd.",Founder,"Sam is a rare engineer who ships.\n'
    'Highly recommended.","03/04/24, 10:11 AM",VISIBLE\r\n'
)

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
    'Sam,Owner,,,,Engineer at Northwind,,Software Development,,"Bristol, England, United '
    'Kingdom",,,\r\n'
)

# ---- the phone's contacts: an iPhone vCard 3.0 export, with one old 2.1 card among them ------

VCARD = "".join(
    card.replace("\n", "\r\n")
    for card in (
        # the owner's own "me" card: skipped, never a person
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Owner;Sam;;;\nFN:Sam Owner\n"
        "item1.EMAIL;type=INTERNET;type=pref:Sam@Owner.example\nitem1.X-ABLabel:_$!<Home>!$_\n"
        "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900999\nEND:VCARD\n",
        # Bruno: the same email as on LinkedIn
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Okafor;Bruno;;;\nFN:Bruno Okafor\nORG:Okafor & Sons\\, Ltd.;\n"
        "item1.EMAIL;type=INTERNET;type=pref:bruno@okafor.example\n"
        "item1.X-ABLabel:_$!<Work>!$_\n"
        "TEL;type=CELL;type=VOICE;type=pref:+1 (206) 555-0142\nEND:VCARD\n",
        # Ada: the same name at the same organisation, and her profile written differently
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Quinlan;Ada;;;\nFN:Ada Quinlan\nORG:Northwind Analytics;Platform\n"
        "TITLE:Data Engineer\n"
        "item1.EMAIL;type=INTERNET:ada@quinlan.example\nitem1.X-ABLabel:Climbing club\n"
        "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900123\n"
        "item2.URL;type=pref:https://linkedin.com/in/Ada-Quinlan/\n"
        "item2.X-ABLabel:_$!<HomePage>!$_\nEND:VCARD\n",
        # "Bill" for LinkedIn's William, same company, nothing else in common: to review only
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Hartley;Bill;;;\nFN:Bill Hartley\nORG:Contoso;\n"
        "TEL;type=WORK;type=VOICE:+1 425 555 0188\nEND:VCARD\n",
        # Chloé from an old phone: vCard 2.1, quoted-printable UTF-8 with a soft line break
        "BEGIN:VCARD\nVERSION:2.1\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Marchetti;Chlo=C3=A9;;;\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Chlo=C3=A9 Marchetti\n"
        "ORG:Fabrikam\nTEL;CELL:+33 6 12 34 56 78\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met at Lyon Design Week, caf=C3=A9 after=\n"
        " the talk.\nEND:VCARD\n",
        # Priya and Tomás: only a phone number, not on LinkedIn
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Raman;Priya;;;\nFN:Priya Raman\n"
        "TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0958\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Ortega;Tomás;;;\nFN:Tomás Ortega\n"
        "TEL;type=HOME;type=VOICE:+34 612 34 56 78\nEND:VCARD\n",
        # Erin: her email in another case, her profile as a social profile
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Halvorsen;Erin;;;\nFN:Erin Halvorsen\nORG:Woodgrove Bank;\n"
        "item1.EMAIL;type=INTERNET;type=WORK:Erin@Woodgrove.example\n"
        "item1.X-ABLabel:_$!<Work>!$_\n"
        "TEL;type=CELL;type=VOICE:+1 (646) 555-0134\n"
        "X-SOCIALPROFILE;type=linkedin;x-user=erin-halvorsen:"
        "http://www.linkedin.com/in/erin-halvorsen\nEND:VCARD\n",
        # Maria of Tailspin Toys (not Maria of Litware): same name, same organisation
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\n"
        "N:Santos;Maria;;;\nFN:Maria Santos\nORG:Tailspin Toys;\n"
        "TEL;type=CELL;type=VOICE:+1 312 555 0117\nEND:VCARD\n",
    )
)

# ---- Google Contacts, current layout (header of tests/interchange/formats/fixtures) -----------

GOOGLE_HEADER = next(
    csv.reader(
        [
            "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
            "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
            "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
            "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
            "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,"
            "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
            "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
            "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,"
            "Relation 1 - Label,Relation 1 - Value"
        ]
    )
)

GOOGLE_ROWS = [
    {  # found by email (from the phone); two more emails, a birthday, two labels
        "First Name": "Ada",
        "Last Name": "Quinlan",
        "Organization Name": "Northwind Analytics",
        "Organization Title": "Data Engineer",
        "Birthday": "1990-07-14",
        "Labels": "* myContacts ::: Friends ::: Climbing",
        "E-mail 1 - Label": "* Home ::: Other",
        "E-mail 1 - Value": "ada@quinlan.example ::: ada.q@mail.example",
        "E-mail 2 - Label": "Work",
        "E-mail 2 - Value": "ada@northwind.example",
        "Phone 1 - Label": "Mobile",
        "Phone 1 - Value": "+44 7700 900123",
        "Website 1 - Label": "Profile",
        "Website 1 - Value": "https://www.linkedin.com/in/ada-quinlan",
    },
    {  # found by phone; a second phone and a birthday without a year
        "First Name": "Bruno",
        "Last Name": "Okafor",
        "Organization Name": "Okafor & Sons, Ltd.",
        "Birthday": "--04-12",
        "Labels": "* myContacts ::: * starred",
        "Phone 1 - Label": "Work",
        "Phone 1 - Value": "+1 206 555 0142 ::: +1 206 555 0199",
    },
    {  # found by phone (given by the 2.1 card); an email, a birthday, a label
        "First Name": "Chloé",
        "Last Name": "Marchetti",
        "Birthday": "1979-02-28",
        "Labels": "* myContacts ::: Mentors",
        "E-mail 1 - Label": "Work",
        "E-mail 1 - Value": "chloe@fabrikam.example",
        "Phone 1 - Label": "Mobile",
        "Phone 1 - Value": "+33612345678",
    },
    {  # found by name and organisation; two emails and a label
        "First Name": "Dmitri",
        "Last Name": "Volkov",
        "Organization Name": "Contoso",
        "Organization Title": "Staff Engineer",
        "Labels": "* myContacts ::: Contoso",
        "E-mail 1 - Label": "Work",
        "E-mail 1 - Value": "dmitri@contoso.example",
        "E-mail 2 - Label": "Home",
        "E-mail 2 - Value": "dmitri.volkov@mail.example",
    },
    {  # the phone-only contact, by phone: her organisation, title, email, birthday, label
        "First Name": "Priya",
        "Last Name": "Raman",
        "Organization Name": "Raman Tax Advisory",
        "Organization Title": "Tax Advisor",
        "Birthday": "1982-11-03",
        "Labels": "* myContacts ::: Accountants",
        "E-mail 1 - Label": "Work",
        "E-mail 1 - Value": "priya@ramantax.example",
        "Phone 1 - Label": "Mobile",
        "Phone 1 - Value": "+442079460958",
    },
    {  # Maria of Litware, by name and organisation (not Maria of Tailspin Toys)
        "First Name": "Maria",
        "Last Name": "Santos",
        "Organization Name": "Litware",
        "Organization Title": "Consultant",
        "Labels": "* myContacts",
        "E-mail 1 - Label": "Work",
        "E-mail 1 - Value": "maria.santos@litware.example",
    },
    {  # someone new
        "First Name": "Hiro",
        "Last Name": "Tanaka",
        "Organization Name": "Tanaka Labs",
        "Organization Title": "CTO",
        "Birthday": "1985-05-20",
        "Labels": "Conference 2024",
        "E-mail 1 - Label": "* Other",
        "E-mail 1 - Value": "hiro@tanaka.example",
    },
]

# ---- what the network must hold: (name, organisation) -> everything gathered about them -------

LI = "linkedin.com/in/"
AFTER_LINKEDIN = {
    ("Ada Quinlan", "Northwind Analytics"): {
        "title": "Data Engineer",
        "profiles": {LI + "ada-quinlan"},
    },
    ("Bruno Okafor", "Okafor & Sons, Ltd."): {
        "title": "Founder",
        "emails": {"bruno@okafor.example"},
        "profiles": {LI + "bruno-okafor-4b2a1"},
    },
    ("Chloé Marchetti", "Fabrikam"): {
        "title": "Head of Design, EMEA",
        "profiles": {LI + "chloe-marchetti"},
    },
    ("William Hartley", "Contoso"): {
        "title": "Engineering Manager",
        "profiles": {LI + "william-hartley-7c1"},
    },
    ("Maria Santos", "Tailspin Toys"): {
        "title": "Product Lead",
        "profiles": {LI + "maria-santos-tailspin"},
    },
    ("Maria Santos", "Litware"): {"title": "Consultant", "profiles": {LI + "msantos-litware"}},
    ("Dmitri Volkov", "Contoso"): {"title": "Staff Engineer", "profiles": {LI + "dvolkov"}},
    ("Erin Halvorsen", "Woodgrove Bank"): {
        "title": "Controller",
        "emails": {"erin@woodgrove.example"},
        "profiles": {LI + "erin-halvorsen"},
    },
}


def _with(base: dict, changes: dict) -> dict:
    """`base` with each person's sets grown and fields set as `changes` says."""
    out = {key: dict(value) for key, value in base.items()}
    for key, change in changes.items():
        person = out.setdefault(key, {})
        for name, value in change.items():
            person[name] = person.get(name, set()) | value if isinstance(value, set) else value
    return out


AFTER_PHONE = _with(
    AFTER_LINKEDIN,
    {
        ("Ada Quinlan", "Northwind Analytics"): {
            "emails": {"ada@quinlan.example"},
            "phones": {"+447700900123"},
            "department": "Platform",
        },
        ("Bruno Okafor", "Okafor & Sons, Ltd."): {"phones": {"+12065550142"}},
        ("Chloé Marchetti", "Fabrikam"): {
            "phones": {"+33612345678"},
            "notes": "Met at Lyon Design Week, café after the talk.",
        },
        ("Bill Hartley", "Contoso"): {"phones": {"+14255550188"}},
        ("Maria Santos", "Tailspin Toys"): {"phones": {"+13125550117"}},
        ("Erin Halvorsen", "Woodgrove Bank"): {"phones": {"+16465550134"}},
        ("Priya Raman", None): {"phones": {"+442079460958"}},
        ("Tomás Ortega", None): {"phones": {"+34612345678"}},
    },
)

AFTER_GOOGLE = _with(
    {k: v for k, v in AFTER_PHONE.items() if k != ("Priya Raman", None)},
    {
        ("Ada Quinlan", "Northwind Analytics"): {
            "emails": {"ada.q@mail.example", "ada@northwind.example"},
            "birthday": (1990, 7, 14),
            "tags": {"Climbing"},
            "types": {"friend"},  # the "Friends" label names a connection type
        },
        ("Bruno Okafor", "Okafor & Sons, Ltd."): {
            "phones": {"+12065550199"},
            "birthday": (None, 4, 12),
        },
        ("Chloé Marchetti", "Fabrikam"): {
            "emails": {"chloe@fabrikam.example"},
            "birthday": (1979, 2, 28),
            "types": {"mentor"},
        },
        ("Dmitri Volkov", "Contoso"): {
            "emails": {"dmitri@contoso.example", "dmitri.volkov@mail.example"},
            "tags": {"Contoso"},
        },
        ("Priya Raman", "Raman Tax Advisory"): {
            "title": "Tax Advisor",
            "emails": {"priya@ramantax.example"},
            "phones": {"+442079460958"},
            "birthday": (1982, 11, 3),
            "tags": {"Accountants"},
        },
        ("Maria Santos", "Litware"): {"emails": {"maria.santos@litware.example"}},
        ("Hiro Tanaka", "Tanaka Labs"): {
            "title": "CTO",
            "emails": {"hiro@tanaka.example"},
            "birthday": (1985, 5, 20),
            "tags": {"Conference 2024"},
        },
    },
)

NICKNAME_PAIR = re.compile(
    r"^\d+ William Hartley, Contoso  and  \d+ Bill Hartley, Contoso: similar names \(nickname\)"
    r"  \(tiebook merge \d+ \d+\)$"
)

# ---- building the files ----------------------------------------------------------------------


def linkedin_zip(folder: Path) -> Path:
    """The archive as LinkedIn sends it: CSVs in UTF-8 (Connections with a BOM), CRLF."""
    path = folder / "Basic_LinkedInDataExport_11-29-2026.zip"
    members = {
        "Connections.csv": CONNECTIONS,
        "messages.csv": MESSAGES,
        "Invitations.csv": INVITATIONS,
        "Endorsement_Received_Info.csv": ENDORSEMENTS,
        "Recommendations_Received.csv": RECOMMENDATIONS,
        "Profile.csv": PROFILE,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def phone_vcard(folder: Path) -> Path:
    path = folder / "iPhone Contacts.vcf"
    path.write_bytes(VCARD.encode("utf-8"))
    return path


def google_csv(folder: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GOOGLE_HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(GOOGLE_ROWS)
    path = folder / "contacts.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


# ---- reading the network back ----------------------------------------------------------------


def network(owner=None) -> dict[tuple[str, str | None], dict]:
    """Everything gathered about each person, in the shape of AFTER_*: empty values left out."""
    people = Person.objects.select_related("organization").prefetch_related(
        "contact_points", "person_tags__tag", "types"
    )
    if owner is not None:
        people = people.filter(owner=owner)
    found: dict[tuple[str, str | None], dict] = {}
    for person in people:
        points: dict[str, set[str]] = {"email": set(), "phone": set(), "social": set()}
        for point in person.contact_points.all():
            points.setdefault(point.kind, set()).add(point.normalized)
        birthday = (person.birthday_year, person.birthday_month, person.birthday_day)
        details = {
            "title": person.headline,
            "department": person.department,
            "notes": person.notes,
            "emails": points["email"],
            "phones": points["phone"],
            "profiles": points["social"],
            "urls": points.get("url"),
            "addresses": points.get("address"),
            "birthday": birthday if any(birthday) else None,
            "tags": {pt.tag.name for pt in person.person_tags.all()},
            "types": {t.type for t in person.types.all()},
        }
        key = (person.display_name, person.organization.name if person.organization_id else None)
        assert key not in found, f"two people {key}"
        found[key] = {name: value for name, value in details.items() if value}
    return found


def last_run() -> int:
    return ImportRun.objects.latest("pk").pk


def dupes(tb) -> list[str]:
    result = tb("dupes")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def without_birthdays(people: dict) -> dict:
    return {key: {k: v for k, v in d.items() if k != "birthday"} for key, d in people.items()}


# ---- the journey -----------------------------------------------------------------------------


@pytest.fixture
def tb(db):
    """The real command, in-process, at the CLI tests' frozen moment."""
    with time_machine.travel(NOW, tick=False):
        yield Tiebook()


@pytest.fixture
def files(tmp_path):
    return {
        "linkedin": linkedin_zip(tmp_path),
        "phone": phone_vcard(tmp_path),
        "google": google_csv(tmp_path),
    }


@pytest.fixture
def me(tb):
    """The owner, who first tells tiebook their address (so their own card is skipped)."""
    result = tb("me", "--email", OWNER_EMAIL)
    assert result.exit_code == 0, result.output
    return get_user_model().objects.get()


def run_import(tb, path: Path) -> list[str]:
    result = tb("import", str(path))
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_the_linkedin_export_brings_in_the_connections_and_their_messages(tb, me, files):
    lines = run_import(tb, files["linkedin"])
    run = last_run()
    assert lines == [
        f"Import {run}: {files['linkedin'].name} (linkedin): 8 new, 0 updated, 0 merged, "
        "0 unchanged, 0 with problems, 7 interactions, 3 endorsements and recommendations.",
        "  note: Profile.csv: not used",
        f"Undo it with: tiebook undo-import {run}",
    ]
    assert Person.objects.count() == 8
    assert network() == AFTER_LINKEDIN
    ada = tb.json("show", "ada")
    assert ada["added_at"].startswith("2024-03-15")  # the day they connected
    # two messages, the group thread and the invitation
    assert ada["interaction_count"] == 4


def test_the_phone_vcard_adds_to_the_same_people_skips_the_owner_and_merges_no_nickname(
    tb, me, files
):
    run_import(tb, files["linkedin"])
    lines = run_import(tb, files["phone"])
    run = last_run()
    assert lines == [
        f"Import {run}: iPhone Contacts.vcf (vcard): 3 new (1 to review: tiebook dupes), "
        "5 updated, 0 merged, 0 unchanged, 0 with problems, 0 interactions.",
        "  note: card 1: your own address (see 'tiebook me'); not a person.",
        f"Undo it with: tiebook undo-import {run}",
    ]
    # 10 real people: Bill Hartley is LinkedIn's William Hartley, kept apart until reviewed
    assert Person.objects.count() == 11
    assert network() == AFTER_PHONE
    assert not Person.objects.filter(display_name__icontains="Sam").exists()
    erin = tb.json("show", "erin")
    assert [e["value"] for e in erin["emails"]] == ["erin@woodgrove.example"]
    assert [(p["value"], p["label"]) for p in erin["phones"]] == [("+1 (646) 555-0134", "mobile")]
    ada = tb.json("show", "ada")
    assert [(e["value"], e["label"]) for e in ada["emails"]] == [
        ("ada@quinlan.example", "Climbing club")
    ]
    assert any(NICKNAME_PAIR.match(line) for line in dupes(tb))


def test_google_contacts_complete_everyone_with_phones_emails_and_labels(tb, me, files):
    run_import(tb, files["linkedin"])
    run_import(tb, files["phone"])
    lines = run_import(tb, files["google"])
    run = last_run()
    assert lines == [
        f"Import {run}: contacts.csv (google): 1 new, 6 updated, 0 merged, 0 unchanged, "
        "0 with problems, 0 interactions.",
        f"Undo it with: tiebook undo-import {run}",
    ]
    assert Person.objects.count() == 12  # 11 real people, William and Bill Hartley still apart
    assert without_birthdays(network()) == without_birthdays(AFTER_GOOGLE)
    assert network()[("Hiro Tanaka", "Tanaka Labs")]["birthday"] == (1985, 5, 20)
    priya = tb.json("show", "priya")
    assert (priya["organization"], priya["title"], priya["tags"]) == (
        "Raman Tax Advisory",
        "Tax Advisor",
        ["Accountants"],
    )


def test_google_contacts_give_birthdays_to_people_already_there(tb, me, files):
    run_import(tb, files["linkedin"])
    run_import(tb, files["phone"])
    run_import(tb, files["google"])
    birthdays = {key: person.get("birthday") for key, person in network().items()}
    assert birthdays == {key: person.get("birthday") for key, person in AFTER_GOOGLE.items()}
    assert network() == AFTER_GOOGLE


def test_dupes_shows_only_the_nickname_pair_after_each_import(tb, me, files):
    run_import(tb, files["linkedin"])
    assert dupes(tb) == ["No likely duplicates."]
    run_import(tb, files["phone"])
    lines = dupes(tb)
    assert [bool(NICKNAME_PAIR.match(line)) for line in lines] == [True], lines
    run_import(tb, files["google"])
    lines = dupes(tb)
    assert [bool(NICKNAME_PAIR.match(line)) for line in lines] == [True], lines


def test_merging_the_nickname_pair_leaves_one_person_per_real_person(tb, me, files):
    run_import(tb, files["linkedin"])
    run_import(tb, files["phone"])
    run_import(tb, files["google"])
    [pair] = [p for p in tb.json("dupes") if "Hartley" in p["first"]["name"]]
    assert (pair["first"]["name"], pair["second"]["name"], pair["evidence"], pair["sure"]) == (
        "William Hartley",
        "Bill Hartley",
        "similar names (nickname)",
        False,
    )
    merged = tb("merge", str(pair["first"]["id"]), str(pair["second"]["id"]), "--yes")
    assert merged.exit_code == 0, merged.output
    assert Person.objects.count() == 11
    assert not [line for line in dupes(tb) if "Hartley" in line]
    william = network()[("William Hartley", "Contoso")]
    assert william["phones"] == {"+14255550188"}
    assert william["profiles"] == {LI + "william-hartley-7c1"}
    assert william["title"] == "Engineering Manager"


def test_importing_any_of_the_files_again_changes_nothing(tb, me, files):
    run_import(tb, files["linkedin"])
    run_import(tb, files["phone"])
    run_import(tb, files["google"])
    before = network_dump(owner=me)
    for name, source, records in (
        ("linkedin", "linkedin", 8),
        ("phone", "vcard", 8),
        ("google", "google", 7),
    ):
        lines = run_import(tb, files[name])
        assert lines[0] == (
            f"Import {last_run()}: {files[name].name} ({source}): 0 new, 0 updated, 0 merged, "
            f"{records} unchanged, 0 with problems, 0 interactions."
        )
    assert network_dump(owner=me) == before


def test_undoing_the_google_import_puts_the_network_back_exactly(tb, me, files):
    run_import(tb, files["linkedin"])
    after_linkedin = network_dump(owner=me)
    run_import(tb, files["phone"])
    phone_run = last_run()
    before = network_dump(owner=me)
    run_import(tb, files["google"])
    run = last_run()
    assert network_dump(owner=me) != before
    for name in ("linkedin", "phone", "google"):  # re-imports that change nothing do not block
        run_import(tb, files[name])
    refused = tb("undo-import", str(phone_run))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"Error: Imports after it ({run}) may build on it; undo them first.\n",
    )
    undone = tb("undo-import", str(run))
    assert undone.exit_code == 0, undone.output
    assert undone.stdout == f"Undid import {run} (contacts.csv).\n"
    assert network_dump(owner=me) == before
    assert network() == AFTER_PHONE
    assert tb("undo-import", str(phone_run)).exit_code == 0
    assert network_dump(owner=me) == after_linkedin
    assert network() == AFTER_LINKEDIN
    history = tb.json("imports")
    assert [(r["id"], r["undone_at"] is not None) for r in history][-3:] == [
        (run, True),
        (phone_run, True),
        (phone_run - 1, False),
    ]


def test_the_vcard_export_brings_the_same_people_into_a_fresh_network(tb, me, files, tmp_path):
    run_import(tb, files["linkedin"])
    run_import(tb, files["phone"])
    run_import(tb, files["google"])
    out = tmp_path / "network.vcf"
    exported = tb("export", "vcard", str(out))
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == f"Exported 12 people to {out} (vcard).\n"
    other = get_user_model().objects.create(username="fresh")
    report = import_file(owner=other, path=out)
    assert (report.source, report.counts["created"], report.problems) == ("vcard", 12, [])

    def points(people: dict) -> dict:
        kinds = ("emails", "phones", "profiles", "urls")
        return {key: {k: v for k, v in d.items() if k in kinds} for key, d in people.items()}

    assert points(network(me)) == points(AFTER_GOOGLE)
    # names, organisations, titles, departments, notes, tags, birthdays and every contact point
    assert network(other) == network(me)
