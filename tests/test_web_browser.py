"""The dashboard end to end in a real browser: Debian's Chromium, driven by Playwright, against
the real app served by uvicorn over a SQLite database filled through the conversation service.

One browser and one served app for the module (each test gets its own browser context, so its
own cookies). Every page visited is saved as a full-page PNG under the artefacts directory
(``COACH_TEST_ARTEFACTS``, default ``test-artefacts/``), with the printed brief as a PDF.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bot.services import Services, build_services
from bot.settings import Settings
from bot.store.audit import short_pseudonym
from bot.store.invites import create_cohort, create_invites
from bot.store.models import Participant
from bot.web.app import MESSAGES, create_app
from bot.web.routes.auth import NOT_RECOGNISED, SIGNED_OUT

from browser_support import (
    Browser,
    ConsoleMessage,
    Dialog,
    Page,
    StorageState,
    artefacts_dir,
    expect,
    launch_chromium,
    playwright_running,
    serving,
    snap,
)
from conftest import PROMPTS, Clock
from drivers import ServiceDriver
from web_support import PASSWORD, RESPOND, add_staff, assign

# Sent by a participant as the problem they describe: it must reach the coach as plain text.
HOSTILE = (
    "<script>window.pwned = 1; alert('script')</script> and "
    "<img src=x onerror=\"alert('img')\"> by the bins on the estate"
)
# Their answer to "what is within your ability to respond": a name, a phone and an email,
# which the coach must only ever see as placeholders.
REDACTABLE = "I can ring my neighbour Derek on 07700 900123 or email derek.s@example.org"
PRIVATE_BITS = ("Derek", "07700 900123", "derek.s@example.org")
CALL_NOTE = "the rota at the community centre"
BOB_PROBLEM = "A worry about the benches in the park by the library"
# Telegram-like ids, so a page that leaked one would be caught.
ALICE, BOB, CAROL, DAVE, ERIN = (
    "770000000021",
    "770000000022",
    "770000000023",
    "770000000024",
    "770000000025",
)
COACH_A, COACH_B, COACH_C = "coach.a@example.org", "coach.b@example.org", "coach.c@example.org"
ADMIN, EVALUATOR = "admin@example.org", "evaluator@example.org"

# The evaluator pages (aggregates with small counts suppressed) are built on another branch;
# these selectors say what the scenarios below expect of them.
EVALUATOR_HOME = "/evaluator"
CSV_LINK = 'a[href*="csv"]'  # one "Download CSV" link per table
SUPPRESSED_CELL = r"td:text-matches('^\s*<\s*10\s*$')"


# Dave has been busy since he joined: four reflections (one a check-in that changed two of
# his commitments, so five in all) and two calls asked for, each with a note. His brief
# must still print on one sheet.
DAVE_CALLS = (
    "the damp survey, and whether it is time to go to our councillor about it",
    "how to raise the damp at the next residents' meeting without it turning into a row",
)
DAVE_RESPOND = [
    "The repairs team keep closing the damp jobs on the top floor without anyone visiting, and the "
    "housing officer says it is out of her hands.",
    "3",
    "I pass complaints on by email and then wait. I have never asked the housing officer what "
    "she can actually push for, or shown her how many jobs were closed.",
    "I can collect the job numbers from the second floor and take them to the housing "
    "officer myself instead of forwarding emails.",
    "The caretaker, who knows which flats have damp, and the secretary of the residents' "
    "association.",
    "Take the list of closed damp jobs to the housing officer's Tuesday surgery",
    "Tomorrow",
    "6",
]
DAVE_ASSUMPTION = [
    "At the residents' association meeting the chair moved straight past the damp item and "
    "closed the meeting at eight.",
    "She does not want the damp talked about in front of the council officer.",
    "The chair always sides with the council rather than the residents.",
    "7",
    "She used to work for the council and she often cuts residents off when they get angry.",
    "She raised the damp herself last time, and the hall has to be empty by eight.",
    "The caretaker needed to lock up, so she simply ran out of time.",
    "Ask the chair whether the damp can be the first item at the next meeting",
    "The chair",
    "In two weeks",
    "If she agrees straight away and puts the damp first",
]
DAVE_DEFENSIVE_BEFORE_AIMS = [
    "A phone call with the housing officer about the damp survey for the top floor.",
    "A date for the survey and a straight answer about the repairs backlog.",
    "She said the contractor sets the dates. I said that was fine and thanked her.",
    "That this is the third time the council has fobbed us off, and that she is hiding behind "
    "the contractor. I was angry and did not say so.",
]
DAVE_DEFENSIVE_AFTER_AIMS = [
    "I said fine when it was not, and I never told her the residents are losing patience.",
    "No date again, and she still has no idea how angry the residents are.",
    "I am worried because the damp jobs keep being closed without visits. What can you see "
    "from your side?",
    "Ring the housing officer, say why I am worried and ask what she can see",
    "In a week",
]
DAVE_COMMITMENTS = (
    "Take the list of closed damp jobs to the housing officer's Tuesday surgery",
    "Ask the chair whether the damp can be the first item at the next meeting",
    "Ring the housing officer, say why I am worried and ask what she can see",
    "Collect the remaining job numbers from the caretaker and send them to the housing officer",
    "Ask the housing officer for a short monthly update on the damp jobs",
)


# Erin writes at length and never lets go: seven long reflections, a check-in on all seven
# commitments with long accounts of each, and four calls asked for with long notes. Her brief
# cannot hold everything, so it must show what matters first and say what it left out.
ERIN_CALL = (
    "I would like to go through the lifts again, because the letters have not worked and I am "
    "starting to think a petition or a visit to the councillor is the only thing left, but I "
    "worry that going over the housing officer's head will make things worse for the people on "
    "the upper floors who rely on her goodwill for everything else, and I keep going round in "
    "circles about it late at night instead of sleeping. "
) * 2


def _erin_respond(week: int) -> list[str]:
    return [
        f"In week {week} the lifts in the tower broke down again and the council keeps saying a "
        "contractor is booked, while the older residents on the upper floors cannot get out to "
        "the shops or to their hospital appointments, and nobody replies to our emails.",
        "2",
        "I have been writing angry emails and then waiting for someone else to act. I have not "
        "asked the residents what they most need, and I assume the housing officer does not "
        "care, which makes me short with her whenever we speak on the phone.",
        "I can find out which residents are stuck, write down what it costs them, and bring "
        "that to the housing officer as a shared problem rather than a complaint about her.",
        "The residents on the upper floors, the caretaker who hears about the breakdowns first, "
        "and the tenants' association, which can put the lifts on the agenda with the council.",
        f"Knock on every door on floors nine to fourteen in week {week} and write down who is "
        "stuck, then take the list to the housing officer's surgery and ask what she can do",
        "In two weeks",
        "4",
    ]


@dataclass(frozen=True)
class Site:
    url: str
    services: Services
    ids: dict[str, int]
    short: dict[str, str]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the module; skipped or failed first if there is none."""
    with playwright_running() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The dashboard served over HTTP: coach A has Alice (hostile and redacted text, a call
    request) and Carol (not sharing); coach B has Bob; an admin and an evaluator."""
    directory = tmp_path_factory.mktemp("browser")
    # The per-test environment fixture has not run yet: keep the developer's settings out here.
    with pytest.MonkeyPatch.context() as env:
        for name in list(os.environ):
            if name.startswith("COACH_") and not name.startswith("COACH_TEST_"):
                env.delenv(name)
        services = build_services(
            Settings(
                data_dir=directory / "data",
                database_url=f"sqlite:///{directory / 'coach.db'}",
                prompts_dir=PROMPTS,
                knowledge_enabled=False,
                lens_enabled=False,  # its probes would change the scripted reflections
            )
        )
    try:
        ids = _seed(services)
        short = {
            name: short_pseudonym(_pseudonym(services, external))
            for name, external in (
                ("alice", ALICE),
                ("bob", BOB),
                ("carol", CAROL),
                ("dave", DAVE),
                ("erin", ERIN),
            )
        }
        with serving(create_app(services)) as url:
            yield Site(url, services, ids, short)
    finally:
        services.close()


def _seed(services: Services) -> dict[str, int]:
    # Two days ago, so the data sits inside any default "recent weeks" range.
    clock = Clock(datetime.now(UTC) - timedelta(days=2))
    with services.database.transaction() as session:
        cohort = create_cohort(
            session=session, name="Browser cohort", programme="Community leadership", at=clock()
        )
        codes = create_invites(
            session=session,
            cohort=cohort,
            count=5,
            valid_for=timedelta(days=30),
            hasher=services.conversation.invite_hash,
            at=clock(),
        )
    staff = {
        email: add_staff(services, email, role)
        for email, role in (
            (COACH_A, "coach"),
            (COACH_B, "coach"),
            (COACH_C, "coach"),
            (ADMIN, "admin"),
            (EVALUATOR, "evaluator"),
        )
    }
    alice_answers = [HOSTILE, *RESPOND[1:3], REDACTABLE, *RESPOND[4:]]
    ids = {
        "alice": _participant(services, clock, ALICE, codes[0], alice_answers, call=CALL_NOTE),
        "bob": _participant(services, clock, BOB, codes[1], [BOB_PROBLEM, *RESPOND[1:]]),
        "carol": _participant(services, clock, CAROL, codes[2], RESPOND, share=False),
        "dave": _busy_participant(services, clock, codes[3]),
        "erin": _overflowing_participant(services, clock, codes[4]),
    }
    for name, coach in (
        ("alice", COACH_A),
        ("carol", COACH_A),
        ("bob", COACH_B),
        ("dave", COACH_C),
        ("erin", COACH_C),
    ):
        assign(services, ids[name], staff[coach])
    return ids


def _participant(
    services: Services,
    clock: Clock,
    external_id: str,
    code: str,
    answers: list[str],
    *,
    share: bool = True,
    call: str | None = None,
) -> int:
    """Someone who joins with an invite code and finishes one /respond reflection."""
    driver = ServiceDriver(services, clock, external_id, agree="k1s1m0" if share else "k1s0m0")
    driver.command(f"/start {code}")
    driver.command("/respond")
    for answer in answers:
        driver.say(answer)
    if call is not None:
        driver.command(f"/callme {call}")
    return _participant_id(services, external_id)


def _busy_participant(services: Services, clock: Clock, code: str) -> int:
    """Dave: three reflections that each end in a commitment, a check-in on all three, and two
    calls asked for."""
    driver = ServiceDriver(services, clock, DAVE)
    driver.command(f"/start {code}")
    for command, answers in (("/respond", DAVE_RESPOND), ("/assumption", DAVE_ASSUMPTION)):
        driver.command(command)
        for answer in answers:
            driver.say(answer)
    driver.command("/defensive")
    for answer in DAVE_DEFENSIVE_BEFORE_AIMS:
        driver.say(answer)
    for label in ("Keeping control of how it went", "Keeping awkward feelings down", "Done"):
        driver.press(label)
    for answer in DAVE_DEFENSIVE_AFTER_AIMS:
        driver.say(answer)
    # The check-in takes the soonest due first: the action, the experiment, then the test.
    driver.command("/checkin")
    driver.press("Partly")
    driver.say("I went to the surgery with half the job numbers; she promised to chase them.")
    driver.say("The housing officer can chase the repairs team when she has job numbers.")
    driver.press("Change it")
    driver.say(DAVE_COMMITMENTS[3])
    driver.say("Knock on the caretaker's door on Monday")
    driver.say("In a week")
    driver.press("Yes")
    driver.say("I rang her and said I was worried. She told me the contractor is short-staffed.")
    driver.say("Saying I was worried got a more honest answer than being polite.")
    driver.press("Change it")
    driver.say(DAVE_COMMITMENTS[4])
    driver.command("/skip")
    driver.say("In two weeks")
    driver.press("Not yet")
    driver.say("The meeting was put back a month.")
    driver.command("/skip")
    driver.say("Less sure: the chair may just be short of time, like the caretaker.")
    driver.press("Keep going with it")
    driver.say("Ask her before the rescheduled meeting")
    driver.say("In two weeks")
    assert "everything reviewed" in driver.text, driver.text
    for note in DAVE_CALLS:
        driver.command(f"/callme {note}")
    return _participant_id(services, DAVE)


def _overflowing_participant(services: Services, clock: Clock, code: str) -> int:
    """Erin: more than any one page holds (see ``ERIN_CALL``)."""
    driver = ServiceDriver(services, clock, ERIN)
    driver.command(f"/start {code}")
    weeks = range(1, 8)
    for week in weeks:
        driver.command("/respond")
        for answer in _erin_respond(week):
            driver.say(answer)
    driver.command("/checkin")
    for week in weeks:
        driver.press("Partly")
        driver.say(
            f"I knocked on some of the doors in week {week} and found eleven people who had not "
            "been out for days, but the housing officer's surgery was cancelled, so the list is "
            "still sitting on my kitchen table and I have not yet found another way to get it "
            "to her."
        )
        driver.say(
            "The residents were glad someone asked, and several offered to help, which I had "
            "not expected; I had been carrying it alone because I assumed nobody else would."
        )
        driver.press("Keep going with it")
        driver.say("Email the list to the housing officer and ask for ten minutes on the phone")
        driver.say("In a week")
    assert "everything reviewed" in driver.text, driver.text
    for _ in range(4):
        driver.command(f"/callme {ERIN_CALL}")
    return _participant_id(services, ERIN)


def _participant_id(services: Services, external_id: str) -> int:
    with services.database.transaction() as session:
        found = session.scalar(
            select(Participant.id).where(Participant.pseudonym == _pseudonym(services, external_id))
        )
    assert found is not None
    return found


def _pseudonym(services: Services, external_id: str) -> str:
    return services.conversation.pseudonym(transport="test", external_id=external_id)


@pytest.fixture
def page(chromium: Browser, site: Site) -> Iterator[Page]:
    """A fresh browser context (no cookies) on the served dashboard."""
    context = chromium.new_context(base_url=site.url, accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def signed_in(chromium: Browser, site: Site) -> Callable[[str], StorageState]:
    """Cookies of a session started through the form, once per account for the module:
    argon2 makes each sign-in cost a noticeable fraction of a second."""
    states: dict[str, StorageState] = {}

    def state(email: str) -> StorageState:
        if email not in states:
            context = chromium.new_context(base_url=site.url)
            page = context.new_page()
            sign_in(page, email)
            expect(page).not_to_have_url(re.compile(r"/login"))
            states[email] = context.storage_state()
            context.close()
        return states[email]

    return state


@pytest.fixture
def coach(
    chromium: Browser, site: Site, signed_in: Callable[[str], StorageState]
) -> Iterator[Page]:
    """A page signed in as coach A (a session shared across the module's tests)."""
    context = chromium.new_context(base_url=site.url, storage_state=signed_in(COACH_A))
    yield context.new_page()
    context.close()


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Fill in and send the sign-in form, as a person would."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def printed(page: Page, name: str) -> tuple[int, str]:
    """Print the page to an A4 PDF kept as an artefact: its page count, and its text on one
    line (ligatures such as "fl" undone, so words can be looked for as typed)."""
    path = artefacts_dir() / f"{name}.pdf"
    page.pdf(path=str(path), format="A4")
    return _read_pdf(path)


def _read_pdf(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    # Chromium sets "fi", "ff" and the like as ligatures (U+FB00 to U+FB06).
    plain = "".join(
        unicodedata.normalize("NFKC", c) if "\ufb00" <= c <= "\ufb06" else c for c in text
    )
    return len(reader.pages), " ".join(plain.split())


def timeline(site: Site, name: str) -> str:
    return f"/coach/participants/{site.ids[name]}"


def step_text(site: Site, step_id: str) -> str:
    """A question's wording in the respond flow, as one line."""
    flow = site.services.content.flows.by_command("respond")
    assert flow is not None
    step = next(step for step in flow.steps if step.id == step_id)
    return " ".join(str(getattr(step, "text", "")).split())


def test_signing_in_through_the_form_and_a_wrong_password_gets_the_generic_error(
    page: Page,
) -> None:
    sign_in(page, COACH_A, "not the right password at all")
    expect(page.locator("p.error")).to_have_text(NOT_RECOGNISED)
    expect(page).to_have_url(re.compile(r"/login$"))
    snap(page, "login-wrong-password")
    # An unknown email gets exactly the same answer, so accounts cannot be discovered.
    sign_in(page, "nobody@example.org")
    expect(page.locator("p.error")).to_have_text(NOT_RECOGNISED)
    sign_in(page, COACH_A)
    expect(page).to_have_url(re.compile(r"/coach$"))
    expect(page.locator("header.site .who")).to_have_text(f"{COACH_A} (coach)")
    snap(page, "login-coach-landing")


def test_a_coach_reviews_a_timeline_with_redacted_answers_beside_the_questions(
    coach: Page, site: Site
) -> None:
    coach.goto("/coach")
    rows = coach.locator("tr.participant")
    expect(rows).to_have_count(2)
    listed = {int(row.get_attribute("data-participant") or 0) for row in rows.all()}
    assert listed == {site.ids["alice"], site.ids["carol"]}
    snap(coach, "coach-caseload")
    coach.get_by_role("link", name=site.short["alice"]).click()
    expect(coach).to_have_url(re.compile(rf"{timeline(site, 'alice')}$"))
    snap(coach, "coach-timeline")
    answer = coach.locator("dl.exchanges dd.answer", has_text="[PHONE]")
    expect(answer).to_have_text("I can ring my neighbour [PERSON 1] on [PHONE] or email [EMAIL]")
    expect(answer.locator("xpath=preceding-sibling::dt[1]")).to_have_text(
        step_text(site, "response")
    )
    first = coach.locator("dl.exchanges dt.question").first
    expect(first).to_have_text(step_text(site, "problem"))
    expect(first.locator("xpath=following-sibling::dd[1]")).to_have_text(HOSTILE)
    html = coach.content()
    for private in (*PRIVATE_BITS, ALICE):
        assert private not in html


def test_participant_html_renders_as_inert_text(coach: Page, site: Site) -> None:
    dialogs: list[str] = []
    errors: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def console(message: ConsoleMessage) -> None:
        # A script the page tried to run (and the security policy blocked) is a console error.
        if message.type == "error":
            errors.append(message.text)

    coach.on("dialog", dismiss)
    coach.on("console", console)
    coach.on("pageerror", lambda error: errors.append(str(error)))
    for path in (timeline(site, "alice"), f"{timeline(site, 'alice')}/brief"):
        coach.goto(path)
        expect(coach.locator("dd.answer", has_text="<script>").first).to_have_text(HOSTILE)
        assert coach.locator("main script, main img").count() == 0
        assert coach.evaluate("() => window.pwned") is None
    snap(coach, "hostile-text-in-brief")
    assert dialogs == []
    assert errors == []


def test_the_pre_call_brief_prints_without_the_navigation(coach: Page, site: Site) -> None:
    coach.goto(timeline(site, "alice"))
    coach.get_by_role("link", name="Pre-call brief").click()
    expect(coach.locator("h1")).to_have_text(f"Pre-call brief: {site.short['alice']}")
    expect(coach.locator("header.site")).to_be_visible()
    snap(coach, "brief-screen")
    coach.emulate_media(media="print")
    expect(coach.locator("header.site")).to_be_hidden()
    expect(coach.get_by_role("button", name="Sign out")).to_be_hidden()
    expect(coach.locator(".call-note")).to_have_text(CALL_NOTE)
    expect(coach.locator("ol.questions li.question").first).to_be_visible()
    snap(coach, "brief-print")
    pages, text = printed(coach, "brief")
    assert pages == 1
    # The paper starts with the brief itself: no site name, navigation or sign-out before it.
    assert text.startswith(f"Pre-call brief: {site.short['alice']}")
    for expected in (
        CALL_NOTE,
        "Suggested questions",
        "Commitments and what came of them",
        "Still open",
    ):
        assert expected in text
    for chrome in ("Coach dashboard", "Caseload", "Sign out", COACH_A):
        assert chrome not in text


def test_a_busy_persons_brief_prints_on_one_page_in_the_order_of_the_call(
    chromium: Browser, site: Site, signed_in: Callable[[str], StorageState]
) -> None:
    context = chromium.new_context(base_url=site.url, storage_state=signed_in(COACH_C))
    coach = context.new_page()
    coach.goto(f"{timeline(site, 'dave')}/brief")
    expect(coach.locator("h1")).to_have_text(f"Pre-call brief: {site.short['dave']}")
    snap(coach, "brief-busy-screen")
    coach.emulate_media(media="print")
    snap(coach, "brief-busy-print")
    first_question = coach.locator("li.question").first.inner_text()
    pages, text = printed(coach, "brief-busy")
    context.close()
    assert pages == 1, text
    sections = (
        "What they want to talk about",
        "Commitments and what came of them",
        "Recurring themes",
        "Reflections so far",
        "Suggested questions",
    )
    at = [text.index(heading) for heading in sections]
    assert at == sorted(at)
    for essential in (*DAVE_CALLS, *DAVE_COMMITMENTS):
        assert essential in text
    # Themes: the same role and the same problem across reflections, and two changed plans.
    themes = text[at[2] : at[3]]
    assert "housing officer (3 of 4)" in themes and "caretaker (3 of 4)" in themes
    assert "council (2 of 4)" in themes and "damp (4 of 4)" in themes and "2 changed" in themes
    # The digest: every reflection, the long answer cut visibly, the rest counted.
    digest = text[at[3] : at[4]]
    for title in ("Ability to respond", "Assumption test", "Defensive", "Commitment check-in"):
        assert title in digest
    assert DAVE_RESPOND[0] in digest
    assert DAVE_RESPOND[2] not in digest and DAVE_RESPOND[2][:60] in digest
    assert "\N{HORIZONTAL ELLIPSIS}" in digest
    assert "more answers on the timeline" in digest
    assert " ".join(first_question.split()) in text[at[4] :]


def test_a_brief_with_more_than_a_page_holds_prints_on_one_page_and_says_what_it_left_out(
    chromium: Browser, site: Site, signed_in: Callable[[str], StorageState]
) -> None:
    context = chromium.new_context(base_url=site.url, storage_state=signed_in(COACH_C))
    coach = context.new_page()
    coach.goto(f"{timeline(site, 'erin')}/brief")
    coach.emulate_media(media="print")
    snap(coach, "brief-overflowing-print")
    last_question = coach.locator("li.question").last.inner_text()
    pages, text = printed(coach, "brief-overflowing")
    context.close()
    assert pages == 1, text
    # The first three requests, each note cut short, and a pointer to the fourth.
    assert text.count("Asked ") == 3 and text.count("(in full on the timeline)") == 3
    assert "1 older open request on the timeline" in text
    # Some commitments with what came of them; the others counted, not dropped silently.
    shown = text.count("(action, due ")
    assert 1 <= shown < 7 and f"{7 - shown} more open, on the timeline" in text
    assert "Outcome: I knocked on some of the doors" in text
    # The newest reflection (the check-in) at least, and the number of the others.
    reflections = len(re.findall(r"(?:Ability to respond|Commitment check-in) #\d", text))
    assert "Commitment check-in #8" in text
    assert f"{8 - reflections} earlier reflections so far on the timeline" in text
    # The check-in counts as the eighth reflection: doors and the housing officer are in all.
    assert "door (8 of 8)" in text and "housing officer (8 of 8)" in text
    assert " ".join(last_question.split()) in text


def test_a_coach_cannot_open_another_coachs_participant_by_url(coach: Page, site: Site) -> None:
    missing = max(site.ids.values()) + 1000
    for path in (
        timeline(site, "bob"),
        f"{timeline(site, 'bob')}/brief",
        f"/coach/participants/{missing}",
    ):
        response = coach.goto(path)
        assert response is not None and response.status == 404
        expect(coach.locator("h1")).to_have_text(MESSAGES[404])
        assert BOB_PROBLEM not in coach.content()
    snap(coach, "coach-refused")


def test_an_admin_sees_the_audit_entries_for_the_views_just_made(
    coach: Page, page: Page, site: Site
) -> None:
    coach.goto(timeline(site, "alice"))
    coach.get_by_role("link", name="Pre-call brief").click()
    expect(coach.locator("h1")).to_contain_text("Pre-call brief")
    coach.goto(timeline(site, "bob"))
    sign_in(page, ADMIN)
    expect(page).to_have_url(re.compile(r"/admin/staff$"))
    page.get_by_role("link", name="Audit log").click()
    snap(page, "admin-audit-log")
    rows = page.locator("table.audit tbody tr")
    # Columns: when, who, action, participant, staff account, detail; newest first.
    newest = [tuple(rows.nth(i).locator("td").all_inner_texts()[1:4]) for i in range(4)]
    assert newest == [
        (ADMIN, "login", ""),
        (COACH_A, "participant_refused", site.short["bob"]),
        (COACH_A, "brief_viewed", site.short["alice"]),
        (COACH_A, "timeline_viewed", site.short["alice"]),
    ]


def test_signing_out_ends_the_session_even_for_the_back_button(page: Page, site: Site) -> None:
    sign_in(page, COACH_A)  # its own session: the shared one stays signed in
    page.goto(timeline(site, "alice"))
    expect(page.locator("dd.answer").first).to_be_visible()
    kept = [c for c in page.context.cookies() if c["name"] == "coach_session"]
    assert len(kept) == 1
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("p.done")).to_have_text(SIGNED_OUT)
    snap(page, "signed-out")
    assert [c for c in page.context.cookies() if c["name"] == "coach_session"] == []
    page.go_back()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.locator("dd.answer")).to_have_count(0)
    snap(page, "signed-out-back-button")
    page.reload()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto(timeline(site, "alice"))
    expect(page).to_have_url(re.compile(r"/login$"))
    # A copy of the cookie kept from before is worthless: the session itself has ended.
    page.context.add_cookies(kept)  # type: ignore[arg-type]  # a Cookie is a SetCookieParam
    page.goto(timeline(site, "alice"))
    expect(page).to_have_url(re.compile(r"/login$"))


