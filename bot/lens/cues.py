"""Lexical cues: short phrases that point to one pattern when they appear.

They serve twice. In training and at run time each label's cues are one input to the classifier
beside the sentence's embedding and word weights, so the classifier learns how far to trust them
(the examples deliberately use "never" and "every" in neutral and ownership sentences too). And
when a label fires, the cue phrases found for it are the words reported as having triggered it.

Patterns match lower-cased text with curly quotes straightened; apostrophes are optional because
people type "dont" and "im" on phones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_A = "'?"  # an optional apostrophe

_CUES: dict[str, tuple[str, ...]] = {
    "unilateral_control": (
        r"\b(?:by|to) myself\b",
        r"\bmyself\b",
        r"\bon my own\b",
        r"\bmy (?:own )?way\b",
        r"\bon my terms\b",
        r"\bthrough me\b",
        r"\bi (?:decided|chose|insisted|set|controlled|steered|framed|kept hold)\b",
        r"\bi made (?:sure|it clear)\b",
        rf"\b(?:didn{_A}t|did not|without) (?:ask|asking|check|checking|consult|consulting|tell|telling|explain|explaining|share|sharing|run|running)\b",
        r"\bto myself\b",
        r"\bend of\b",
        r"\bno (?:discussion|exceptions|vote)\b",
        r"\bkeep (?:a )?(?:tight )?(?:hold|grip|control)\b",
        r"\bthe reins\b",
        r"\bholding the pen\b",
        r"\bmy (?:script|plan|version|office|agenda)\b",
    ),
    "win_not_lose": (
        r"\bwin\b|\bwon\b|\bwinning\b",
        r"\blos(?:e|ing|t) (?:the )?(?:vote|argument|face)\b",
        r"\bback(?:ing|ed)? down\b",
        r"\b(?:give|gave|giving) (?:an inch|ground|way|nothing|them anything)\b",
        r"\bconced(?:e|ing)\b",
        r"\bcompromise\b",
        r"\bscor(?:e|ed|ing)\b",
        r"\bone (?:over|up) on\b",
        r"\blast (?:word|laugh)\b",
        r"\bprove[d]? (?:him|her|them|myself)? ?(?:wrong|right)\b",
        r"\b(?:been|was|being) (?:proved |proven )?right\b",
        r"\bcomeback\b",
        r"\bheld (?:my )?(?:ground|firm)\b|\bhold my ground\b",
        r"\blook(?:ed)? (?:weak|beaten|daft|a right)\b",
        r"\bcave[d]? in\b",
        r"\bcatch (?:him|her|them) out\b",
        r"\bthe credit\b",
        r"\bbeat\b",
    ),
    "suppress_feelings": (
        r"\bbrave face\b|\bpoker face\b|\bstiff upper lip\b",
        r"\b(?:forced|put on) a smile\b|\bjust smiled\b|\bwith a smile\b",
        r"\bas if nothing (?:had )?happened\b",
        r"\bchanged the subject\b",
        r"\blaughed it off\b",
        r"\b(?:swallowed|stuffed|pushed|buried|bottled) (?:it|my|the)\b",
        r"\bkept (?:it|my \w+) to myself\b",
        rf"\b(?:didn{_A}t|did not|never) (?:let (?:on|it show|anyone see|myself)|show|mention|say how|tell)\b",
        r"\blet it (?:go|slide|pass)\b",
        r"\b(?:carried|cracked|got) on\b",
        r"\bkept schtum\b|\bbit my (?:tongue|lip)\b",
        rf"\b(?:i{_A}m|i was|it{_A}s) (?:fine|okay|ok|all good)\b|\bno worries\b",
        r"\bpretended\b|\bacted (?:as if|like)\b",
        r"\b(?:gutted|hurt|upset|livid|raging|angry|anxious|embarrassed|mortified|humiliated|ashamed|scared|worried)\b",
        r"\bsmoothed\b|\bpapered over\b",
        r"\bfeelings?\b",
    ),
    "appear_rational": (
        r"\bobjective(?:ly)?\b|\bdispassionate(?:ly)?\b|\bneutral(?:ly)?\b",
        r"\bfacts?\b|\bfactual\b|\bfact-based\b",
        r"\blogic(?:al|ally)?\b|\brational(?:ly)?\b|\banalytical\b",
        r"\bemotion(?:al|s)?\b|\bhysterical\b|\bpassion(?:ate)?\b",
        r"\bsensible\b|\bcommon sense\b|\breasonable\b|\blevel-headed\b",
        r"\b(?:the )?numbers\b|\bdata\b|\bevidence\b",
        r"\bcalm(?:ly)?\b|\bcool head\b",
        r"\bbalanced\b|\bbiased\b|\bslanted\b",
        r"\bwhereas\b|\bunlike\b",
        r"\bover-?reacting\b|\bworked up\b|\bheated\b",
    ),
    "blame_out_there": (
        r"\b(?:fault|to blame|blame)\b",
        r"\bbecause (?:of )?(?:the|they|he|she|them|those|that lot)\b",
        r"\bcos (?:of )?(?:the|they|he|she)\b",
        r"\bdown to (?:the|them|their|him|her)\b",
        r"\b(?:that|it){_A}s on (?:them|him|her|the)\b".replace("{_A}", _A),
        r"\bnothing to do with (?:me|us)\b",
        r"\bnot (?:my|our) (?:fault|mistake|problem)\b",
        r"\bif (?:the|they|he|she) (?:had|did|actually|bothered)\b",
        r"\blet us down\b|\bdropped the ball\b|\bmoved the goalposts\b",
        r"\bthe system\b",
        r"\bthe reason\b|\bcaused\b|\bwhy the\b",
        r"\bbecause the\b",
    ),
    "absolutes": (
        r"\balways\b|\bnever\b|\bforever\b|\bconstantly\b|\binvariably\b",
        r"\bevery(?:one|body| single| last| time| officer| year)?\b",
        r"\bnobody\b|\bno one\b|\bnone of\b|\bnot (?:a single|once|one)\b",
        r"\bnothing\b|\beverything\b|\bwhatever\b|\bwhenever\b|\bany time\b",
        r"\ball (?:the|of|our|these|councillors|the agencies)\b|\bthe lot of them\b",
        r"\bwithout exception\b|\beach and every\b|\bzero\b|\bever\b|\bonly ever\b",
        r"\babsolutely\b|\bfull stop\b",
    ),
    "mind_reading": (
        r"\b(?:she|he|they|the \w+) (?:thinks?|reckons?|sees?|wants?|knows?|resents?|hopes?|prefers?|blames?|doesn{_A}t (?:trust|care|rate|want)|don{_A}t (?:want|care|trust))\b".replace(
            "{_A}", _A
        ),
        r"\b(?:i|you) (?:can|could) (?:tell|see it|feel it)\b|\bi (?:just )?knew?\b",
        r"\bobvious(?:ly)?\b",
        r"\bon purpose\b|\bto keep (?:me|us) quiet\b|\bfor show\b|\bphoto op\b",
        r"\bonly (?:\w+ )?(?:because|to|so|there for|doing|asked|agreed|replied|joined|turned up|being)\b",
        r"\bbecause (?:she|he|they) (?:thinks?|wants?|doesn{_A}t|don{_A}t|prefers?|blames?|knows?)\b".replace(
            "{_A}", _A
        ),
        r"\bdeep down\b|\bprivately\b|\breally (?:means?|meant|wants?)\b",
        r"\bthink (?:i{_A}m|we{_A}re|i|we)\b".replace("{_A}", _A),
        r"\bso (?:fewer|they|he|she) (?:would|could)\b",
    ),
    "resignation": (
        r"\bnothing (?:i|we|anyone) can do\b|\bnothing (?:more )?to be done\b",
        rf"\b(?:what{_A}s|no) (?:the )?point\b|\bwhy (?:bother|try)\b",
        r"\bhands are tied\b|\bout of my hands\b|\bbeyond my control\b|\babove my (?:head|grade|pay grade)\b",
        rf"\bnot (?:my place|for me to|worth|in a position)\b|\bi{_A}m not senior\b",
        rf"\bi{_A}m (?:just|only) a\b|\bjust a cog\b",
        r"\bit is what it is\b|\bthat{_A}s that\b|\bone of those things\b".replace("{_A}", _A),
        r"\bgiven up\b|\bstopped (?:bothering|expecting|trying)\b|\bwhy try\b",
        r"\bpowerless\b|\bno say\b|\bdon{_A}t get a say\b|\bno (?:power|authority)\b".replace(
            "{_A}", _A
        ),
        rf"\b(?:can{_A}t|cannot) (?:change|do anything|fight|make a)\b",
        r"\b(?:just )?have to (?:accept|wait|put up|take)\b|\bwait and see\b",
        r"\bkeep my head down\b|\bgo along with\b|\bput up with\b",
        r"\bwhether we like it or not\b|\bmake a difference\b|\bdifference does\b",
        r"\bleave it to\b|\blet them get on\b|\blet (?:the|it) \w+ drop\b",
        r"\bwon{_A}t (?:change|help|happen|listen|come)\b".replace("{_A}", _A),
    ),
    "ownership": (
        rf"\bi{_A}ll\b|\bi will\b|\bi{_A}m going to\b|\bgonna\b|\bi{_A}m committing\b",
        r"\bnext (?:time|meeting|week|step)\b|\bthis week\b|\bby (?:friday|monday|the end)\b",
        r"\bmy (?:part|bit|share)\b|\bpart of (?:the problem|why|the reason)\b|\bon me\b",
        r"\bi (?:realise|accept|own|contributed|played|assumed|was (?:quick|too))\b",
        rf"\bi (?:haven{_A}t|hadn{_A}t|didn{_A}t) (?:actually )?(?:asked|considered|check)\b",
        r"\bask(?:ing)? (?:them|her|him|the|what|whether|how|why|for)\b",
        r"\bcurious\b|\bunderstand\b|\bfind out\b|\bi wonder\b|\btest whether\b",
        r"\binvite\b|\bshare my\b|\bcheck (?:with|whether)\b",
        r"\bwhat could i\b|\bwhat did i\b|\bwithin my\b|\bwhat would it take\b",
        r"\blooking back\b|\bif i{_A}m honest\b|\bi{_A}d like to\b".replace("{_A}", _A),
    ),
}

LABELS_WITH_CUES = tuple(_CUES)


@dataclass(frozen=True)
class CueMatch:
    label: str
    words: tuple[str, ...]


_COMPILED = {label: tuple(re.compile(p) for p in patterns) for label, patterns in _CUES.items()}
# One alternation per label, only to ask "could any of its cues be here?" first: most sentences
# hold none of a label's cues, and one search is far cheaper than a search per pattern. The
# phrases themselves still come from each pattern on its own, so overlapping cues all count.
_ANY = {
    label: re.compile("|".join(f"(?:{p})" for p in patterns)) for label, patterns in _CUES.items()
}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Lower case with straight quotes: the form cues and word features both read."""
    return text.translate(_QUOTES).lower()


def find_cues(text: str) -> dict[str, tuple[str, ...]]:
    """For each label with a cue in ``text``, the phrases found, in order of appearance."""
    lowered = normalise(text)
    found: dict[str, tuple[str, ...]] = {}
    for label, patterns in _COMPILED.items():
        if not _ANY[label].search(lowered):
            continue
        spans = sorted(
            {(m.start(), m.group(0)) for p in patterns for m in p.finditer(lowered) if m.group(0)}
        )
        if spans:
            found[label] = tuple(dict.fromkeys(word for _, word in spans))
    return found


def cue_counts(text: str, labels: tuple[str, ...]) -> list[float]:
    """How many distinct cue phrases each of ``labels`` has in ``text`` (a classifier input)."""
    found = find_cues(text)
    return [float(len(found.get(label, ()))) for label in labels]


def cues_fingerprint() -> str:
    """A hash of the cue patterns: a model trained on other cues is refused at start."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(_CUES, sort_keys=True).encode()).hexdigest()
