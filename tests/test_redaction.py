"""Tests for bot.redaction: exact output strings, so any change in behaviour shows."""

from __future__ import annotations

import re

import pytest

from bot.redaction import (
    Recogniser,
    Redacted,
    Redaction,
    Redactor,
    default_redactor,
)

REDACT = default_redactor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email me at jo.bloggs@example.com please", "Email me at [EMAIL] please"),
        ("The officer is sam.patel@camden.gov.uk.", "The officer is [EMAIL]."),
        ("Cc'd housing@hackney.gov.uk and repairs@peabody.org.uk", "Cc'd [EMAIL] and [EMAIL]"),
        ("Contact: MARY_O'BRIEN@Council.Org.UK", "Contact: [EMAIL]"),
        ("(reply to tenants+forum@gmail.com)", "(reply to [EMAIL])"),
        ("Her address is 'j.smith99@hotmail.co.uk'", "Her address is '[EMAIL]'"),
        ("email:chair-tra@outlook.com;", "email:[EMAIL];"),
        (
            "I wrote to <cllr.ahmed@islington.gov.uk> about the lift",
            "I wrote to <[EMAIL]> about the lift",
        ),
        ("Send it to zoë.müller@example.de", "Send it to [EMAIL]"),
    ],
)
def test_redactor_catches_emails(text: str, expected: str) -> None:
    assert REDACT(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My mobile is 07700 900123 if you need me", "My mobile is [PHONE] if you need me"),
        ("Ring her on 07700900123.", "Ring her on [PHONE]."),
        ("Text +44 7700 900123 after 6pm", "Text [PHONE] after 6pm"),
        ("Overseas? +447700900123", "Overseas? [PHONE]"),
        ("Housing office: 020 7485 5315", "Housing office: [PHONE]"),
        ("The Manchester team is on 0161 496 0000.", "The Manchester team is on [PHONE]."),
        ("Call 01632 960000 for the caretaker", "Call [PHONE] for the caretaker"),
        ("Reception (020) 7946 0000, ext 4", "Reception [PHONE], ext 4"),
        ("From abroad dial +44 (0)20 7946 0000", "From abroad dial [PHONE]"),
        ("or 0044 20 7946 0000", "or [PHONE]"),
        ("Repairs line 0800 123 4567 is free", "Repairs line [PHONE] is free"),
        ("Freephone 0800 123 456", "Freephone [PHONE]"),
        ("Council tax: 0300 123 4567", "Council tax: [PHONE]"),
        ("HMRC 0345 300 0481 kept me waiting", "HMRC [PHONE] kept me waiting"),
        ("Dashes: 07700-900-123", "Dashes: [PHONE]"),
        ("Dots: 0161.496.0000", "Dots: [PHONE]"),
        ("(0161) 496 0000 is the estate office", "[PHONE] is the estate office"),
        ("Tel:07700900123", "Tel:[PHONE]"),
        ("two numbers 07700 900123 07700 900456", "two numbers [PHONE] [PHONE]"),
    ],
)
def test_redactor_catches_uk_phone_numbers(text: str, expected: str) -> None:
    assert REDACT(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at SW1A 1AA now", "I live at [POSTCODE] now"),
        ("The hub is in N1 9GU.", "The hub is in [POSTCODE]."),
        ("Office: EC1A 1BB", "Office: [POSTCODE]"),
        ("Moved to M1 1AE last year", "Moved to [POSTCODE] last year"),
        ("Estate postcode B33 8TH, tower block", "Estate postcode [POSTCODE], tower block"),
        ("her flat in CR2 6XH has mould", "her flat in [POSTCODE] has mould"),
        ("Send forms to DN55 1PT", "Send forms to [POSTCODE]"),
        ("postcode nw18ln", "postcode [POSTCODE]"),
        ("sw1a 1aa lowercase", "[POSTCODE] lowercase"),
        ("Nw1 8ln typed on a phone", "[POSTCODE] typed on a phone"),
        ("(E17 4PP)", "([POSTCODE])"),
    ],
)
def test_redactor_catches_uk_postcodes(text: str, expected: str) -> None:
    assert REDACT(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://example.org/repairs?id=42 for details", "See [URL] for details"),
        ("Photos at http://example.com/photos.", "Photos at [URL]."),
        ("The site www.camden.gov.uk has the form", "The site [URL] has the form"),
        ("Our group: example.org/page", "Our group: [URL]"),
        ("My blog (janesmith.co.uk) explains it", "My blog ([URL]) explains it"),
        ("Petition: change.org/p/save-our-lift!", "Petition: [URL]!"),
        ("link https://en.wikipedia.org/wiki/Tower_(block))", "link [URL])"),
        ("Check council.gov.uk.", "Check [URL]."),
        ("WWW.EXAMPLE.COM/ABOUT, then", "[URL], then"),
        ("localhost:8000 aside, example.org:8080/admin", "localhost:8000 aside, [URL]"),
    ],
)
def test_redactor_catches_urls(text: str, expected: str) -> None:
    assert REDACT(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was on 12/03/2024.",
        "We met on 01.03.2024 at 10:30 and again 09-03-2024.",
        "Repairs were booked for 2024-03-12.",
        "It started at 3pm and finished at 17:45.",
        "Opening hours 0900-1700, Monday to Friday.",
        "The bill came to £1,250 for the whole block.",
        "We raised 1,250 pounds, then £0.50 each.",
        "3 residents came, out of 120 households.",
        "Rents went up 7% in 2024, about 3.5% above inflation.",
        "Take the A1 north, then the M25.",
        "Turn off the M1 1st exit, then the A1 2nd left.",
        "COVID-19 hit the estate hard; COVID19 testing too.",
        "It was a B2B event, not for tenants.",
        "They live somewhere in NW1.",
        "Issues, e.g. damp, i.e. mould, etc. were raised.",
        "The app is v2.3.1 and needs Python 3.11.",
        "St Pancras and Somers Town ward, Kentish Town ward.",
        "Section 21 notices rose 50% this year.",
        "Case ref HSG-2024-00172 is still open.",
        "I rated it 4/5 and would say 10 out of 10 next time.",
        "Born in 1984, lived here since 2009.",
        "Room 101 on the 2nd floor.",
        "Our budget is £12,500.00 for 2024/25.",
        "Good meeting.Next time I'll prepare more.",
        "Use and/or wording carefully.",
        "We'll meet at 10.30am on the 8th.",
        "Ages 18-25 and 65+ were the main groups.",
        "Sort code 20-00-00 is not a phone number.",
        "Reply @ the meeting, not by email.",
        "He said mr.smith was out.",
        "Chapter 3.2.1 of the tenancy agreement.",
        "Payment reference 012345678901234 went through.",
        "Invoice 06012 345678 is not a UK phone number.",
        "Order 0123 4567 was delivered to the hall.",
        "The spreadsheet ratio was 1.01234567890 exactly.",
    ],
)
def test_redactor_leaves_ordinary_text_alone(text: str) -> None:
    assert REDACT(text) == text
    assert REDACT.redact(text).counts == {}


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("nothing to see here", {}),
        ("a@example.com", {"EMAIL": 1}),
        ("07700 900123 or 020 7946 0000", {"PHONE": 2}),
        (
            "a@example.com, b@example.org, www.example.com, N1 9GU and 0161 496 0000",
            {"EMAIL": 2, "URL": 1, "POSTCODE": 1, "PHONE": 1},
        ),
    ],
)
def test_redactor_counts_only_labels_that_occurred(text: str, counts: dict[str, int]) -> None:
    assert REDACT.redact(text).counts == counts