@pytest.fixture
def evaluator(
    chromium: Browser, site: Site, signed_in: Callable[[str], StorageState]
) -> Iterator[Page]:
    """The evaluator on the overview."""
    context = chromium.new_context(
        base_url=site.url, storage_state=signed_in(EVALUATOR), accept_downloads=True
    )
    page = context.new_page()
    page.goto(EVALUATOR_HOME)
    snap(page, "evaluator-overview")
    yield page
    context.close()


def test_an_evaluator_downloads_a_table_as_csv(evaluator: Page, site: Site) -> None:
    link = evaluator.locator(CSV_LINK).first
    # The table the link belongs to: the first one in the innermost section holding the link.
    table = link.locator("xpath=ancestor::section[1]//table").first
    with evaluator.expect_download() as started:
        link.click()
    download = started.value
    path = artefacts_dir() / (download.suggested_filename or "evaluator.csv")
    download.save_as(path)
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = [" ".join(cell.split()) for cell in table.locator("thead th").all_inner_texts()]
    assert rows[0] == header
    # Body rows and the totals row (in the table's footer on the page).
    assert len(rows) - 1 == table.locator("tbody tr, tfoot tr").count()
    for private in (*site.short.values(), HOSTILE, BOB_PROBLEM, *PRIVATE_BITS):
        assert private not in text


def test_an_evaluator_sees_small_counts_suppressed(evaluator: Page, site: Site) -> None:
    # Five participants in one cohort: every count that is not zero is below ten.
    expect(evaluator.locator(SUPPRESSED_CELL).first).to_be_visible()
    html = evaluator.content()
    for private in (*site.short.values(), HOSTILE, BOB_PROBLEM, *PRIVATE_BITS):
        assert private not in html
