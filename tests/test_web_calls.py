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


def test_the_brief_covers_what_happened_since_the_last_call(
    services: Services, app: FastAPI
) -> None:
    coach, other_coach, ids, drivers = _people(services, app)
    sharer = drivers["sharer"]
    sharer.command("/callme the first thing")
    brief_path = f"/coach/participants/{ids['sharer']}/brief"
    first = coach.get(brief_path)
    assert first.status_code == 200 and first.headers["cache-control"] == "no-store"
    assert "no call marked done yet" in first.text
    assert "The bins on the estate are never emptied" in first.text  # the earlier reflection
    assert "Ring the caretaker" in first.text and "the first thing" in first.text
    assert '<link rel="stylesheet" href="/static/print.css" media="print">' in first.text
    [call] = _calls(services, ids["sharer"])
    coach.post(f"/coach/participants/{ids['sharer']}/calls/done", {"call_id": str(call.id)})
    sharer.clock.advance(days=1)  # type: ignore[attr-defined]
    sharer.command("/respond")
    sharer.say("A new worry about the lifts")
    sharer.command("/cancel")
    sharer.command("/callme the lifts")
    page = coach.get(brief_path).text
    assert "since the last call" in page
    assert "A new worry about the lifts" in page and "the lifts" in page
    assert "The bins on the estate are never emptied" not in page  # before the last call
    assert "the first thing" not in page  # a request already dealt with
    assert "Ring the caretaker" in page  # still open, so still listed
    questions = re.findall(r'<li class="question">(.*?)</li>', page)
    assert 3 <= len(questions) <= 5
    content = services.content.coaching_questions
    assert content.drop_offs[0].replace("'", "&#39;") in questions  # the cancelled reflection
    assert content.call_note[0].replace("'", "&#39;") in questions
    assert other_coach.get(brief_path).status_code == 404
    audit = _audit(services)
    assert audit.count(("brief_viewed", ids["sharer"], "reflections=2")) == 1
    assert ("participant_refused", ids["sharer"], "not assigned") in audit


def test_the_brief_holds_back_what_a_person_does_not_share(
    services: Services, app: FastAPI
) -> None:
    coach, _, ids, drivers = _people(services, app)
    drivers["keeper"].command(f"/callme {HOSTILE}")
    page = coach.get(f"/coach/participants/{ids['keeper']}/brief").text
    assert "chosen not to share" in page and "does not share with you" in page
    assert "script" not in page and "Ring the caretaker" not in page
    assert "No shared reflections in this period" in page


def test_the_print_stylesheet_is_served_by_us(services: Services, app: FastAPI) -> None:
    response = browser(app, services).get("/static/print.css")
    assert response.status_code == 200 and "text/css" in response.headers["content-type"]
    assert "@page" in response.text


@pytest.mark.parametrize(
    ("situations", "expected"),
    [
        ([], ["general"] * 3),
        (["call_note"], ["call_note", "general", "general"]),
        (
            ["late_items", "revised_beliefs", "drop_offs", "kept"],
            ["late_items", "revised_beliefs", "drop_offs", "kept", "late_items"],
        ),
    ],
)
def test_suggested_questions_follow_what_happened(
    services: Services, situations: list[str], expected: list[str]
) -> None:
    questions = services.content.coaching_questions
    picked = questions.pick(situations)
    pools = [getattr(questions, name) for name in expected]
    assert all(q in pool for q, pool in zip(picked, pools, strict=True))
    assert len(set(picked)) == len(picked)


def test_a_questions_file_with_an_unknown_situation_is_refused(tmp_path) -> None:
    import yaml

    from bot.coaching_questions import CoachingQuestionsError, load_coaching_questions
    from bot.settings import Settings

    source = Settings().resolved_prompts_dir / "coaching_questions.yaml"
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    raw["moon_phase"] = ["Did the moon affect the rota this week?"]
    (tmp_path / "coaching_questions.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(CoachingQuestionsError, match="moon_phase"):
        load_coaching_questions(tmp_path / "coaching_questions.yaml")
    raw.pop("moon_phase")
    raw["kept"] = []
    (tmp_path / "coaching_questions.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(CoachingQuestionsError, match="kept"):
        load_coaching_questions(tmp_path / "coaching_questions.yaml")