@pytest.mark.parametrize(
    "text",
    [
        "Call 07700 900123, email jo@example.com, visit www.example.org, SW1A 1AA.",
        "Already done: [EMAIL], [PHONE], [POSTCODE], [URL] and [PERSON 1].",
        "plain text with no personal data",
        "mixed [EMAIL] and new@example.com",
    ],
)
def test_redactor_is_idempotent(text: str) -> None:
    once = REDACT.redact(text)
    twice = REDACT.redact(once.text)
    assert twice.text == once.text
    assert twice.counts == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hi, I'm Jo from the TRA. Ring me on 07700 900123 or email jo@tra-camden.org.uk. "
            "Our flyer is at www.tra-camden.org.uk/flyer and the hall is at NW1 8LN.",
            "Hi, I'm Jo from the TRA. Ring me on [PHONE] or email [EMAIL]. "
            "Our flyer is at [URL] and the hall is at [POSTCODE].",
        ),
        (
            "On 12/03/2024 at 3pm, 14 residents met in flat 12 (E17 4PP); costs were £1,250, "
            "e.g. for the lift. Contact repairs@example.org or 0800 123 4567.",
            "On 12/03/2024 at 3pm, 14 residents met in [ADDRESS] ([POSTCODE]); costs were £1,250, "
            "e.g. for the lift. Contact [EMAIL] or [PHONE].",
        ),
        (
            "https://example.org/contact?tel=07700900123&pc=N19GU",
            "[URL]",
        ),
        (
            "Line one 07700 900123\nline two B33 8TH\r\nline three",
            "Line one [PHONE]\nline two [POSTCODE]\r\nline three",
        ),
        (
            "Thanks 🙏 call 07700 900123 😊 or ✉️ a@b.co.uk",
            "Thanks 🙏 call [PHONE] 😊 or ✉️ [EMAIL]",
        ),
        (
            "رقم هاتفي 07700 900123 والرمز البريدي SW1A 1AA شكرا",
            "رقم هاتفي [PHONE] والرمز البريدي [POSTCODE] شكرا",
        ),
        (
            "המייל שלי dana@example.co.il תודה",
            "המייל שלי [EMAIL] תודה",
        ),
    ],
)
def test_redactor_handles_mixed_messages(text: str, expected: str) -> None:
    assert REDACT(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 20000, "a" * 20000),
        ("0" * 20000, "0" * 20000),
        ("@" * 5000, "@" * 5000),
        ("http://" * 3000, "[URL]"),
        ("a." * 10000, "a." * 10000),
        ("a@" * 10000, "a@" * 10000),
        ("a'" * 10000 + "@", "a'" * 10000 + "@"),
        ("+44 " * 5000, "+44 " * 5000),
        ("x@" + "a." * 10000 + "1", "x@" + "a." * 10000 + "1"),
        ("07700 900123 " * 1000, "[PHONE] " * 1000),
        ("😀" * 20000, "😀" * 20000),
        ("(0" * 10000, "(0" * 10000),
        ("[A" * 10000, "[A" * 10000),
    ],
)
def test_redactor_survives_hostile_input(text: str, expected: str) -> None:
    result = REDACT(text)
    assert type(result) is Redacted
    assert result == expected


