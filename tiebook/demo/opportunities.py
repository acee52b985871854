"""The demo's opportunities and referrals: about one opportunity per 2,000 people (at least a
handful) spread over the stages, with their people, history and next steps, and referrals on the
timelines of the people asked. A fixed number of statements, whatever the network's size."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from tiebook.demo.world import World
from tiebook.followups.models import Nudge
from tiebook.interactions.models import Interaction, Participant
from tiebook.opportunities.domain import PIPELINE
from tiebook.opportunities.models import (
    Opportunity,
    OpportunityPerson,
    Referral,
    StageChange,
)
from tiebook.opportunities.referrals import referral_summary
from tiebook.opportunities.reminders import SOURCE, next_step_why
from tiebook.people.models import Organization, Person

PEOPLE_PER_OPPORTUNITY = 2_000
AT_LEAST = 6
PEOPLE_PER_REFERRAL = 600  # referrals outside opportunities: favours, introductions
BATCH = 1_000

TITLES = {
    "job": ["Staff engineer", "Engineering manager", "Senior data analyst", "Head of finance",
            "Product lead", "Principal consultant", "Clinical nurse lead", "Senior counsel"],
    "client": ["Audit engagement", "Website rebuild", "Tax advisory retainer",
               "Cloud migration", "Compliance review"],
    "partnership": ["Co-marketing partnership", "Referral partnership", "Joint research grant"],
    "speaking": ["Talk at the regional meetup", "Conference keynote", "Panel on hiring",
                 "Guest lecture", "Webinar on regulation"],
    "other": ["Board seat", "Mentoring programme", "Advisory role"],
}  # fmt: skip
KIND_WEIGHTS = {"job": 40, "client": 25, "partnership": 10, "speaking": 20, "other": 5}
STAGE_WEIGHTS = {
    "idea": 12, "exploring": 16, "referral_asked": 14, "applied": 12, "interviewing": 10,
    "offer": 6, "won": 10, "lost": 12, "closed": 8,
}  # fmt: skip
STEPS = ["Ask for a referral", "Send the portfolio", "Follow up on the application",
         "Prepare for the interview", "Send the proposal", "Confirm the talk abstract"]  # fmt: skip
ROLES_FOR = ["referrer", "hiring_manager", "champion", "interviewer", "reference"]
OUTCOMES = ["pending", "pending", "helped", "helped", "declined", "no_answer"]


def demo_opportunities(*, owner, world: World, orgs: list[int]) -> int:
    """Write the demo's opportunities and referrals; returns the interactions it added."""
    rng = random.Random(world.rng.getrandbits(64))
    count = max(AT_LEAST, world.people // PEOPLE_PER_OPPORTUNITY)
    extra = world.people // PEOPLE_PER_REFERRAL
    wanted = min(world.people, count * 4 + extra)
    sample = sorted(world.pks[i] for i in rng.sample(range(world.people), wanted))
    people = list(
        Person.objects.filter(owner=owner, pk__in=sample, last_interaction_at__isnull=False)
        .order_by("pk")
        .values_list("pk", "organization_id", "last_interaction_at")
    )
    opps = _opportunities(owner, world, rng, count, people, orgs)
    links = _links(owner, rng, opps, people)
    asked = [(opp, person) for opp, person in links if opp.stage != "idea"][: count * 2]
    asked += [(None, person) for person in rng.sample(people, min(len(people), extra))]
    return _referrals(owner, rng, asked)


def _opportunities(owner, world, rng, count, people, orgs) -> list[Opportunity]:
    stages = rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()), k=count)
    chosen = [
        (people[n % len(people)][1] if people else None) or (rng.choice(orgs) if orgs else None)
        for n in range(count)
    ]
    # Their names, which the referrals' timeline lines carry, as the world planned them.
    by_id = {
        pk: Organization(pk=pk, owner=owner, name=plan.name)
        for pk, plan in zip(orgs, world.orgs, strict=True)
    }
    rows, history = [], []
    for n, stage in enumerate(stages):
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        org = by_id.get(chosen[n])
        started = world.today - dt.timedelta(days=rng.randint(20, 200))
        step = "" if stage in ("won", "lost", "closed") else rng.choice(STEPS)
        when = timezone.make_aware(dt.datetime.combine(started, dt.time(9)), dt.UTC)
        rows.append(
            Opportunity(
                owner=owner, title=rng.choice(TITLES[kind]), kind=kind, organization=org,
                stage=stage, next_step=step, created_at=when, updated_at=when,
                next_step_on=world.today + dt.timedelta(days=rng.randint(-3, 21)) if step else None,
            )
        )  # fmt: skip
        history.append(_path(stage, started, world.today))
    made = Opportunity.objects.bulk_create(rows, batch_size=BATCH)
    changes = [
        StageChange(owner=owner, opportunity=opp, from_stage=before, stage=after, changed_on=day,
                    created_at=opp.created_at)
        for opp, path in zip(made, history, strict=True)
        for before, after, day in path
    ]  # fmt: skip
    StageChange.objects.bulk_create(changes, batch_size=BATCH)
    Nudge.objects.bulk_create(
        [
            Nudge(owner=owner, person=None, source=SOURCE, source_id=opp.pk,
                  due_on=opp.next_step_on, why=next_step_why(opp), since=opp.created_at,
                  closes_on_contact=False, created_at=opp.created_at)
            for opp in made
            if opp.next_step_on is not None
        ],
        batch_size=BATCH,
    )  # fmt: skip
    return made


