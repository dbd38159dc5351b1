"""The admin's invite codes page: a cohort's codes by status (never who used one), and a new
batch shown once with its t.me links, audited."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services import Services
from bot.store.audit import short_pseudonym
from bot.store.invites import ALPHABET, CODE_LENGTH, create_cohort, create_invites, redeem
from bot.store.models import AuditEntry, Cohort, InviteCode
from bot.store.participants import get_or_create_participant
from bot.web.app import create_app

from conftest import Clock
from web_support import add_staff, browser

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
CODE = re.compile(rf'<td class="code pseudonym">([{ALPHABET}]{{{CODE_LENGTH}}})</td>')


def _cohort(services: Services, name: str = "Camden spring 2027") -> int:
    with services.database.transaction() as session:
        return create_cohort(session=session, name=name, programme="Partnerships", at=NOW).id


def test_an_admin_makes_a_batch_and_sees_the_codes_and_links_once(services: Services) -> None:
    settings = services.settings.model_copy(update={"telegram_bot_username": "@camden_coach_bot"})
    app = create_app(services, settings=settings, clock=Clock(NOW))
    admin_id = add_staff(services, "admin@example.org", "admin")
    admin = browser(app, services, admin_id)
    cohort = _cohort(services)
    _cohort(services, "Leeds autumn 2026")
    made = admin.post("/admin/invites", {"cohort_id": str(cohort), "count": "3", "days": ""})
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    codes = CODE.findall(made.text)
    assert len(codes) == 3 == len(set(codes))
    for code in codes:
        assert f"https://t.me/camden_coach_bot?start={code}" in made.text
    with services.database.transaction() as session:
        stored = session.execute(select(InviteCode.code_hash, InviteCode.expires_at)).all()
        audit = session.execute(
            select(AuditEntry.action, AuditEntry.staff_id, AuditEntry.detail)
        ).all()
    # Only the keyed hashes are kept, valid for the default period.
    assert {hashed for hashed, _ in stored} == {services.conversation.invite_hash(c) for c in codes}
    default = timedelta(days=services.settings.invite_valid_days)
    assert all(
        NOW + default < expires < NOW + default + timedelta(minutes=1) for _, expires in stored
    )
    assert audit == [("invites_created", admin_id, f"cohort={cohort} count=3")]
    listed = admin.get(f"/admin/invites?cohort={cohort}").text
    assert not any(code in listed for code in codes)  # never shown again
    assert '<span class="count unused">3 unused</span>' in listed
    assert listed.count('<tr class="invite unused">') == 3


def test_the_list_shows_each_status_and_never_who_used_a_code(services: Services) -> None:
    clock = Clock(NOW)
    app = create_app(services, clock=clock)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    cohort_id = _cohort(services)
    hasher = services.conversation.invite_hash
    with services.database.transaction() as session:
        cohort = session.get_one(Cohort, cohort_id)
        short = create_invites(
            session=session,
            cohort=cohort,
            count=1,
            valid_for=timedelta(days=1),
            hasher=hasher,
            at=NOW,
        )
        used = create_invites(
            session=session,
            cohort=cohort,
            count=2,
            valid_for=timedelta(days=30),
            hasher=hasher,
            at=NOW,
        )
        person = get_or_create_participant(session=session, pseudonym="ab" * 32, at=NOW)
        outcome, _ = redeem(
            session=session, participant=person, code=used[0], hasher=hasher, at=NOW
        )
        assert outcome == "joined" and short
        person_id = person.id
    clock.advance(days=2)
    page = admin.get(f"/admin/invites?cohort={cohort_id}").text
    for status in ("unused", "used", "expired"):
        assert f'<span class="count {status}">1 {status}</span>' in page
        assert page.count(f'<tr class="invite {status}">') == 1
    assert short_pseudonym("ab" * 32) not in page and "abab" not in page
    assert f"/coach/participants/{person_id}" not in page


def test_bad_batches_are_refused(services: Services) -> None:
    app = create_app(services)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    cohort = str(_cohort(services))
    for form in ({"cohort_id": cohort, "count": "0"}, {"cohort_id": cohort, "count": "201"}):
        assert admin.post("/admin/invites", form).status_code == 400
    assert admin.post("/admin/invites", {"cohort_id": "999999", "count": "2"}).status_code == 404
    assert (
        admin.post("/admin/invites", {"cohort_id": cohort, "count": "2"}, csrf=False).status_code
        == 403
    )
    assert admin.get("/admin/invites?cohort=999999").status_code == 404
    without_username = admin.post("/admin/invites", {"cohort_id": cohort, "count": "1"}).text
    assert (
        "https://t.me" not in without_username and "COACH_TELEGRAM_BOT_USERNAME" in without_username
    )
    with services.database.transaction() as session:
        assert len(session.scalars(select(InviteCode.id)).all()) == 1