def test_redactor_returns_redacted_types() -> None:
    result = REDACT.redact("mail a@example.com")
    assert isinstance(result, Redaction)
    assert type(result.text) is Redacted
    assert type(REDACT("no personal data")) is Redacted
    assert REDACT("mail a@example.com") == result.text == "mail [EMAIL]"


def _regex(label: str, pattern: str, *, numbered: bool = False) -> Recogniser:
    compiled = re.compile(pattern)
    return Recogniser(label, lambda t: (m.span() for m in compiled.finditer(t)), numbered)


@pytest.mark.parametrize(
    ("recognisers", "text", "expected"),
    [
        # Longest span wins, whichever recogniser comes first.
        ([_regex("SHORT", "bc"), _regex("LONG", "abcd")], "xabcdx", "x[LONG]x"),
        # Partial overlap: the longer span wins.
        ([_regex("AA", "abc"), _regex("BB", "cdefg")], "abcdefg", "ab[BB]"),
        # Same length: the earlier span wins.
        ([_regex("LATE", "cde"), _regex("EARLY", "bcd")], "abcde", "a[EARLY]e"),
        # Same span: the recogniser listed first wins.
        ([_regex("FIRST", "abc"), _regex("SECOND", "abc")], "abc", "[FIRST]"),
        ([_regex("SECOND", "abc"), _regex("FIRST", "abc")], "abc", "[SECOND]"),
    ],
)
def test_redactor_resolves_overlaps(
    recognisers: list[Recogniser], text: str, expected: str
) -> None:
    assert Redactor(recognisers)(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ann met Bob, then ann met Cal.",
            "[PERSON 1] met [PERSON 2], then [PERSON 1] met [PERSON 3].",
        ),
        ("Earlier [PERSON 2] saw Ann.", "Earlier [PERSON 2] saw [PERSON 3]."),
        ("[PERSON 1] and [EMAIL] are left alone", "[PERSON 1] and [EMAIL] are left alone"),
    ],
)
def test_redactor_numbers_placeholders_for_extension(text: str, expected: str) -> None:
    names = _regex("PERSON", r"(?i)\b(?:ann|bob|cal|person|email)\b", numbered=True)
    redactor = Redactor([names])
    assert redactor(text) == expected
    assert redactor(redactor(text)) == expected


