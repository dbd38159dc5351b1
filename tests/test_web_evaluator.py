"""The evaluator's pages: right figures, small ones hidden, CSVs equal to the tables, filters
checked, charts that say no more than their tables, and never a participant or their words."""

from __future__ import annotations

import csv
import html
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI

from bot.services import Services
from bot.store.audit import short_pseudonym
from bot.store.invites import create_cohort
from bot.web.app import create_app
from bot.web.charts import STUB, BarChart, bar_chart
from bot.web.evaluator_tables import suppressed_rows
from bot.web.routes.evaluator import PAGES
from bot.web.suppression import CONFIDENTIAL, SMALL, Count

from conftest import Clock
from engagement_world import FIRST_WEEK, LAST_WEEK, TODAY, World, build_world, monday
from web_support import RESPOND, Browser, add_staff, browser, participant

NOON = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC)
MARKS = {SMALL, CONFIDENTIAL}


@dataclass
class Site:
    app: FastAPI
    evaluator: Browser
    world: World


@pytest.fixture
def site(services: Services) -> Site:
    with services.database.transaction() as session:
        world = build_world(session)
    app = create_app(services, clock=lambda: NOON)
    evaluator = browser(app, services, add_staff(services, "evaluator@example.org", "evaluator"))
    return Site(app, evaluator, world)


def _table(page: str, key: str) -> list[list[str]]:
    """A figures table as text: header, body rows and totals, each a list of cell texts."""
    found = re.search(rf'<table class="figures" data-table="{key}">(.*?)</table>', page, re.S)
    assert found, f"no table {key}"
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]
        for cells in (
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S)
        )
    ]


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _agrees(shown: str, truth: int) -> bool:
    """A cell as shown is true to the count: the number itself, or a mark that fits it."""
    if shown == SMALL:
        return 1 <= truth <= 9
    if shown == CONFIDENTIAL:
        return truth >= 10
    return _number(shown) == truth


def test_weekly_activity_on_the_page_is_the_worlds_own(site: Site) -> None:
    page = site.evaluator.get("/evaluator/activity")
    assert page.status_code == 200
    header, *rows = _table(page.text, "activity")
    assert header == ["Week beginning", "New", "Returning", "Active"]
    created = {person.id: monday(person.created_at) for person in site.world.people}
    weeks: dict[date, set[int]] = defaultdict(set)
    for person, when in site.world.activity:
        weeks[monday(when)].add(person)
    assert len(rows) == 52
    shown = 0
    for label, new, returning, active in rows:
        week = datetime.strptime(label, "%d %b %Y").date()
        people = weeks.get(week, set())
        fresh = sum(created[p] == week for p in people)
        assert _agrees(new, fresh) and _agrees(returning, len(people) - fresh)
        assert _agrees(active, len(people))
        # A row never hides just one of its three numbers: the other two would give it away.
        assert sum(text in MARKS for text in (new, returning, active)) != 1
        shown += active not in MARKS and _number(active) >= 10
    assert shown > 3  # the world is big enough for some weeks to show real figures


def test_small_counts_are_hidden_everywhere_and_shown_as_under_ten(site: Site) -> None:
    leeds = site.world.cohorts["leeds"]
    page = site.evaluator.get(f"/evaluator?cohort={leeds}").text
    _, row, _ = _table(page, "cohorts")
    assert row[:2] == ["Leeds", "Partnerships"]
    assert row[3] == SMALL  # four people
    seen_marks = set()
    for path in [p.path for p in PAGES] + [f"{p.path}?cohort={leeds}" for p in PAGES]:
        text = site.evaluator.get(path).text
        for cells in re.findall(r'<td class="number[^"]*">([^<]*)</td>', text):
            value = html.unescape(cells)
            seen_marks |= {value} & MARKS
            assert not re.fullmatch(r"[1-9]", value), f"{path} shows a count of {value}"
    assert seen_marks == MARKS  # both marks occur in this world, primary and secondary
    # The chart marks its hidden bars as the table does, and no script draws it.
    page = site.evaluator.get("/evaluator/safety").text
    assert SMALL in str(_table(page, "safety-flags"))  # a few flags: small counts
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'class="bar suppressed"' in svg and "&lt;10" in svg
    assert "<script" not in page