def _path(stage: str, started: dt.date, today: dt.date) -> list[tuple[str, str, dt.date]]:
    """The stages it went through to reach `stage`, spread from `started` to today."""
    if stage in PIPELINE:
        reached = list(PIPELINE[: PIPELINE.index(stage) + 1])
    else:  # lost or closed: somewhere along the way
        reached = [*PIPELINE[:4], stage]
    span = max(1, (today - started).days)
    days = [started + dt.timedelta(days=span * i // len(reached)) for i in range(len(reached))]
    befores = ["", *reached[:-1]]
    return list(zip(befores, reached, days, strict=True))


def _links(owner, rng, opps, people) -> list[tuple[Opportunity, tuple]]:
    rows, pairs = [], []
    pool = list(people)
    rng.shuffle(pool)
    for n, opp in enumerate(opps):
        for role, person in zip(
            ROLES_FOR[: rng.randint(1, 3)], pool[n * 3 : n * 3 + 3], strict=False
        ):
            rows.append(
                OpportunityPerson(owner=owner, opportunity=opp, person_id=person[0], role=role,
                                  created_at=opp.created_at)
            )  # fmt: skip
            if role == "referrer":
                pairs.append((opp, person))
    OpportunityPerson.objects.bulk_create(rows, batch_size=BATCH)
    return pairs


def _referrals(owner, rng, asked) -> int:
    """Each referral dated at its person's last touch, so the cached last touch stays true."""
    referrals, interactions = [], []
    for opp, (pk, _org, last) in asked:
        kind = "referral" if opp is not None else rng.choice(["introduction", "favour"])
        direction = "asked" if opp is not None else rng.choice(["asked", "given", "received"])
        referral = Referral(
            owner=owner, person_id=pk, opportunity=opp, direction=direction, kind=kind,
            occurred_on=timezone.localdate(last), outcome=rng.choice(OUTCOMES), created_at=last,
        )  # fmt: skip
        referrals.append(referral)
        interactions.append(
            Interaction(
                owner=owner, kind="message", occurred_at=last, created_at=last,
                direction="incoming" if direction == "received" else "outgoing",
                summary=referral_summary(referral), source="referral",
            )
        )  # fmt: skip
    Interaction.objects.bulk_create(interactions, batch_size=BATCH)
    Participant.objects.bulk_create(
        [
            Participant(owner=owner, interaction=i, person_id=r.person_id,
                        occurred_at=i.occurred_at, created_at=i.created_at)
            for r, i in zip(referrals, interactions, strict=True)
        ],
        batch_size=BATCH,
    )  # fmt: skip
    for referral, interaction in zip(referrals, interactions, strict=True):
        referral.interaction = interaction
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    return len(interactions)
