"""/callme and what a coach does with it: the request, its note (only while the person shares),
marking it done, and the notes a coach writes after a call. All audited, all on both databases."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from test_erasure import rows_about

from bot.services import Services
from bot.store.models import AuditEntry, CallRequest, CoachNote
from bot.web.app import create_app

from conftest import Clock
from drivers import ServiceDriver
from web_support import Browser, add_staff, assign, browser, participant

HOSTILE = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"
NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SHARER, KEEPER, OTHER = "770000000101", "770000000102", "770000000103"


@pytest.fixture
def app(services: Services) -> FastAPI:
    return create_app(services, clock=Clock(NOON))


def _people(services: Services, app: FastAPI) -> tuple[Browser, Browser, dict[str, int], dict]:
    coach = add_staff(services, "a@example.org", "coach")
    other_coach = add_staff(services, "b@example.org", "coach")
    ids: dict[str, int] = {}
    drivers: dict[str, ServiceDriver] = {}
    for name, external, share in (("sharer", SHARER, True), ("keeper", KEEPER, False)):
        ids[name], drivers[name] = participant(services, external, share=share)
        assign(services, ids[name], coach)
    ids["other"], drivers["other"] = participant(services, OTHER)
    assign(services, ids["other"], other_coach)
    return browser(app, services, coach), browser(app, services, other_coach), ids, drivers


def _calls(services: Services, participant_id: int) -> list[CallRequest]:
    with services.database.transaction() as session:
        rows = session.scalars(
            select(CallRequest)
            .where(CallRequest.participant_id == participant_id)
            .order_by(CallRequest.id)
        ).all()
        session.expunge_all()
        return list(rows)


def _audit(services: Services) -> list[tuple[str, int | None, str | None]]:
    with services.database.transaction() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.participant_id, AuditEntry.detail).order_by(
                AuditEntry.id
            )
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _caseload_calls(page: str, participant_id: int) -> str:
    found = re.search(
        rf'data-participant="{participant_id}">.*?<td class="number calls[^"]*">(\d+)</td>',
        page,
        re.S,
    )
    assert found, page
    return found.group(1)


def test_callme_stores_a_redacted_note_and_a_text_free_event(services: Services, clock) -> None:
    driver = ServiceDriver(services, clock, participant=SHARER)
    driver.command("/callme about Derek at 14 Elm Road, ring 07700 900123")
    assert "asked your coach to call you" in driver.text
    driver.command("/callme")
    pseudonym = services.conversation.pseudonym(transport="test", external_id=SHARER)
    with services.database.transaction() as session:
        notes = session.scalars(select(CallRequest.note).order_by(CallRequest.id)).all()
        assert all(
            call.done_at is None and call.done_by is None
            for call in session.scalars(select(CallRequest))
        )
    assert notes == ["about [PERSON 1] at [ADDRESS], ring [PHONE]", None]
    assert pseudonym not in str(notes)


def test_the_caseload_counts_open_call_requests(services: Services, app: FastAPI) -> None:
    coach, _, ids, drivers = _people(services, app)
    assert _caseload_calls(coach.get("/coach").text, ids["sharer"]) == "0"
    drivers["sharer"].command("/callme the rota")
    drivers["keeper"].command("/callme")
    page = coach.get("/coach").text
    assert _caseload_calls(page, ids["sharer"]) == "1"
    assert _caseload_calls(page, ids["keeper"]) == "1"  # not sharing: the request still shows
    assert "the rota" not in page  # the caseload never shows notes


def test_the_timeline_shows_the_note_only_while_the_person_shares(
    services: Services, app: FastAPI
) -> None:
    coach, _, ids, drivers = _people(services, app)
    drivers["sharer"].command("/callme how the rota talk went")
    drivers["keeper"].command("/callme something kept to myself")
    shared = coach.get(f"/coach/participants/{ids['sharer']}").text
    assert 'class="call-request open"' in shared and "how the rota talk went" in shared
    kept = coach.get(f"/coach/participants/{ids['keeper']}").text
    assert 'class="call-request open"' in kept
    assert "something kept to myself" not in kept and "does not share with you" in kept
    drivers["sharer"].command("/consent")
    drivers["sharer"].press("Stop sharing with my coach")
    now_kept = coach.get(f"/coach/participants/{ids['sharer']}").text
    assert "how the rota talk went" not in now_kept and "does not share with you" in now_kept


def test_marking_a_call_done_is_audited_and_only_for_the_coachs_own(
    services: Services, app: FastAPI
) -> None:
    coach, other_coach, ids, drivers = _people(services, app)
    drivers["sharer"].command("/callme the rota")
    [call] = _calls(services, ids["sharer"])
    path = f"/coach/participants/{ids['sharer']}/calls/done"
    # Another coach, and a call id given under the wrong participant, get the same 404.
    assert other_coach.post(path, {"call_id": str(call.id)}).status_code == 404
    wrong = f"/coach/participants/{ids['keeper']}/calls/done"
    assert coach.post(wrong, {"call_id": str(call.id)}).status_code == 404
    assert coach.post(path, {"call_id": str(call.id)}, csrf=False).status_code == 403
    assert _calls(services, ids["sharer"])[0].done_at is None
    done = coach.post(path, {"call_id": str(call.id)})
    assert done.status_code == 303 and done.headers["location"].endswith("#calls")
    [call] = _calls(services, ids["sharer"])
    assert call.done_at is not None and call.done_by == coach.staff_id
    assert coach.post(path, {"call_id": str(call.id)}).status_code == 404  # already done
    page = coach.get(f"/coach/participants/{ids['sharer']}").text
    assert 'class="call-request closed"' in page and "by a@example.org" in page
    assert _caseload_calls(coach.get("/coach").text, ids["sharer"]) == "0"
    audit = _audit(services)
    assert ("participant_refused", ids["sharer"], "not assigned") in audit
    assert audit.count(("call_marked_done", ids["sharer"], f"call={call.id}")) == 1


def test_coach_notes_are_added_listed_inert_and_audited(services: Services, app: FastAPI) -> None:
    coach, other_coach, ids, _ = _people(services, app)
    path = f"/coach/participants/{ids['keeper']}/notes"
    assert coach.post(path, {"text": "   "}).status_code == 400
    assert coach.post(path, {"text": "x" * 4_001}).status_code == 400
    assert coach.post(path, {"text": "Forged"}, csrf=False).status_code == 403
    assert other_coach.post(path, {"text": "Not my person"}).status_code == 404
    added = coach.post(path, {"text": f"Talked it through. {HOSTILE}"})
    assert added.status_code == 303 and added.headers["location"].endswith("#notes")
    page = coach.get(f"/coach/participants/{ids['keeper']}").text
    assert page.count('class="coach-note"') == 1
    assert "<script>alert(1)</script>" not in page and "<img" not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Not my person" not in page and "Forged" not in page
    with services.database.transaction() as session:
        [note] = session.scalars(select(CoachNote)).all()
        assert note.staff_id == coach.staff_id and note.participant_id == ids["keeper"]
        note_id = note.id
    assert ("coach_note_added", ids["keeper"], f"note={note_id}") in _audit(services)


def test_hostile_call_notes_render_inert(services: Services, app: FastAPI) -> None:
    coach, _, ids, drivers = _people(services, app)
    drivers["sharer"].command(f"/callme {HOSTILE}")
    page = coach.get(f"/coach/participants/{ids['sharer']}").text
    assert "<script" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_calls_and_notes_are_exported_and_erased(services: Services, app: FastAPI) -> None:
    import json

    coach, _, ids, drivers = _people(services, app)
    drivers["sharer"].command("/callme the rota")
    coach.post(f"/coach/participants/{ids['sharer']}/notes", {"text": "Good call"})
    drivers["sharer"].command("/export")
    [reply] = [r for r in drivers["sharer"].last if r.document is not None]
    data = json.loads(reply.document.content)
    assert [call["note"] for call in data["call_requests"]] == ["the rota"]
    assert [note["text"] for note in data["coach_notes"]] == ["Good call"]
    assert "a@example.org" not in reply.document.content.decode()  # staff data stays out
    assert {"call_requests.participant_id", "coach_notes.participant_id"} <= set(
        rows_about(services, ids["sharer"])
    )
    drivers["sharer"].command("/delete")
    drivers["sharer"].press("Yes, erase everything")
    assert rows_about(services, ids["sharer"]) == {}
