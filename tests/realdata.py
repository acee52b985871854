"""The real sample files that importer tests read: where they are, and their names.

They are public exports from other projects (see PROVENANCE.md in their folder) kept beside the
project checkout, not inside it. Their names are listed here so that the tests over them are
collected, and skipped with a reason, when the folder is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FOLDER_VARIABLE = "TIEBOOK_REALDATA"
REQUIRED_VARIABLE = "TIEBOOK_TEST_REQUIRE_REALDATA"
BESIDE = PROJECT.parent / "shared" / "realdata"  # where the folder is unless configured

VCARD = (
    "aosp_v21_adr_multiple_line.vcf",
    "aosp_v21_android_custom_prop.vcf",
    "aosp_v21_backslash.vcf",
    "aosp_v21_complicated.vcf",
    "aosp_v21_invalid_comment_line.vcf",
    "aosp_v21_invalid_multiple_line.vcf",
    "aosp_v21_japanese_2.vcf",
    "aosp_v21_malformed_photo.vcf",
    "aosp_v21_multiple_entry.vcf",
    "aosp_v21_nest.vcf",
    "aosp_v21_winmo_65.vcf",
    "aosp_v30_comma_separated.vcf",
    "aosp_v30_ios_613_multiline.vcf",
    "aosp_v40_sort_as.vcf",
    "ezvcard_John_Doe_ANDROID.vcf",
    "ezvcard_John_Doe_BLACK_BERRY.vcf",
    "ezvcard_John_Doe_EVOLUTION.vcf",
    "ezvcard_John_Doe_GMAIL.vcf",
    "ezvcard_John_Doe_IPHONE.vcf",
    "ezvcard_John_Doe_LOTUS_NOTES.vcf",
    "ezvcard_John_Doe_MAC_ADDRESS_BOOK.vcf",
    "ezvcard_John_Doe_MS_OUTLOOK.vcf",
    "ezvcard_fullcontact.vcf",
    "ezvcard_gmail-list.vcf",
    "ezvcard_gmail-single.vcf",
    "ezvcard_gmail-single2.vcf",
    "ezvcard_issue114.vcf",
    "ezvcard_outlook-2003.vcf",
    "ezvcard_outlook-2007.vcf",
    "ezvcard_rfc2426-example.vcf",
    "ezvcard_rfc6350-example.vcf",
    "ezvcard_thunderbird-MoreFunctionsForAddressBook-extension.vcf",
    "sabre_issue153.vcf",
    "sabre_issue64.vcf",
    "vobject_radicale-1587.vcf",
)
ICS = (
    "ical4j_apple-iphone-os-26-structured-location.ics",
    "ical4j_invalid_groupwise.ics",
    "ical4j_valid_EXDATE.ics",
    "ical4j_valid_Session6.ics",
    "ical4j_valid_Standup.ics",
    "ical4j_valid_calconnect7.ics",
    "ical4j_valid_incoming.ics",
    "icalendar_alarm_google_future.ics",
    "icalendar_alarm_thunderbird_future.ics",
    "icalendar_issue_112_missing_tzinfo_on_exdate.ics",
    "icalendar_issue_156_RDATE_with_PERIOD_TZID_khal_2.ics",
    "icalendar_issue_165_missing_event.ics",
    "icalendar_issue_348_exception_parsing_value.ics",
    "icalendar_issue_350.ics",
    "icalendar_issue_53_description_parsed_properly.ics",
    "icalendar_timezone_same_start.ics",
    "icalendar_x_location.ics",
    "vobject_radicale-0827.ics",
    "vobject_tzid_8bit.ics",
    "vobject_vobject_0050.ics",
)
CSV = (
    "thunderbird_basic_csv_addressbook.csv",
    "thunderbird_csv_semicolon.csv",
)
MBOX = (
    "mimekit_issue1189.mbox",
    "mimekit_japanese.eml",
    "mimekit_simple.mbox",
    "mimekit_unmunged.mbox",
)
KNOWN = {"vcard": VCARD, "ics": ICS, "csv": CSV, "mbox": MBOX}


def realdata_folder(environ: dict[str, str] | None = None) -> Path:
    """TIEBOOK_REALDATA, else BESIDE the project."""
    environ = os.environ if environ is None else environ
    configured = environ.get(FOLDER_VARIABLE, "").strip()
    return Path(configured).expanduser() if configured else BESIDE


def realdata_required(environ: dict[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return environ.get(REQUIRED_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def skip_reason(folder: Path) -> str | None:
    """Why the real-data tests cannot run, in one line, or None when the folder is there."""
    if folder.is_dir():
        return None
    return (
        f"real sample files not found at {folder}; set {FOLDER_VARIABLE} to their folder "
        f"(or {REQUIRED_VARIABLE}=1 to make this an error)"
    )


def missing_message(folder: Path) -> str:
    return (
        f"{REQUIRED_VARIABLE}=1 but the real sample files are not found at {folder}: "
        f"set {FOLDER_VARIABLE} to the folder that holds vcard/, ics/, csv/ and mbox/."
    )


def every_file() -> list[str]:
    """Each sample as `kind/name`, for tests that run over all of them."""
    return [f"{kind}/{name}" for kind, names in KNOWN.items() for name in names]
