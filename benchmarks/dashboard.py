"""Dashboard page times over a year of invented use (prints figures, asserts nothing).

Fills a fresh database with ``coach demo-data``'s generator (10,000 participants and 1,000,000
engagement events by default) on SQLite (a temporary file) and on PostgreSQL (a new schema, when
``--postgres URL`` or ``COACH_TEST_POSTGRES_URL`` gives a server), then requests pages through
the real application in-process, signed in, and prints p50/p95 per page (target: 300 ms):

* a coach's caseload, for a coach with a typical caseload (about 200 people);
* the timeline and the pre-call brief of a typical participant of that coach's (the median
  number of reflections), and of their busiest;
* every GET page under /evaluator and /admin that the app has (found in its routes, so pages
  added later are timed without touching this file);
* last, the caseload of one coach given every participant, its first and last pages: the
  worst case.

    python benchmarks/dashboard.py [--participants 10000] [--events 1000000] [--rounds 20]
                                   [--postgres URL | --no-postgres] [--only PREFIX ...]

``--only /evaluator/retention`` times only the pages whose path starts with that prefix (give it
more than once for several); the database is filled all the same.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select, update

from bot.demo.load import load_demo_data
from bot.services import Services, build_services
from bot.settings import Settings
from bot.store.models import (
    CoachAssignment,
    Participant,
    ReflectionSession,
    StaffRole,
    StaffUser,
)
from bot.store.staff import create_staff, start_session
from bot.web import cookies
from bot.web.app import create_app
from bot.web.routes.coach import CASELOAD_PAGE

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import fresh_schema, percentile  # noqa: E402

TARGET_MS = 300
AREAS = {"/evaluator": StaffRole.EVALUATOR, "/admin": StaffRole.ADMIN}


def signed_in(app: FastAPI, services: Services, staff_id: int) -> TestClient:
    """A client with a session made in the store (signing in through the form is not timed)."""
    with services.database.transaction() as session:
        user = session.get(StaffUser, staff_id)
        assert user is not None
        token, _ = start_session(
            session=session, user=user, lifetime=app.state.web.session_lifetime, at=_now()
        )
    client = TestClient(app)
    client.cookies.set(cookies.SESSION, token)
    return client


def timed(client: TestClient, path: str, rounds: int) -> tuple[list[float], int]:
    """Milliseconds per request (after one untimed warm-up) and the last status code."""
    status = client.get(path).status_code
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        status = client.get(path).status_code
        times.append((time.perf_counter() - started) * 1000)
    return times, status


def typical_coach(services: Services) -> tuple[int, int]:
    """The coach whose caseload is the median size, and its size."""
    with services.database.transaction() as session:
        sizes = session.execute(
            select(CoachAssignment.staff_id, func.count())
            .group_by(CoachAssignment.staff_id)
            .order_by(func.count(), CoachAssignment.staff_id)
        ).all()
    staff_id, size = sizes[len(sizes) // 2]
    return staff_id, size


def by_reflections(services: Services, coach_id: int) -> list[tuple[int, int]]:
    """The coach's participants with reflections, and how many each, fewest first."""
    with services.database.transaction() as session:
        found = session.execute(
            select(ReflectionSession.participant_id, func.count())
            .join(
                CoachAssignment,
                CoachAssignment.participant_id == ReflectionSession.participant_id,
            )
            .where(CoachAssignment.staff_id == coach_id)
            .group_by(ReflectionSession.participant_id)
            .order_by(func.count(), ReflectionSession.participant_id)
        ).all()
    assert found, "the typical coach has no participant with a reflection"
    return [(pid, count) for pid, count in found]


def staff_with_role(services: Services, role: StaffRole) -> int:
    with services.database.transaction() as session:
        found = session.scalar(
            select(StaffUser.id).where(StaffUser.role == role).order_by(StaffUser.id).limit(1)
        )
    assert found is not None
    return found


def coach_of_everyone(services: Services) -> int:
    """A new coach given every participant (the worst caseload there can be)."""
    at = _now()
    with services.database.transaction() as session:
        coach = create_staff(
            session=session,
            email="everyone@demo.example",
            role=StaffRole.COACH,
            password_hash="!",
            at=at,
        )
        session.execute(update(CoachAssignment).values(staff_id=coach.id, assigned_at=at))
        unassigned = session.scalars(
            select(Participant.id).where(
                ~Participant.id.in_(select(CoachAssignment.participant_id))
            )
        ).all()
        rows = [
            {"participant_id": pid, "staff_id": coach.id, "assigned_at": at} for pid in unassigned
        ]
        if rows:
            session.execute(insert(CoachAssignment), rows)
        return coach.id


