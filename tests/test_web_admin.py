"""Admin pages (staff, cohorts, assignments, the audit log), the evaluator's placeholder, and
what erasure and /export do with the dashboard's rows about a person."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services import Services
from bot.store.audit import AuditAction, record_audit, short_pseudonym
from bot.store.invites import create_cohort
from bot.store.models import AuditEntry, CoachAssignment, Participant, StaffUser
from bot.store.participants import get_or_create_participant
from bot.web.app import create_app
from bot.web.rendering import NOTHING

from web_support import add_staff, assign, browser, participant

AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
NEW = {"role": "coach", "password": "a long enough password"}


def _audit(services: Services) -> list[tuple[str, int | None, int | None]]:
    with services.database.transaction() as session:
        rows = session.execute(
            select(
                AuditEntry.action, AuditEntry.participant_id, AuditEntry.target_staff_id
            ).order_by(AuditEntry.id)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_an_admin_adds_and_disables_staff(services: Services) -> None:
    app = create_app(services)
    admin_id = add_staff(services, "admin@example.org", "admin")
    admin = browser(app, services, admin_id)
    form = {**NEW, "email": "New.Coach@Example.org", "password_again": NEW["password"]}
    assert admin.post("/admin/staff", form).status_code == 303
    page = admin.get("/admin/staff").text
    assert "new.coach@example.org" in page
    for problem, change in (
        ("differ", {"password_again": "something else entirely"}),
        ("at least 12", {"password": "short", "password_again": "short"}),
        ("does not look like an email", {"email": "not-an-email"}),
        ("already", {}),
    ):
        response = admin.post("/admin/staff", {**form, **change})
        assert response.status_code == 400 and problem in response.text, problem
    with services.database.transaction() as session:
        new = session.scalars(select(StaffUser).where(StaffUser.email == "new.coach@example.org"))
        new_id = new.one().id
    assert admin.post(f"/admin/staff/{new_id}/disable").status_code == 303
    own = admin.post(f"/admin/staff/{admin_id}/disable")
    assert own.status_code == 400 and "your own account" in own.text
    assert admin.post("/admin/staff/999999/disable").status_code == 404
    with services.database.transaction() as session:
        assert session.get(StaffUser, new_id).active is False  # type: ignore[union-attr]
        assert session.get(StaffUser, admin_id).active is True  # type: ignore[union-attr]
    assert _audit(services) == [("staff_added", None, new_id), ("staff_disabled", None, new_id)]


def test_participants_are_assigned_by_pseudonym_prefix(services: Services) -> None:
    app = create_app(services)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    coach_a = add_staff(services, "a@example.org", "coach")
    coach_b = add_staff(services, "b@example.org", "coach")
    evaluator = add_staff(services, "e@example.org", "evaluator")
    with services.database.transaction() as session:
        people = [
            get_or_create_participant(session=session, pseudonym=pseudonym, at=AT).id
            for pseudonym in ("abcdef01" + "0" * 56, "abcdef02" + "0" * 56, "123456" + "f" * 58)
        ]
    done = admin.post(
        "/admin/assignments", {"pseudonym_prefix": "ABCDEF01", "coach_id": str(coach_a)}
    )
    assert done.status_code == 200 and "abcdef0100 is now with a@example.org" in done.text
    assert (
        admin.post(
            "/admin/assignments", {"pseudonym_prefix": "abcdef01", "coach_id": str(coach_b)}
        ).status_code
        == 200
    )
    for prefix, coach, problem in (
        ("abcdef", coach_a, "several participants match"),
        ("abc", coach_a, "at least 6 characters"),
        ("zzzzzzzz", coach_a, "at least 6 characters"),
        ("999999", coach_a, "no participant"),
        ("123456", evaluator, "choose an active coach"),
        ("123456", 999999, "choose an active coach"),
    ):
        response = admin.post(
            "/admin/assignments", {"pseudonym_prefix": prefix, "coach_id": str(coach)}
        )
        assert response.status_code == 400 and problem in response.text, prefix
    assert "choose an active coach" in response.text
    with services.database.transaction() as session:
        assert session.get(CoachAssignment, people[0]).staff_id == coach_b  # type: ignore[union-attr]
    page = admin.get("/admin/assignments").text
    assert re.search(r"b@example.org</td><td class=\"number\">1<", page)
    assert re.search(r"Without a coach</td><td class=\"number\">2<", page)
    off = admin.post("/admin/assignments", {"pseudonym_prefix": "abcdef01", "coach_id": "0"})
    assert "now has no coach" in off.text
    assert _audit(services) == [
        ("participant_assigned", people[0], coach_a),
        ("participant_assigned", people[0], coach_b),
        ("participant_unassigned", people[0], None),
    ]


def test_the_cohorts_page_counts_participants_and_coached_ones(services: Services) -> None:
    app = create_app(services)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    coach = add_staff(services, "a@example.org", "coach")
    with services.database.transaction() as session:
        cohort = create_cohort(
            session=session, name="Camden spring 2027", programme="Partnerships", at=AT
        )
        create_cohort(session=session, name="Empty cohort", programme="Partnerships", at=AT)
        for n in range(3):
            person = get_or_create_participant(session=session, pseudonym=f"{n:064x}", at=AT)
            person.cohort_id = cohort.id
        first = person.id
    assign(services, first, coach)
    page = admin.get("/admin/cohorts").text
    rows = [
        re.sub(r"<[^>]+>|\s+", " ", row).split()
        for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)
    ]
    assert ["Partnerships", "Camden", "spring", "2027", NOTHING, "3", "1"] in rows
    assert ["Partnerships", "Empty", "cohort", NOTHING, "0", "0"] in rows


def test_the_audit_log_is_newest_first_and_paged(services: Services) -> None:
    app = create_app(services)
    admin_id = add_staff(services, "admin@example.org", "admin")
    with services.database.transaction() as session:
        for n in range(60):
            record_audit(
                session=session,
                action=AuditAction.LOGIN,
                at=AT + timedelta(minutes=n),
                staff_id=admin_id,
                detail=f"n={n}",
            )
    admin = browser(app, services, admin_id)
    first = admin.get("/admin/audit").text
    details = re.findall(r"<td>(n=\d+)</td>", first)
    assert details == [f"n={n}" for n in range(59, 9, -1)]
    assert 'href="?page=2"' in first and "Page 1 of 2" in first
    second = admin.get("/admin/audit?page=2").text
    assert re.findall(r"<td>(n=\d+)</td>", second) == [f"n={n}" for n in range(9, -1, -1)]
    assert admin.get("/admin/audit?page=0").status_code == 400
    assert admin.post("/admin/audit").status_code == 405  # read-only


def test_the_evaluator_page_shows_no_participant(services: Services) -> None:
    app = create_app(services)
    pid, _ = participant(services, "770000000021")
    assign(services, pid, add_staff(services, "a@example.org", "coach"))
    evaluator = browser(app, services, add_staff(services, "e@example.org", "evaluator"))
    page = evaluator.get("/evaluator")
    assert page.status_code == 200 and "Engagement overview" in page.text
    pseudonym = services.conversation.pseudonym(transport="test", external_id="770000000021")
    assert short_pseudonym(pseudonym) not in page.text and "bins" not in page.text
    assert "/coach/participants" not in page.text
    assert _audit(services) == []


def test_erasure_keeps_the_audit_trail_but_cuts_it_from_the_person(services: Services) -> None:
    app = create_app(services)
    coach_id = add_staff(services, "a@example.org", "coach")
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    gone, driver = participant(services, "770000000031")
    stays, _ = participant(services, "770000000032")
    for pid in (gone, stays):
        assign(services, pid, coach_id)
    coach = browser(app, services, coach_id)
    for pid in (gone, gone, stays):
        assert coach.get(f"/coach/participants/{pid}").status_code == 200
    driver.command("/export")
    [document] = [reply.document for reply in driver.last if reply.document is not None]
    exported = json.loads(document.content)
    assert exported["coach_assignment"]["assigned_at"]
    assert [row["action"] for row in exported["staff_access"]] == ["timeline_viewed"] * 2
    assert {row["staff_role"] for row in exported["staff_access"]} == {"coach"}
    assert "a@example.org" not in document.content.decode()

    driver.command("/delete")
    driver.press("Yes, erase everything")
    with services.database.transaction() as session:
        assert session.get(Participant, gone) is None
        assert session.get(CoachAssignment, gone) is None
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    views = [e for e in entries if e.action == "timeline_viewed"]
    assert len(views) == 3  # nothing of the log was deleted
    erased = [e for e in views if e.participant_id is None]
    assert len(erased) == 2 and len({e.erased_ref for e in erased}) == 1
    assert erased[0].erased_ref and re.fullmatch(r"[0-9a-f]{8}", erased[0].erased_ref)
    assert [e.participant_id for e in views if e.participant_id is not None] == [stays]
    page = admin.get("/admin/audit").text
    assert page.count(f"erased {erased[0].erased_ref}") == 2