def test_redactor_counts_numbered_placeholders_by_occurrence() -> None:
    names = _regex("PERSON", r"\b(?:Ann|Bob)\b", numbered=True)
    assert Redactor([names]).redact("Ann, Bob, Ann").counts == {"PERSON": 3}


@pytest.mark.parametrize("label", ["email", "", "E-MAIL", "PERSON 1", "[URL]"])
def test_redactor_rejects_bad_labels(label: str) -> None:
    with pytest.raises(ValueError):
        Recogniser(label, lambda t: ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Flat 12 and flat 3B have damp.", "[ADDRESS] and [ADDRESS] have damp."),
        ("Mrs Okafor at 14 Elm Road never answers", "[PERSON 1] at [ADDRESS] never answers"),
        (
            "My neighbour Derek said Priya would chair it",
            "My neighbour [PERSON 1] said [PERSON 2] would chair it",
        ),
        (
            "Sarah said Sarah would bring Sarah's notes",
            "[PERSON 1] said [PERSON 1] would bring [PERSON 1]'s notes",
        ),
        ("Cllr Jane Smith and Dr. Patel came", "[PERSON 1] and [PERSON 2] came"),
        ("my NI is AB123456C", "my NI is [NI_NUMBER]"),
        ("NHS number 943 476 5919", "NHS number [NHS_NUMBER]"),
        ("I rang Sean Murphy at Nightingale House", "I rang [PERSON 1] at [ADDRESS]"),
    ],
)
def test_names_addresses_and_id_numbers_are_redacted(text: str, expected: str) -> None:
    assert REDACT(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will you come to the meeting on Monday?",
        "The Council said the Tenants' Association should apply",
        "The number 5 bus was late",
        "I hope it works; mark my words",
        "1234567890 is not a valid NHS number",
        "QQ 12 34 56 C is only an example",
        "The housing officer said no",
    ],
)
def test_capitalised_words_and_look_alike_numbers_are_left_alone(text: str) -> None:
    assert REDACT(text) == text


def test_a_person_keeps_their_number_across_one_reflections_answers(services, clock) -> None:
    from sqlalchemy import select

    from bot.store.models import Answer

    from drivers import ServiceDriver

    driver = ServiceDriver(services, clock)
    driver.command("/defensive")
    driver.say("A call with Derek about the lifts")
    driver.say("I wanted Derek to admit Priya was right")
    with services.database.transaction() as session:
        texts = session.scalars(select(Answer.text).order_by(Answer.id)).all()
    assert texts == [
        "A call with [PERSON 1] about the lifts",
        "I wanted [PERSON 1] to admit [PERSON 2] was right",
    ]
