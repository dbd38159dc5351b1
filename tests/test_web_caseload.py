"""A caseload too long for one page: pages of the same lines, and only the people shown audited."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import func, insert, select, update

from bot.demo.load import load_demo_data
from bot.services import Services
from bot.store.caseload import caseload, caseload_page
from bot.store.models import AuditEntry, CoachAssignment, Participant
from bot.web.app import create_app
from bot.web.routes.coach import CASELOAD_PAGE

from web_support import add_staff, browser

END = date(2026, 11, 22)


def test_a_long_caseload_is_paged_and_only_the_page_is_audited(services: Services) -> None:
    people = CASELOAD_PAGE + 12
    load_demo_data(
        database=services.database,
        flows=services.content.flows,
        notice_version=services.content.notice.version,
        pseudonymiser=services.pseudonymiser,
        invite_hash=services.conversation.invite_hash,
        participants=people,
        events=people * 4,
        seed=5,
        end=END,
    )
    coach = add_staff(services, "everyone@example.org", "coach")
    with services.database.transaction() as session:  # one coach for everybody
        session.execute(update(CoachAssignment).values(staff_id=coach))
        missing = session.scalars(
            select(Participant.id).where(
                ~Participant.id.in_(select(CoachAssignment.participant_id))
            )
        ).all()
        at = datetime.now(UTC)
        if missing:
            session.execute(
                insert(CoachAssignment),
                [{"participant_id": pid, "staff_id": coach, "assigned_at": at} for pid in missing],
            )
        audited_before = session.scalar(select(func.count()).select_from(AuditEntry))
        whole = caseload(session=session, staff_id=coach, today=END)
        first = caseload_page(session=session, staff_id=coach, today=END, limit=CASELOAD_PAGE)
        second = caseload_page(
            session=session, staff_id=coach, today=END, offset=CASELOAD_PAGE, limit=CASELOAD_PAGE
        )
    assert len(whole) == people == first.total == second.total
    assert [*first.lines, *second.lines] == whole

    client = browser(create_app(services), services, coach)
    pages = [client.get("/coach"), client.get("/coach?page=2")]
    shown = [[int(pid) for pid in re.findall(r'data-participant="(\d+)"', p.text)] for p in pages]
    assert shown == [
        [line.participant_id for line in first.lines],
        [line.participant_id for line in second.lines],
    ]
    assert "Page 1 of 2" in pages[0].text and 'href="?page=2"' in pages[0].text
    assert "Page 2 of 2" in pages[1].text
    assert client.get("/coach?page=3").status_code == 404
    with services.database.transaction() as session:
        listed = session.scalars(
            select(AuditEntry.participant_id)
            .where(AuditEntry.action == "caseload_listed")
            .order_by(AuditEntry.id)
        ).all()
        audited = session.scalar(select(func.count()).select_from(AuditEntry))
    assert listed == shown[0] + shown[1]  # each person once, on the page that showed them
    assert audited == (audited_before or 0) + people  # the page past the end audited no one
