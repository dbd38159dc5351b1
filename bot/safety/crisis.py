"""The crisis check: deterministic, explainable, conservative, and first on every message.

Patterns over normalised text (case, accents, look-alike characters, repeated letters, common
misspellings, leetspeak and a few emoji folded away), grouped by category. Each pattern is
first-person or otherwise specific, which is what keeps "the council is killing this estate" or
"I could murder a brew" quiet. A hit names its category and the phrase that matched, so a
reviewer can see why. Weaker signals ("I can't cope", "I'm a burden") are counted over the last
few messages: several of them together count as an indirect signal even when no single message
would.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    EXPLICIT = "explicit"
    SELF_HARM = "self_harm"
    INDIRECT = "indirect"
    HARM_FROM_OTHERS = "harm_from_others"


@dataclass(frozen=True)
class Hit:
    category: Category
    matched: str  # the normalised words that triggered it (never stored or logged)


WEAK_WINDOW = 5
WEAK_THRESHOLD = 3

_SELF_VERBS = r"(?:kill|killin|killing|killed|top|topping|topped|end|ending|unalive|unaliving|unalived|hang|hanging|off|offing|drown|drowning|poison|poisoning|shoot|shooting|stab|stabbing|gas|gassing)"
_PATTERNS: dict[Category, tuple[str, ...]] = {
    Category.EXPLICIT: (
        rf"\b{_SELF_VERBS} myself\b",
        r"\b(?:kms|kmsl|unalive)\b",
        r"(?<!political )(?<!career )(?<!commercial )(?<!electoral )\bsuicid\w*",
        r"\bend(?:ing)? (?:it all|my life|everything)\b",
        r"\btake my (?:own )?life\b",
        r"\bhow (?:do|would|could|can|should) (?:you|i|someone|somebody|people|one) (?:kill|end|take|off) (?:your|my|their|one s|his|her) ?(?:self|selves|own life|life|lives)\b",
        r"\bhow (?:do|would|could|can|should) (?:you|i|someone|somebody|people|one) (?:kill|off|hang|poison) (?:yourself|myself|themselves|himself|herself|oneself)\b",
        r"\b(?:want|wanna|going|gonna|ready|about|plan|planning) (?:to )?die\b(?! of| laughing| for| when| if| a little| inside)",
        r"\bwish i (?:was|were) dead\b",
        r"\b(?:want|wanna) to be dead\b",
        r"\bbetter off dead\b",
        r"\b(?:don ?t|do not|dont) want to (?:live|be alive|exist|wake up)\b",
        r"\bno (?:reason|point) (?:to|in) (?:live|living|being alive|going on)\b",
        r"\b(?:taken|took|swallowed|necked|downed) (?:all|a load|loads|a lot|the lot|a bunch|a whole|a full|a handful) (?:of )?(?:my |the |of my )?(?:tablets|pills|meds|medication|paracetamol|sleeping pills)\b",
        r"\b(?:overdos\w*|od d|od ing|od on)\b",
        r"\bjump(?:ing)? (?:off|in front of|under) (?:a|the|that) (?:bridge|building|roof|train|car|bus|cliff|motorway|tower block|balcony)\b",
        r"\b(?:bought|got|have|saved up|stockpil\w*) (?:a |the |some |enough )?(?:rope|pills|tablets)\b.*\b(?:end|die|it all)\b",
        r"\bwriting (?:my|a) (?:suicide )?note\b",
        r"\b(?:i m|i am|i ll|i will|going to|gonna|so i can|want to|wanna) end(?:ing)? (?:it|things)\b(?! with| here| there| for| now for| early| on| off| at)",
        r"\bstockpil\w* (?:my |the |some )?(?:tablets|pills|meds|medication|paracetamol)\b",
        r"\b(?:step|walk|throw myself|jump|run) (?:out )?in front of (?:a|the) (?:bus|train|car|lorry|van|tube)\b",
        r"\b(?:not sure|don t know if|do not know if) i (?:want|wanna) to (?:be alive|live|go on|carry on)\b",
        r"\b(?:not|won t|will not) be here (?:tomorrow|by (?:the )?morning|much longer|after tonight)\b",
        r"\bi (?:can ?t|cannot) go on\b(?! like| with| without| about| and| at| in| for| doing| having| being)",
    ),
    Category.SELF_HARM: (
        r"\bself ?harm\w*",
        r"\b(?:cut|cutting|cuts|burn|burning|burnt|hurt|hurting|harm|harming|scratch|scratching|hit|hitting|punch|punching|starve|starving) myself\b",
        r"\b(?:cut|slit|slash) (?:my|me) (?:wrist|wrists|arm|arms|legs|thighs)\b",
        r"\bbang(?:ing)? my head (?:against|on|off) (?:the )?wall\b.*\b(?:until|till|til) (?:it )?bleed",
        r"\b(?:relapsed|relapse) (?:with|on|into) (?:cutting|self ?harm)\b",
        r"\bsh again\b|\bsh ing\b",
        r"\b(?:cut|cutting|scratched|scratching|burned|burnt|burning|carved|carving) (?:my|me) (?:arm|arms|leg|legs|wrist|wrists|skin|thighs|stomach)\b",
        r"\b(?:back to|started|starting|urge to|urges to) (?:cutting|self ?harming|burning myself)\b|\bcutting again\b",
        r"\b(?:until|till|til) (?:they|it|i) bled\b",
        r"\bblades? (?:again|out)\b",
    ),
    Category.INDIRECT: (
        r"\b(?:everyone|everybody|they|people|my family|my kids|the world)(?: d| would| will)? (?:be )?better off without me\b",
        r"\bbetter off without me\b",
        r"\b(?:nobody|no one|noone) would (?:even )?(?:miss|notice|care)(?: me| if i)?\b",
        r"\bthis is my (?:last|final) (?:message|post|goodbye)\b",
        r"\b(?:won ?t|will not|wont) be (?:around|here|a problem|a burden) (?:for much longer|much longer|anymore|any more|soon|after (?:today|tonight))\b",
        r"\b(?:can ?t|cannot|cant) (?:do|take|handle) (?:this|it|any of this|life) (?:anymore|any more|much longer)\b",
        r"\b(?:want|wanna|need) (?:it all|everything) to stop\b",
        r"\b(?:tired|sick) of (?:being alive|living|life|existing)\b",
        r"\b(?:don ?t|do not|dont) want to be here (?:anymore|any more)\b",
        r"\bgiv(?:en|ing) away (?:my|all my) (?:things|stuff|belongings)\b",
        r"\b(?:say|saying|said) (?:my )?goodbyes?\b.*\b(?:forever|for good|last time)\b",
        r"\bdisappear (?:forever|for good)\b",
        r"\bno way out\b(?! of)",
        r"\bwhat(?: s| is) the point (?:of|in) (?:living|going on|anything anymore|me)\b",
        r"\bi(?: m| am) (?:just |such |only )?a burden\b",
        r"\b(?:don t|do not|can t|cannot) see (?:the|any) point (?:in|of) (?:carrying on|going on|living|anything|it all|being here)\b",
        r"\bif i (?:wasn t|weren t|was not|were not) (?:here|around|alive)\b",
        r"\b(?:written|writing|wrote) (?:letters|a letter|notes|a note) (?:to|for) (?:my )?(?:kids|children|family|son|daughter|mum|partner|husband|wife)\b",
        r"\blast time (?:you ll |you will |you ever |you |anyone will )?hear from me\b",
        r"\b(?:sleep|go to sleep) and (?:never|not) wake up\b",
    ),
    Category.HARM_FROM_OTHERS: (
        r"\b(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|mum|mother|son|stepdad|landlord|neighbour)) (?:keeps |has |s )?(?:hits|hit|hitting|beats|beat|beating|beaten|punches|punched|kicks|kicked|chokes|choked|strangles|strangled|slaps|slapped|smacks|smacked) (?:me|my kids|the kids|my children|my son|my daughter)\b",
        r"\b(?:domestic (?:violence|abuse)|coercive control)\b",
        r"\b(?:being|been|was|am|i m|im) (?:abused|beaten|assaulted|raped|attacked|strangled)\b",
        r"\b(?:raped|rape|sexual(?:ly)? assault\w*)\b",
        r"\bthreaten(?:ed|s|ing)? to (?:kill|hurt|stab|beat) (?:me|us|my kids|the kids|my children)\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:to go|of going) home\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:of|for) my (?:life|safety)\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:he|she|they) (?:will|ll|is going to|are going to|might) (?:kill|hurt) (?:me|us)\b",
        r"\b(?:won ?t|will not) let me (?:leave|go out|see my (?:friends|family))\b",
        r"\babusive (?:partner|husband|wife|boyfriend|girlfriend|relationship|ex)\b",
        r"\b(?:grabbed|grabs|held|holds|pinned|pins|dragged|drags) me (?:by the (?:throat|neck|hair|arm)|down|against the wall)\b",
        r"\block(?:s|ed)? me in\b",
        r"\b(?:scared|afraid|frightened|terrified) of my (?:husband|wife|partner|boyfriend|girlfriend|ex|dad|father|stepdad|mum|mother|son)\b",
    ),
}
_WEAK = (
    r"\bhopeless\b",
    r"\bworthless\b",
    r"\b(?:can ?t|cannot|cant) cope\b",
    r"\b(?:i m|im|i am|feel|feeling) (?:so )?(?:trapped|empty|numb|alone)\b",
    r"\b(?:i m|i am|im|feel like|i feel like) (?:such )?a burden\b",
    r"\b(?:i have|i ve got|i got) no (?:hope|future)\b|\bno future for me\b",
    r"\bgive up on (?:everything|life)\b",
    r"\bnothing (?:matters|left)\b",
    r"\bdark (?:place|thoughts)\b",
    r"\b(?:i m|i am) at (?:my )?breaking point\b",
    r"\b(?:i m|i am|i feel like i m) falling apart\b",
    r"\b(?:exhausted|drained) (?:all the time|with everything|by everything)\b",
    r"\bcrying (?:every|all) (?:day|night)\b",
    r"\bi (?:can t|cannot) keep going\b",
    r"\bit s (?:all )?too much\b",
)
_COMPILED = {c: tuple(re.compile(p) for p in ps) for c, ps in _PATTERNS.items()}
_WEAK_COMPILED = tuple(re.compile(p) for p in _WEAK)
_ORDER = (Category.EXPLICIT, Category.SELF_HARM, Category.HARM_FROM_OTHERS, Category.INDIRECT)

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_EMOJI = {
    "🔪": " knife ",
    "💊": " pills ",
    "🪢": " rope ",
    "⚰️": " dead ",
    "⚰": " dead ",
    "🩸": " blood ",
}
_MISSPELLINGS = {
    "myslef": "myself",
    "mysef": "myself",
    "myselfe": "myself",
    "mself": "myself",
    "meself": "myself",
    "suicde": "suicide",
    "sucide": "suicide",
    "suicdal": "suicidal",
    "sucidal": "suicidal",
    "kil": "kill",
    "wanan": "wanna",
    "tabelts": "tablets",
    "tablts": "tablets",
    "anymore": "anymore",
    "cant": "can t",
    "dont": "don t",
    "wont": "won t",
    "im": "i m",
}


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, with look-alikes and noise folded away."""
    for emoji, word in _EMOJI.items():
        text = text.replace(emoji, word)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    # Leetspeak only inside words ("k1ll", "su1c1de"), so "116 123" and "2 pm" stay numbers.
    text = re.sub(
        r"(?<=[a-z])[013457@$]+|[013457@$]+(?=[a-z])", lambda m: m[0].translate(_LEET), text
    )
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)  # "sooooo" -> "soo", "killlll" -> "kill"
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", " ")
    words = [_MISSPELLINGS.get(word, word) for word in text.split()]
    text = " ".join(words)
    return re.sub(r"\bmy ?self\b", "myself", text)


def check(text: str) -> Hit | None:
    """The first category whose patterns match, most serious first."""
    normal = normalise(text)
    if not normal:
        return None
    for category in _ORDER:
        for pattern in _COMPILED[category]:
            match = pattern.search(normal)
            if match:
                return Hit(category, match[0])
    return None


def weak_signals(text: str) -> int:
    """How many weaker distress cues a message holds (counted over several messages)."""
    normal = normalise(text)
    return sum(1 for pattern in _WEAK_COMPILED if pattern.search(normal))


def check_with_history(text: str, recent: list[int]) -> tuple[Hit | None, list[int]]:
    """``check``, plus weak cues accumulated over the last few messages; the updated trail."""
    trail = [*recent, weak_signals(text)][-WEAK_WINDOW:]
    hit = check(text)
    if hit is None and sum(trail) >= WEAK_THRESHOLD and trail[-1] > 0:
        hit = Hit(Category.INDIRECT, "several distress cues over recent messages")
    if hit is not None:
        trail = []  # answered with a card: start counting afresh
    return hit, trail