def pages(app: FastAPI) -> list[tuple[str, StaffRole]]:
    """Every GET page without path parameters under the areas timed, as the app has them."""
    found = []
    for route in app.routes:
        if isinstance(route, APIRoute) and "GET" in route.methods and "{" not in route.path:
            for prefix, role in AREAS.items():
                if route.path == prefix or route.path.startswith(prefix + "/"):
                    found.append((route.path, role))
    return sorted(found)


def run(name: str, url: str, directory: Path, args: argparse.Namespace, echo: Callable) -> None:
    settings = Settings(
        data_dir=directory / "data",
        database_url=url,
        prompts_dir=ROOT / "prompts",
        knowledge_enabled=False,
    )
    services = build_services(settings)
    try:
        report = load_demo_data(
            database=services.database,
            flows=services.content.flows,
            notice_version=services.content.notice.version,
            pseudonymiser=services.pseudonymiser,
            invite_hash=services.conversation.invite_hash,
            participants=args.participants,
            events=args.events,
            seed=args.seed,
            end=_now().date(),
        )
        echo(
            f"{name}: {args.participants:,} participants, {args.events:,} events, "
            f"{report.total:,} rows generated in {report.seconds:.1f} s "
            f"= {report.total / report.seconds:,.0f} rows/s"
        )
        app = create_app(services)
        coach_id, size = typical_coach(services)
        coach = signed_in(app, services, coach_id)
        people = by_reflections(services, coach_id)
        measured = [(f"coach caseload ({size} people)", coach, "/coach")]
        # A typical participant of theirs, and their busiest.
        for person, reflections in (people[len(people) // 2], people[-1]):
            measured += [
                (f"timeline ({reflections} reflections)", coach, f"/coach/participants/{person}"),
                (
                    f"brief ({reflections} reflections)",
                    coach,
                    f"/coach/participants/{person}/brief",
                ),
            ]
        clients = {
            role: signed_in(app, services, staff_with_role(services, role))
            for role in set(AREAS.values())
        }
        measured += [(path, clients[role], path) for path, role in pages(app)]
        for label, client, path in measured:
            if _chosen(path, args):
                _report(echo, label, *timed(client, path, args.rounds))
        last = -(-args.participants // CASELOAD_PAGE)
        worst = [page for page in sorted({1, last}) if _chosen(f"/coach?page={page}", args)]
        if not worst:
            return
        everyone = signed_in(app, services, coach_of_everyone(services))
        for page in worst:
            label = f"coach caseload (all {args.participants:,}, page {page} of {last})"
            _report(echo, label, *timed(everyone, f"/coach?page={page}", args.rounds))
    finally:
        services.close()


def _chosen(path: str, args: argparse.Namespace) -> bool:
    """Whether ``--only`` (when given) asks for this page."""
    return not args.only or path.startswith(tuple(args.only))


def _report(echo: Callable, label: str, times: list[float], status: int) -> None:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    over = "  over target" if p95 > TARGET_MS else ""
    failed = f"  (HTTP {status})" if status != 200 else ""
    echo(f"  {label:<42} p50 {p50:6.0f} ms  p95 {p95:6.0f} ms{over}{failed}")


def _now() -> datetime:
    return datetime.now(UTC)


def main(argv: list[str] | None = None, echo: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", default=os.environ.get("COACH_TEST_POSTGRES_URL"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--only",
        action="append",
        metavar="PREFIX",
        help="time only the pages whose path starts with PREFIX (may be given more than once)",
    )
    args = parser.parse_args(argv)
    postgres = None if args.no_postgres else args.postgres
    databases: list[tuple[str, str | None]] = [("SQLite", None)]
    if postgres:
        databases.append(("PostgreSQL", postgres))
    for name, base in databases:
        with tempfile.TemporaryDirectory() as directory, fresh_schema(base) as url:
            run(name, url or f"sqlite:///{directory}/coach.db", Path(directory), args, echo)
    if not postgres:
        echo("PostgreSQL: skipped (give --postgres URL or set COACH_TEST_POSTGRES_URL)")


if __name__ == "__main__":
    main()
