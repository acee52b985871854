"""Running an import: parse, plan, and (unless dry) write it all in one transaction, logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from tiebook.core.bulk import builder, create, in_chunks, update_batch
from tiebook.core.database import statistics_refresh
from tiebook.core.errors import ValidationError
from tiebook.core.timeparse import now, today
from tiebook.followups.services import type_intervals_for
from tiebook.interchange import limits as file_limits
from tiebook.interchange import registry
from tiebook.interchange.linking import (
    addresses_learn,
    interactions_to_link,
    known_people,
    link_interactions,
    link_vouches,
)
from tiebook.interchange.models import ImportChange, ImportRun
from tiebook.interchange.planning import (
    PersonPlan,
    Plan,
    cut_notes,
    load_existing,
    network_mark,
    outcome,
    plan_import,
)
from tiebook.interchange.records import ImportFileError, Labeled, ParseResult, PersonRecord
from tiebook.people import limits, normalize
from tiebook.people.models import ContactPoint, Organization, Person, PersonTag, PersonType, Tag

BATCH = 1000
NO_OWN_ADDRESS = (
    "Tell tiebook your own email addresses first (tiebook me --email ADDRESS, or Settings): "
    "adding the people in your mail or calendar would otherwise add you too."
)
BIG_WRITE = 1000  # rows after which the query planner's statistics are refreshed
_build_person, _build_contact, _build_type = map(builder, (Person, ContactPoint, PersonType))


@dataclass
class ImportReport:
    source: str
    file_name: str
    dry_run: bool
    run_id: int | None
    counts: dict[str, int]
    problems: list[dict]
    notes: list[str]
    outcomes: list[dict] = field(default_factory=list)  # per record: ref, name, outcome, why


def import_file(
    *,
    owner,
    path: Path,
    format_name: str | None = None,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    options: dict | None = None,
    add_people: bool = False,
    progress: Progress | None = None,
    record_limit: file_limits.RecordLimit = file_limits.CLI,
) -> ImportReport:
    """Import one file into the owner's network, or with dry_run say exactly what it would do.

    `options` go to the format (a calendar's window: since, until); `add_people` makes people
    of the unknown participants of meetings and mail (otherwise only known people are linked);
    `progress(stage, done, total)` hears how far it is (total None while reading the file);
    a file of more records than `record_limit` allows is refused, and nothing written.
    """
    from tiebook.accounts.selectors import own_addresses

    step = progress or _quiet
    fmt = registry.detect(path, format_name)
    step(f"Reading {path.name}", 0, None)
    wanted = {k: v for k, v in {**(options or {}), "mapping": mapping}.items() if v is not None}
    _check_options(fmt, wanted)
    parsed = _parse(fmt, path, wanted, file_limits.Budget(record_limit, path.name))
    digest = _digest(path)
    own = set(own_addresses(owner=owner))
    _leave_out_owner(parsed, own)
    if not own and _by_address(parsed):
        if add_people:
            raise ValidationError(NO_OWN_ADDRESS, field="add_people")
        parsed.skipped.append(
            "Without your own addresses (tiebook me --email, or Settings) every message and "
            "meeting counts as someone else's."
        )
    if add_people:
        known = known_people(owner)
        parsed.people.extend(participants_as_people(parsed.interactions, own, known))
    # Matching only reads, so it runs outside the write lock: on SQLite the web app keeps
    # writing while a large file is matched. The write then checks that the network has not
    # moved meanwhile (else it matches again, holding the lock): a plan never meets a changed
    # network.
    total = len(parsed.people)

    def planned() -> Plan:
        found = plan_import(
            parsed, load_existing(owner), lambda done, _: step("Matching", done, total)
        )
        step("Matching", total, total)
        return found

    mark = network_mark(owner)
    plan = planned()
    if dry_run:
        report = _report(fmt.name, path, plan, parsed, dry_run)
        report.counts["interactions"], learners = interactions_to_link(
            owner=owner,
            source=fmt.name,
            records=parsed.interactions,
            own=own,
            planned=_planned_keys(plan),
        )
        report.counts["updated"] += len(learners - _counted(plan, {}))
        return report
    with transaction.atomic():
        if network_mark(owner) != mark:  # someone wrote to the network while it was matched
            plan = planned()
        report = _report(fmt.name, path, plan, parsed, dry_run)
        run = _write(owner, fmt.name, path, digest, plan, parsed, own, report, step)
        report.run_id = run.pk
    if report.counts["created"] + report.counts["interactions"] >= BIG_WRITE:
        statistics_refresh()
    return report


def problem_line(ref: str, message: str) -> str:
    """The problem as one line naming where it is, without saying the place twice."""
    return message if message.startswith(ref) else f"{ref}: {message}"


def _counted(plan: Plan, ids: dict[int, int]) -> set[int]:
    """People the plan already counts as created or updated (`ids` maps planned ids of new
    people to their database ids, once written)."""
    return {ids.get(p.person, p.person) for p in plan.people if outcome(p) != "skipped"}


def _planned_keys(plan: Plan) -> list[tuple[list[tuple[str, str]], str]]:
    """The email and profile keys, and the name, of each person an import would add."""
    planned: dict[int, tuple[list[tuple[str, str]], str]] = {}
    for item in plan.people:
        if item.is_new:
            keys, _ = planned.setdefault(item.person, ([], item.record.display_name()))
            keys += [("email", e) for e in item.keys.emails]
            keys += [("social", p) for p in item.keys.profiles]
    return list(planned.values())


Progress = Callable[[str, int, int | None], None]


def _quiet(stage: str, done: int, total: int | None) -> None:
    pass


def _by_address(parsed: ParseResult) -> bool:
    """Whether the interactions name people by address (mail, meetings): then only the owner's
    own addresses tell the owner apart."""
    return any(p.email for record in parsed.interactions for p in record.participants)


def _check_options(fmt, options: dict) -> None:
    accepted = inspect.signature(fmt.parse).parameters
    for name in options:
        if name not in accepted:
            raise ValidationError(
                f"--{'map' if name == 'mapping' else name} does not apply to {fmt.name} files.",
                field=name,
            )


def _parse(fmt, path: Path, options: dict, budget: file_limits.Budget) -> ParseResult:
    """The file read by its format: one that reads as it goes (a CSV) stops at the budget's
    limit; one that reads whole files is counted first, and held to it once it is done."""
    if "budget" in inspect.signature(fmt.parse).parameters:
        return fmt.parse(path, **options, budget=budget)
    try:
        budget.precount(path, fmt.name)
    except OSError as error:
        raise ImportFileError(f"{path.name} cannot be read: {error.strerror}.") from None
    parsed = fmt.parse(path, **options)
    budget.take(len(parsed.people) + len(parsed.interactions) + len(parsed.vouches))
    return parsed


def _digest(path: Path) -> str:
    """The SHA-256 of the file, or of a folder's files (a Maildir) in name order."""
    digest = hashlib.sha256()
    try:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    except OSError as error:
        raise ImportFileError(f"{path.name} cannot be read: {error.strerror}.") from None
    return digest.hexdigest()


def _leave_out_owner(parsed: ParseResult, own: set[str]) -> None:
    """A contact card of the owner's own (a phone's "me" card) is not a person to keep."""
    from tiebook.interchange.linking import email_key

    if not own:
        return
    mine = [p for p in parsed.people if any(email_key(e.value) in own for e in p.emails)]
    if mine:
        parsed.people = [p for p in parsed.people if p not in mine]
        refs = ", ".join(p.ref for p in mine[:5])
        parsed.skipped.append(f"{refs}: your own address (see 'tiebook me'); not a person.")


def participants_as_people(records, own: set[str], known) -> list[PersonRecord]:
    """A person record for each participant with an address who is neither the owner nor
    someone the network knows (by that address, or by their one name), once each."""
    from tiebook.interchange.linking import declined, email_key

    found: dict[str, PersonRecord] = {}
    for record in records:
        if declined(record, own):
            continue
        for ref in record.participants:
            key = email_key(ref.email)
            if key and key not in own and key not in found and not known.knows(ref):
                found[key] = PersonRecord(
                    ref=record.ref, name=ref.name.strip(), emails=[Labeled(ref.email.strip())]
                )
    return list(found.values())


def _report(source: str, path: Path, plan: Plan, parsed: ParseResult, dry: bool) -> ImportReport:
    counts = {k: plan.count(k) for k in ("created", "updated", "merged", "skipped")}
    counts["failed"] = len({p.ref for p in plan.problems})
    counts["interactions"] = len(parsed.interactions)
    counts["review"] = sum(1 for p in plan.people if p.match.maybe is not None)
    counts["vouches"] = len(parsed.vouches)
    outcomes = [
        {
            "ref": p.record.ref,
            "name": p.record.display_name(),
            "outcome": outcome(p),
            "why": p.match.evidence,
        }
        for p in plan.people
    ]
    return ImportReport(
        source=source,
        file_name=path.name,
        dry_run=dry,
        run_id=None,
        counts=counts,
        problems=[
            {"ref": p.ref, "message": p.message, "line": problem_line(p.ref, p.message)}
            for p in plan.problems
        ],
        notes=[*parsed.skipped, *cut_notes(plan)],
        outcomes=outcomes,
    )


class _Log:
    """The undo log of one run: rows created and fields filled."""

    def __init__(self, owner, run: ImportRun):
        self.owner, self.run, self.rows = owner, run, []

    def created(self, objects) -> None:
        objects = list(objects)
        if objects:
            self.rows.append(
                ImportChange(
                    owner=self.owner,
                    run=self.run,
                    action="created",
                    model=objects[0]._meta.label,
                    object_ids=[obj.pk for obj in objects],
                )
            )

    def filled(self, person_id: int, name: str, old) -> None:
        self.rows.append(
            ImportChange(
                owner=self.owner,
                run=self.run,
                action="filled",
                model="people.Person",
                object_id=person_id,
                field=name,
                old_value=old,
            )
        )

    def save(self) -> None:
        create(self.rows)


def _write(
    owner,
    source: str,
    path: Path,
    digest: str,
    plan: Plan,
    parsed: ParseResult,
    own: set[str],
    report: ImportReport,
    step: Progress = _quiet,
) -> ImportRun:
    from tiebook.followups.services import people_refresh_due

    run = ImportRun.objects.create(
        owner=owner,
        source=source,
        file_name=path.name[:500],
        file_hash=digest,
        problems=report.problems,
        notes=report.notes,
        **{
            k: report.counts[k]
            for k in ("created", "updated", "merged", "skipped", "failed", "interactions")
        },
    )
    log = _Log(owner, run)
    stages = 6
    step("Writing people", 0, stages)
    orgs = _organizations(owner, plan, log)
    ids = _people(owner, plan, orgs, log)
    step("Writing details", 1, stages)
    _fill(owner, plan, ids, orgs, log)
    _details(owner, plan, ids, log)
    step("Linking interactions", 2, stages)
    known = known_people(owner) if parsed.interactions or parsed.vouches else None
    run.interactions, talked, notes = link_interactions(
        owner=owner, source=source, records=parsed.interactions, own=own, log=log, people=known
    )
    report.counts["vouches"], vouched = link_vouches(
        owner=owner, source=source, records=parsed.vouches, log=log, people=known
    )
    if known is not None:
        learners = addresses_learn(owner=owner, people=known, log=log)
        run.updated = report.counts["updated"] = run.updated + len(learners - _counted(plan, ids))
    run.notes = report.notes = [*report.notes, *notes, *vouched]
    run.save(update_fields=["interactions", "notes", "updated"])
    report.counts["interactions"] = run.interactions
    step("Keeping the undo log", 3, stages)
    log.save()
    # New people were scheduled as they were made; only existing people given a type, and
    # anyone in a new interaction, need their follow-ups recomputed.
    step("Scheduling follow-ups", 4, stages)
    retyped = {ids[p.person] for p in plan.people if p.new_types and not p.is_new}
    people_refresh_due(owner=owner, people=sorted(retyped | talked))
    step("Committing", 5, stages)
    return run


def _organizations(owner, plan: Plan, log: _Log) -> dict[str, Organization]:
    names = {
        normalize.organization_key(p.organization): p.organization
        for p in plan.people
        if p.organization
    }
    found = {o.name_key: o for o in Organization.objects.filter(owner=owner, name_key__in=names)}
    new = [
        Organization(owner=owner, name=n, name_key=k) for k, n in names.items() if k not in found
    ]
    create(new)
    log.created(new)
    found.update({o.name_key: o for o in new})
    return found


def _moment(day: dt.date | None):
    from tiebook.core.timeparse import start_of_day

    return start_of_day(day) if day else now()


def _people(owner, plan: Plan, orgs, log: _Log) -> dict[int, int]:
    """Create the new people; returns planned id -> database id for everyone in the plan."""
    ids = {p.person: p.person for p in plan.people if not p.is_new}
    first = {}
    for item in plan.people:
        if item.is_new and item.person not in first:
            first[item.person] = item
    types: dict[int, list[str]] = {}
    for item in plan.people:
        if item.is_new:
            types.setdefault(item.person, []).extend(item.new_types)
    schedule = _scheduler(type_intervals_for(owner=owner), today())
    new, moments = [], {}  # the start of each day, worked out once (thousands share a day)
    for planned, item in first.items():
        person = _new_person(owner, item, orgs, moments)
        schedule(person, types[planned])
        new.append(person)
    create(new)
    log.created(new)
    ids.update({planned: person.pk for planned, person in zip(first, new, strict=True)})
    return ids


def _new_person(owner, item: PersonPlan, orgs, moments: dict) -> Person:
    record = item.record
    display = item.keys.display or "(no name)"  # the record's name, cut as it is stored
    given, family = record.given_name.strip(), record.family_name.strip()
    if not (given or family):
        given, family = normalize.split_name(display)
    day = record.connected_on
    if day not in moments:
        moments[day] = _moment(day)
    created = moments[day]
    org = orgs.get(normalize.organization_key(item.organization)) if item.organization else None
    person = _build_person(
        owner_id=owner.pk,
        display_name=display,
        given_name=given[: limits.GIVEN_NAME],
        family_name=family[: limits.FAMILY_NAME],
        search_name=normalize.text_key(display)[: limits.NAME],
        organization_id=org.pk if org else None,
        created_at=created,
        updated_at=created,
        **{k: v for k, v in item.fills.items()},
    )
    item.fills = {}
    item.organization = ""
    return person


def _scheduler(overrides: dict[str, int], now_day):
    """Due date, interval and tie strength of someone new with no interactions yet, which
    depend only on their types and the day they were added: worked out once per pair."""
    from tiebook.followups.services import followup_state, schedule
    from tiebook.insights.tie_strength import TieInputs, tie_strength

    known: dict[tuple, tuple] = {}

    def apply(person: Person, types: list[str]) -> None:
        key = (tuple(types), person.created_at)
        if key not in known:
            schedule(person, followup_state(person, types, overrides))
            day = person.created_at.date()
            score = tie_strength(
                TieInputs(today=now_day, added_on=min(day, now_day), type_count=len(set(types)))
            ).score
            known[key] = (person.next_due_on, person.followup_interval_days, score)
        person.next_due_on, person.followup_interval_days, person.tie_strength = known[key]

    return apply


def _fill(owner, plan: Plan, ids: dict[int, int], orgs, log: _Log) -> None:
    """Give existing people what they lacked (empty fields only), keeping the old values."""
    wanted: dict[int, dict] = {}
    for item in plan.people:
        changes = dict(item.fills)
        if item.organization:
            changes["organization"] = orgs[normalize.organization_key(item.organization)]
        if changes:
            wanted.setdefault(ids[item.person], {}).update(changes)
    if not wanted:
        return
    people = in_chunks(wanted, lambda ids: Person.objects.filter(owner=owner, pk__in=ids))
    stamp = now()
    fields = {"updated_at"}
    for person in people:
        log.filled(person.pk, "updated_at", person.updated_at.isoformat())
        for name, value in wanted[person.pk].items():
            attribute = "organization_id" if name == "organization" else name
            log.filled(person.pk, attribute, getattr(person, attribute))
            if name == "organization":
                value = value.pk
            setattr(person, attribute, value)
            fields.add(attribute)
        person.updated_at = stamp
    Person.objects.bulk_update(people, sorted(fields), batch_size=update_batch(len(fields)))


def _details(owner, plan: Plan, ids: dict[int, int], log: _Log) -> None:
    contacts, types, tagged = [], [], []
    # Only people who were there before the import, and gain an address, may already have a
    # primary one of its kind.
    has_primary = set(
        in_chunks(
            {p.person for p in plan.people if p.new_contacts and not p.is_new},
            lambda chunk: ContactPoint.objects.filter(
                owner=owner, is_primary=True, person_id__in=chunk
            ).values_list("person_id", "kind"),
        )
    )
    stamp = now()
    for item in plan.people:
        person = ids[item.person]
        for kind, value, normalized, label in item.new_contacts:
            primary = (person, kind) not in has_primary
            has_primary.add((person, kind))
            contacts.append(
                _build_contact(
                    owner_id=owner.pk,
                    created_at=stamp,
                    person_id=person,
                    kind=kind,
                    value=value,
                    normalized=normalized,
                    label=label,
                    is_primary=primary,
                )
            )
        types += [
            _build_type(owner_id=owner.pk, created_at=stamp, person_id=person, type=c)
            for c in item.new_types
        ]
        tagged += [(person, t) for t in item.tags]
    for rows in (contacts, types):
        create(rows)
        log.created(rows)
    _tags(owner, tagged, log)


def _tags(owner, tagged: list[tuple[int, str]], log: _Log) -> None:
    names = {normalize.tag_key(t): t for _, t in tagged}
    found = {t.name_key: t for t in Tag.objects.filter(owner=owner, name_key__in=names)}
    new = [Tag(owner=owner, name=n, name_key=k) for k, n in names.items() if k not in found]
    create(new)
    log.created(new)
    found.update({t.name_key: t for t in new})
    links = [
        PersonTag(owner=owner, person_id=p, tag=found[normalize.tag_key(t)])
        for p, t in dict.fromkeys(tagged)
    ]
    create(links)
    log.created(links)