def test_reflections_and_their_completion_rate(site: Site) -> None:
    header, *rows, totals = _table(site.evaluator.get("/evaluator/reflections").text, "reflections")
    assert header == ["Reflection", "Completed", "Not completed", "Started", "Completion rate"]
    titles = {
        "defensive-reasoning": "Defensive-reasoning check",
        "assumption-test": "Assumption test",
        "ability-to-respond": "Ability to respond",
        "check-in": "Commitment check-in",
    }
    by_title = {row[0]: row for row in rows}
    for flow, title in titles.items():
        done = sum(
            1
            for _, f, status, started, _ in site.world.sessions
            if f == flow and status == "completed"
        )
        started = sum(1 for _, f, _, _, _ in site.world.sessions if f == flow)
        _, completed_text, _, started_text, rate = by_title[title]
        assert _agrees(completed_text, done) and _agrees(started_text, started)
        if MARKS.isdisjoint({completed_text, started_text}):
            assert rate == f"{round(100 * done / started)}%"
        else:
            assert rate == CONFIDENTIAL  # a rate would give away its hidden count
    assert _agrees(totals[3], len(site.world.sessions))


def test_each_csv_holds_exactly_the_cells_its_table_shows(site: Site) -> None:
    hackney = site.world.cohorts["hackney"]
    for query in ("", f"?programme={site.world.programmes['leading']}&from=2026-05-06"):
        for page in PAGES:
            text = site.evaluator.get(page.path + query).text
            for key in page.tables:
                assert f'href="/evaluator/{key}.csv{html.escape(query)}"' in text
                download = site.evaluator.get(f"/evaluator/{key}.csv{query}")
                assert download.status_code == 200
                assert download.headers["content-type"].startswith("text/csv")
                assert download.headers["content-disposition"].startswith("attachment;")
                rows = list(csv.reader(io.StringIO(download.text)))
                assert rows == _table(text, key), key
    one = site.evaluator.get(
        f"/evaluator/activity.csv?cohort={hackney}&from=2026-06-10&to=2026-06-21"
    )
    assert 'filename="activity_2026-06-08_2026-06-15.csv"' in one.headers["content-disposition"]


def test_filters_choose_the_cohorts_and_the_weeks(site: Site) -> None:
    world = site.world
    everyone = _table(site.evaluator.get("/evaluator").text, "cohorts")
    assert [row[0] for row in everyone[1:]] == [
        "Camden spring",
        "Hackney autumn",
        "Leeds",
        "No cohort",
        "All",
    ]
    leading = _table(
        site.evaluator.get(f"/evaluator?programme={world.programmes['leading']}").text, "cohorts"
    )
    assert [row[0] for row in leading[1:]] == ["Camden spring", "Hackney autumn", "All"]
    # A Wednesday to a Tuesday: widened to whole weeks, Monday 2 March to the week of 16 March.
    page = site.evaluator.get("/evaluator/activity?from=2026-03-04&to=2026-03-17").text
    assert [row[0] for row in _table(page, "activity")[1:]] == [
        "02 Mar 2026",
        "09 Mar 2026",
        "16 Mar 2026",
    ]
    assert "weeks of 02 Mar 2026 to 16 Mar 2026" in page
    # The form keeps what was asked for.
    assert 'name="from" value="2026-03-04"' in page
    default = _table(site.evaluator.get("/evaluator/calls").text, "calls")
    assert (default[1][0], default[-2][0]) == (f"{FIRST_WEEK:%d %b %Y}", f"{LAST_WEEK:%d %b %Y}")


