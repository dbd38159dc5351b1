"""People's names and street addresses, for the redactor (see ``bot/redaction.py``).

No statistical model (none installs offline from PyPI with verifiable files): three rules that
together catch the names people write in reflections, tuned to stay quiet on the capitalised
words housing text is full of (Council, Tenants' Association, Monday).

* A title and what follows: "Mrs Okafor", "Cllr Jane Smith", "Dr. Patel".
* Context: a relationship or naming word and a capitalised word: "my neighbour Derek",
  "a woman called Precious", "his son Tayo".
* A gazetteer of first names common in the UK, with an optional capitalised surname after it:
  "Priya said", "I rang Sean Murphy". Names that are also everyday words (Will, Mark, Grace)
  count only with a surname or a context word.

Addresses: a house number and a street name with a street word ("14 Elm Road"), flat, block
and house numbers ("Flat 3", "flat 12b", "Block C", "no. 27"), and named blocks and estates
("Nightingale House", "the Broadwater Farm estate").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.redaction import Recogniser, Span

_TITLE = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Rev|Revd|Father|Sister|Sir|Dame|Prof|Professor"
    r"|Lord|Lady)"
)
# A capitalised name: "Okafor", "O'Brien", "McDonald", "Smith-Jones" (not the "'s" of "Sarah's").
_CAP = r"(?:[A-Z]'|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_CONTEXT = (
    r"(?i:called|named|name is|name's|(?:my|his|her|their|our|the) (?:neighbour|neighbours|friend|"
    r"colleague|manager|boss|son|daughter|partner|husband|wife|boyfriend|girlfriend|mum|dad|"
    r"brother|sister|nan|grandad|caretaker|housing officer|officer|councillor|landlord|tenant|"
    r"support worker|social worker|key worker|gp|doctor|nurse|teacher|chair|vice chair|"
    r"secretary|treasurer|lodger|carer|cousin|aunt|uncle|niece|nephew|ex))"
)
_TITLED = re.compile(rf"\b{_TITLE}\.? (?:{_CAP} )?{_CAP}\b")
# The context words in any case; the name itself must be capitalised.
_CONTEXTUAL = re.compile(rf"\b{_CONTEXT},? ({_CAP}(?: {_CAP})?)\b")

# Everyday words that are also first names: only with a surname or a context word.
_AMBIGUOUS = frozenset(
    "Will Mark Bill Grace Hope Joy Rose May June Faith Dawn Summer Amber Jack Pat Sunny Ray "
    "Rob Guy Frank Drew Chase Angel Holly Ivy Robin Carol Sandy Penny Hazel Jade Ruby Crystal "
    "Victoria Florence Georgia Chelsea Sterling Royal Star".split()
)
_FIRST_NAMES = frozenset(
    """
    Aaliyah Aaron Abdul Abdullah Abigail Ada Adam Adebayo Adeola Aditi Adrian Ahmed Aidan Aisha
    Alan Alex Alexander Alexandra Ali Alice Alicia Alison Amanda Amara Amelia Amina Amir Amit Amy
    Ana Andrea Andrew Andy Angela Anil Anita Ann Anna Anne Annie Anthony Antonio Anwar Arjun
    Arthur Asha Ashley Aurora Ava Ayesha Barbara Barry Beatrice Ben Benjamin Bernard Beth Bethany
    Beverley Bilal Blessing Bogdan Brandon Brenda Brian Bridget Bukola Callum Cameron Carl Carla
    Caroline Catherine Charlie Charlotte Chidi Chloe Chris Christine Christopher Chukwuemeka
    Ciaran Claire Colin Connor Craig Cynthia Dale Damian Daniel Danielle Darren David Dean Deborah
    Declan Denise Dennis Derek Destiny Dev Diana Diane Dominic Donna Dorothy Duncan Dylan Eddie
    Edward Elaine Eleanor Elena Eliza Elizabeth Ella Ellie Emeka Emily Emma Eric Erin Esther Ethan
    Eva Evelyn Faisal Farah Fatima Fatuma Felix Fiona Francesca Gabriel Gareth Gary Gavin Gemma
    George Gerald Gillian Gloria Gordon Graham Greg Hamza Hannah Harriet Harry Harvey Hassan
    Heather Helen Henry Ibrahim Ifeoma Imran Isaac Isabel Isabella Isla Ismail Jacob Jake James
    Jamie Jan Jane Janet Janice Jasmine Jason Javed Jayden Jean Jennifer Jenny Jeremy Jessica Joan
    Joanne Joe Joel John Jonathan Jordan Joseph Josh Joshua Joyce Judith Julia Julie Justin Kai
    Kamal Karen Kate Katie Kayode Keith Kelly Kemi Kenneth Kerry Kevin Khadija Kieran Kim Kirsty
    Kofi Kwame Lara Laura Lauren Layla Leah Lee Leila Leon Lesley Liam Lily Linda Lisa Liz Lorraine
    Louise Lucas Lucy Luke Lynn Maria Mariam Marie Marjorie Martin Mary Matthew Maureen Maya Megan
    Mehmet Melissa Mia Michael Michelle Mohamed Mohammed Muhammad Nadia Naomi Natalie Nathan Neil
    Nia Nicholas Nicola Nicole Nigel Nikhil Nina Noah Nora Norma Nuala Obi Oliver Olivia Olu Omar
    Oscar Owen Pamela Patricia Patrick Paul Paula Pauline Peter Philip Phoebe Pooja Precious
    Priya Rachel Rahul Rajesh Rana Rashid Rebecca Reza Rhys Richard Rita Robert Rosa Rosemary Ryan
    Sadia Saeed Sally Sam Samantha Samina Samuel Sandra Sarah Sara Saskia Sean Sebastian Shabnam
    Shanice Sharon Sheila Shirley Simon Sinead Siobhan Sofia Sophie Stacey Stephen Steve Steven
    Stuart Sue Susan Tanya Tariq Tayo Teresa Terry Thomas Tim Timothy Tina Toby Tom Tomasz Tony
    Tracey Tunde Usman Valerie Vanessa Victor Vikram Vincent Wayne Wendy William Yasmin Yusuf
    Zainab Zara Zoe Zoran
    """.split()
)
_NAMEISH = re.compile(rf"\b({_CAP})(?: ({_CAP}))?\b")
_NOT_SURNAMES = frozenset(
    "The A An And But Or So Said Says Told Asked Was Is Has Had Did Will Would Could Should "
    "From At On In To For With About Council Councillor Road Street Estate House Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday".split()
)


def _names(text: str) -> Iterable[Span]:
    for match in _TITLED.finditer(text):
        yield match.span()
    for match in _CONTEXTUAL.finditer(text):
        name = match.group(1)
        if name[0].isupper():
            first = name.split()[0]
            if first not in _NOT_SURNAMES:
                yield match.start(1), match.end(1)
    for match in _NAMEISH.finditer(text):
        first, surname = match.group(1), match.group(2)
        if first not in _FIRST_NAMES and first not in _AMBIGUOUS:
            continue
        has_surname = surname is not None and surname not in _NOT_SURNAMES
        if first in _AMBIGUOUS and not has_surname:
            continue
        yield (match.start(), match.end()) if has_surname else match.span(1)


_STREET_WORD = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Court|Ct|Crescent|Drive|Dr|Gardens|Grove|"
    r"Place|Pl|Square|Sq|Terrace|Way|Walk|Hill|Row|Mews|Parade|Rise|View|Green|Park|Vale|Yard)"
)
_STREET = re.compile(rf"\b[0-9]{{1,4}}[A-Za-z]?,? (?:{_CAP} ){{1,3}}{_STREET_WORD}\b")
_UNIT = re.compile(
    r"\b(?:(?i:flat|apartment|apt|block|unit|maisonette) ?(?:[0-9]{1,4}[A-Za-z]?|[A-Z])"
    r"|(?i:no)\. ?[0-9]{1,4}[A-Za-z]?)\b"
)
_NAMED_BLOCK = re.compile(
    rf"\b(?:{_CAP} ){{1,2}}(?:House|Tower|Court|Estate|Mansions|Buildings|Lodge|Point)\b"
)


def _addresses(text: str) -> Iterable[Span]:
    for pattern in (_STREET, _UNIT, _NAMED_BLOCK):
        for match in pattern.finditer(text):
            yield match.span()


def person_recogniser() -> Recogniser:
    return Recogniser("PERSON", _names, numbered=True)


def address_recogniser() -> Recogniser:
    return Recogniser("ADDRESS", _addresses)
