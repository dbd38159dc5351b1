"""``load_demo_data``: a year of invented use, written into the configured database.

Staff (coaches, an evaluator, an admin), programmes and cohorts go in through the ordinary store
functions; everything about participants goes in through ``BulkWriter``. The same seed and end
date give the same data. Refuses a database that already holds participants unless forced:
invented people must never be mixed into a real caseload or a real evaluation by accident.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from time import perf_counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.demo.people import Joining, World, fixed_cost, write_participant
from bot.demo.shapes import flow_shapes
from bot.demo.writer import BulkWriter
from bot.flows.library import FlowLibrary
from bot.identity import Pseudonymiser
from bot.store.audit import AuditAction
from bot.store.database import Database
from bot.store.invites import ALPHABET, CODE_LENGTH, DEFAULT_PROGRAMME, create_cohort
from bot.store.models import Participant, StaffRole
from bot.store.staff import create_staff, find_staff

PROGRAMMES = (DEFAULT_PROGRAMME, "Partnership working")
PLACES = (
    "Camden", "Hackney", "Lambeth", "Bristol", "Leeds", "Sheffield", "Bradford", "Salford",
    "Liverpool", "Newcastle", "Gateshead", "Leicester", "Coventry", "Luton", "Swindon",
    "Plymouth", "Hull", "Sunderland", "Stoke", "Derby", "Wolverhampton", "Oldham", "Blackburn",
    "Norwich", "Ipswich", "Cardiff", "Swansea", "Glasgow", "Dundee", "Belfast",
)  # fmt: skip
COHORT_SIZE = 30
IN_A_COHORT = 0.93
CASELOAD = 200  # participants per coach, roughly
ASSIGNED = 0.94  # of a cohort's members, given to the cohort's coach
NO_PASSWORD = "!demo account: no password set"  # not an argon2 hash, so it matches nothing
EMAIL_DOMAIN = "demo.example"


class RealParticipants(RuntimeError):
    """The database already holds participants: demo data would be mixed in with them."""


@dataclass(frozen=True)
class Report:
    rows: dict[str, int]
    seconds: float
    staff: list[str]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def participant_count(*, session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Participant)) or 0


def load_demo_data(
    *,
    database: Database,
    flows: FlowLibrary,
    notice_version: str,
    pseudonymiser: Pseudonymiser,
    invite_hash: Callable[[str], str],
    participants: int,
    events: int,
    seed: int,
    end: date,
    password_hash: str | None = None,
    force: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> Report:
    """Write the data in one transaction; ``ValueError`` if ``events`` is too few to go round."""
    rng = random.Random(seed)
    until = datetime.combine(end, time(18, 0), UTC)
    started = perf_counter()
    with database.transaction() as session:
        existing = participant_count(session=session)
        if existing and not force:
            raise RealParticipants(f"the database already holds {existing} participant(s)")
        first = until - timedelta(days=400)
        staff = _staff(session, participants, password_hash or NO_PASSWORD, first)
        admin_id, coaches = staff[0][1], [staff_id for _, staff_id, _ in staff[2:]]
        cohorts = _cohorts(session, rng, participants, until)
        writer = BulkWriter(session.connection(), rebuild_indexes=not existing)
        _staff_audit(writer, staff, first)
        world = World(flow_shapes(flows), notice_version, until, admin_id, invite_hash)
        joinings = _joinings(
            rng, writer, pseudonymiser, participants, events, seed, cohorts, coaches, until
        )
        step = max(1, participants // 10)
        for index, joining in enumerate(joinings, start=1):
            write_participant(writer, rng, joining, world)
            writer.flush_if_full()
            if index % step == 0 or index == participants:
                progress(f"  {index:,} participants, {writer.elapsed:.1f} s")
        _spare_codes(writer, rng, cohorts, invite_hash)
        rows = writer.finish()
    # Counted to the commit: on SQLite with synchronous=FULL, making it durable is part of it.
    return Report(rows, perf_counter() - started, [email for email, _, _ in staff])


def _staff(
    session: Session, participants: int, password_hash: str, at: datetime
) -> list[tuple[str, int, StaffRole | None]]:
    """(email, id, role if new) for the admin, the evaluator, then the coaches; existing
    accounts (from an earlier run) are reused."""
    coaches = max(2, math.ceil(participants * IN_A_COHORT * ASSIGNED / CASELOAD))
    wanted = [(f"admin@{EMAIL_DOMAIN}", StaffRole.ADMIN)]
    wanted.append((f"evaluator@{EMAIL_DOMAIN}", StaffRole.EVALUATOR))
    wanted += [(f"coach-{n:03d}@{EMAIL_DOMAIN}", StaffRole.COACH) for n in range(1, coaches + 1)]
    found: list[tuple[str, int, StaffRole | None]] = []
    for email, role in wanted:
        user = find_staff(session=session, email=email)
        if user is None:
            user = create_staff(
                session=session, email=email, role=role, password_hash=password_hash, at=at
            )
            found.append((email, user.id, role))
        else:
            found.append((email, user.id, None))
    return found


def _staff_audit(
    writer: BulkWriter, staff: list[tuple[str, int, StaffRole | None]], at: datetime
) -> None:
    """Accounts made from the command line are audited with no author, as ``coach staff``."""
    for _, staff_id, role in staff:
        if role is not None:
            writer.add(
                "audit_log",
                {
                    "at": at,
                    "staff_id": None,
                    "action": str(AuditAction.STAFF_ADDED),
                    "participant_id": None,
                    "erased_ref": None,
                    "target_staff_id": staff_id,
                    "detail": f"role={role.value}",
                },
            )


def _cohorts(
    session: Session, rng: random.Random, participants: int, until: datetime
) -> list[tuple[int, datetime]]:
    """(id, workshop day) for cohorts whose workshops fall across the year before ``until``."""
    count = max(1, round(participants * IN_A_COHORT / COHORT_SIZE))
    first = until - timedelta(days=380)
    made = []
    for index in range(count):
        workshop = first + timedelta(days=366 * index / count)
        season = ("winter", "spring", "summer", "autumn")[(workshop.month % 12) // 3]
        name = f"{rng.choice(PLACES)} {season} {workshop.year} ({index + 1})"
        cohort = create_cohort(
            session=session, name=name, programme=PROGRAMMES[index % len(PROGRAMMES)], at=first
        )
        cohort.workshop_date = workshop.date()
        made.append((cohort.id, workshop.replace(hour=9)))
    session.flush()
    return made


def _joinings(
    rng: random.Random,
    writer: BulkWriter,
    pseudonymiser: Pseudonymiser,
    participants: int,
    events: int,
    seed: int,
    cohorts: list[tuple[int, datetime]],
    coaches: list[int],
    until: datetime,
) -> list[Joining]:
    """Everyone's cohort, coach, dates and share of the events, decided before any is written."""
    first_id = writer.next_id("participants")
    drafts = []
    for index in range(participants):
        weight = rng.lognormvariate(0, 1.1)
        cohort_id, coach_id = None, None
        if rng.random() < IN_A_COHORT:
            position = rng.randrange(len(cohorts))
            cohort_id, workshop = cohorts[position]
            joined = workshop + timedelta(seconds=rng.uniform(0, 21 * 86_400))
            if rng.random() < ASSIGNED:
                coach_id = coaches[position % len(coaches)]
        else:
            joined = until - timedelta(seconds=rng.uniform(86_400, 365 * 86_400))
            coach_id = rng.choice(coaches) if rng.random() < 0.5 else None
        joined = min(joined, until - timedelta(days=rng.uniform(1, 2)))
        lifetime = timedelta(days=60 * weight**0.8 * rng.uniform(0.5, 1.5))
        active_until = min(until - timedelta(hours=12), joined + lifetime)
        active_until = max(joined + timedelta(hours=1), active_until)
        pseudonym = pseudonymiser.pseudonym(
            transport="demo", external_id=f"{seed}-{first_id + index}"
        )
        drafts.append((weight, Joining(pseudonym, cohort_id, coach_id, joined, active_until, 0)))
    needed = sum(fixed_cost(joining) for _, joining in drafts)
    if events < needed:
        raise ValueError(f"{participants} participants need at least {needed} events")
    spare = events - needed
    total_weight = sum(weight for weight, _ in drafts)
    shares = [math.floor(spare * weight / total_weight) for weight, _ in drafts]
    for index in rng.sample(range(participants), k=spare - sum(shares)):
        shares[index] += 1
    return [
        replace(joining, budget=fixed_cost(joining) + share)
        for (_, joining), share in zip(drafts, shares, strict=True)
    ]


def _spare_codes(
    writer: BulkWriter,
    rng: random.Random,
    cohorts: list[tuple[int, datetime]],
    invite_hash: Callable[[str], str],
) -> None:
    """A few codes per cohort nobody used: still valid for recent workshops, expired for old."""
    for cohort_id, workshop in cohorts:
        for _ in range(rng.randint(1, 4)):
            code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
            issued = workshop - timedelta(days=7)
            writer.add(
                "invite_codes",
                {
                    "code_hash": invite_hash(code),
                    "cohort_id": cohort_id,
                    "created_at": issued,
                    "expires_at": issued + timedelta(days=30),
                    "used_at": None,
                    "used_by": None,
                },
            )