BAD_FILTERS = [
    ("programme=abc", "There is no such programme"),
    ("programme=999999", "There is no such programme"),
    ("cohort=-1", "There is no such cohort"),
    ("programme={other}&cohort={cohort}", "That cohort is not part of that programme."),
    ("from=2026-02-30", "The “from” date must be a date"),
    ("to=next+week", "The “to” date must be a date"),
    ("from=2026-05-01&to=2026-04-01", "must not be after"),
    ("from=2023-01-02&to=2026-01-05", "at most 104 weeks"),
    ("from=1999-01-01", "between 2020 and 2100"),
]


def test_a_bad_filter_gets_a_clear_message_and_no_figures(services: Services) -> None:
    with services.database.transaction() as session:
        cohort = create_cohort(session=session, name="Camden", programme="Leading", at=NOON)
        other = create_cohort(session=session, name="Leeds", programme="Partners", at=NOON)
        ids = {"cohort": cohort.id, "other": other.programme_id}
    app = create_app(services, clock=lambda: NOON)
    evaluator = browser(app, services, add_staff(services, "evaluator@example.org", "evaluator"))
    for query, message in BAD_FILTERS:
        query = query.format(**ids)
        page = evaluator.get(f"/evaluator/retention?{query}")
        assert page.status_code == 400, query
        assert message in html.unescape(page.text), query
        assert "<table" not in page.text and "Download CSV" not in page.text
        download = evaluator.get(f"/evaluator/retention.csv?{query}")
        assert download.status_code == 400
        assert message in html.unescape(download.text)
    fine = evaluator.get(f"/evaluator/retention?programme={ids['other']}&cohort={other.id}")
    assert fine.status_code == 200


def test_no_pseudonym_or_anything_anyone_wrote_reaches_an_evaluator(services: Services) -> None:
    clock = Clock(datetime(2026, 11, 16, 9, tzinfo=UTC))
    words = [f"Zanzibar{n} quokka whispered the rota" for n in range(12)]
    pseudonyms = []
    for n, first in enumerate(words):
        name = f"77000000{n:04d}"
        _, driver = participant(services, name, answers=[first, *RESPOND[1:]], clock=clock)
        driver.command(f"/callme about Xylophone{n} and the bins")
        pseudonyms.append(services.conversation.pseudonym(transport="test", external_id=name))
    app = create_app(services, clock=lambda: NOON)
    evaluator = browser(app, services, add_staff(services, "evaluator@example.org", "evaluator"))
    secrets = [*pseudonyms, *(short_pseudonym(p) for p in pseudonyms), "Zanzibar", "Xylophone"]
    secrets += ["quokka", "the bins", "Ring the caretaker", "770000"]
    routes = [
        route.path for route in app.routes if getattr(route, "path", "").startswith("/evaluator")
    ]
    assert len(routes) == 15
    for path in routes:
        for query in ("", "?from=2026-11-16&to=2026-11-22"):
            response = evaluator.get(path + query)
            assert response.status_code == 200, path
            for secret in secrets:
                assert secret not in response.text, (path, secret)
    # The twelve are counted all the same: new, all of them, in the week they wrote.
    week = _table(evaluator.get("/evaluator/activity").text, "activity")[-1]
    assert week == ["16 Nov 2026", "12", "0", "12"]


def test_a_hidden_count_is_drawn_the_same_whatever_it_holds() -> None:
    def chart(hidden: int) -> BarChart:
        rows, _ = suppressed_rows(
            [("a",), ("b",), ("c",)], [[Count(hidden)], [Count(40)], [Count(12)]]
        )
        return bar_chart(
            title="t", categories=["a", "b", "c"], series=[("s", [r.cells[0] for r in rows])]
        )

    assert chart(1) == chart(9)  # nothing of the hidden value reaches the chart
    first, tallest, _ = chart(3).bars
    assert first.hidden and first.height == STUB and first.mark == SMALL
    # The scale is that of the numbers shown: the tallest shown bar reaches the top tick.
    assert chart(3).ticks[-1].text == "40" and tallest.y == chart(3).ticks[-1].y
