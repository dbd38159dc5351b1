"""Word tables for normalising: look-alike characters, emoji of means, misspellings, slang.

Data rather than logic: ``normalise`` applies them. Keys are what people type (already lower
case); values are the spelling the patterns are written for.
"""

from __future__ import annotations

import re

LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
# Each emoji of a means becomes its word and a marker, so "ready to go 🪢" can be told from a typed
# "ready to go, rope for the tug of war is in the car".
EMOJI = {
    "🔪": " knife knifeemoji ",
    "💊": " pills pillemoji ",
    "🪢": " rope ropeemoji ",
    "⚰️": " dead coffinemoji ",
    "⚰": " dead coffinemoji ",
    "🪦": " dead graveemoji ",
    "🩸": " blood ",
    "🔫": " gun gunemoji ",
}
MISSPELLINGS = {
    "myslef": "myself",
    "mysef": "myself",
    "myselfe": "myself",
    "mself": "myself",
    "meself": "myself",
    "masel": "myself",
    "maself": "myself",
    "mysel": "myself",
    "misself": "myself",
    "myselfs": "myself",
    "suicde": "suicide",
    "sucide": "suicide",
    "suiside": "suicide",
    "sewerslide": "suicide",
    "suicdal": "suicidal",
    "sucidal": "suicidal",
    "suicidle": "suicidal",
    "kil": "kill",
    "kll": "kill",
    "klll": "kill",
    "wnt": "want",
    "wnat": "want",
    "wanan": "wanna",
    "wana": "wanna",
    "gonnae": "gonna",
    "gona": "gonna",
    "gunna": "gonna",
    "gna": "gonna",
    "lyf": "life",
    "lyfe": "life",
    "tryna": "trying to",
    "bout": "about",
    "tabelts": "tablets",
    "tablts": "tablets",
    "tabs": "tabs",
    "paracetemol": "paracetamol",
    "paracetomol": "paracetamol",
    "paracetmol": "paracetamol",
    "overdoes": "overdose",
    "overdoesed": "overdosed",
    "cant": "can t",
    "dont": "don t",
    "wont": "won t",
    "im": "i m",
    "ive": "i ve",
    "whats": "what s",
    "thats": "that s",
    "theres": "there s",
    "didnt": "didn t",
    "doesnt": "doesn t",
    "isnt": "isn t",
    "wasnt": "wasn t",
    "wouldnt": "wouldn t",
    "couldnt": "couldn t",
    "shouldnt": "shouldn t",
    "havent": "haven t",
    "u": "you",
    "ur": "your",
    "urself": "yourself",
    "ppl": "people",
    # Leetspeak folds "no1" and "every1" to these.
    "noi": "no one",
    "everyi": "everyone",
    "anyi": "anyone",
    "somei": "someone",
    "sumi": "someone",
    # Text speak.
    "n": "and",
    "r": "are",
    "rn": "right now",
    "fr": "for real",
    "frfr": "for real",
    "ngl": "not gonna lie",
    "idk": "i don t know",
    "idc": "i don t care",
    "idgaf": "i don t care",
    "idw": "i don t want",
    "cba": "can t be bothered",
    "tonite": "tonight",
    "tnite": "tonight",
    "tnight": "tonight",
    "2nite": "tonight",
    "2night": "tonight",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2moz": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmoro": "tomorrow",
    "tomoz": "tomorrow",
    "tomorow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "morra": "tomorrow",
    "wna": "wanna",
    "wnna": "wanna",
    "wanto": "want to",
    "gnna": "gonna",
    "finna": "going to",
    "boutta": "about to",
    "abt": "about",
    "pls": "please",
    "plz": "please",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "wiv": "with",
    "wud": "would",
    "cud": "could",
    "shud": "should",
    "jus": "just",
    "jst": "just",
    "nuffin": "nothing",
    "nuthin": "nothing",
    "ded": "dead",
    "permenantly": "permanently",
    "permanantly": "permanently",
    "permenently": "permanently",
    "permently": "permanently",
    "unalivin": "unaliving",
    # Dialect (Scots, Geordie, Yorkshire, Irish and Scouse spellings of the words that matter).
    "tae": "to",
    "dae": "do",
    "cannae": "can t",
    "canny": "can t",
    "canna": "can t",
    "dinnae": "don t",
    "dinna": "don t",
    "divvent": "don t",
    "divn": "don t",
    "wouldnae": "wouldn t",
    "willnae": "won t",
    "winnae": "won t",
    "isnae": "isn t",
    "wisnae": "wasn t",
    "havnae": "haven t",
    "nae": "no",
    "mair": "more",
    "deid": "dead",
    "naebody": "nobody",
    "neebody": "nobody",
    "naeb": "nobody",
    "ganna": "gonna",
    "gan": "go",
    "gannin": "going",
    "gaun": "going",
    "wantae": "want to",
    "wannae": "wanna",
    "mesel": "myself",
    "messel": "myself",
    "mysen": "myself",
    "missen": "myself",
    "mesen": "myself",
    "yous": "you",
    "youse": "you",
}
# Phrases of text speak and dialect that need the words around them: "want 2 die" but not
# "took 2 tablets"; Scots "ah'm" and "a cannae" for "I"; "no wantin" for "not wanting"; "me
# wrists" for "my wrists" (but not "gave me tablets").
PHRASES: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    # (words that must be in the text for the rule to be tried, the rule, its replacement)
    (
        (" 2 ",),
        re.compile(
            r"\b(want|wanna|going|gonna|ready|about|decided|planning|trying|try|need|used|like"
            r"|hate) 2 (?=[a-z])"
        ),
        r"\1 to ",
    ),
    ((" b",), re.compile(r"\b(wanna|to|gonna|will|ll|would|d|can t|won t|should) b\b"), r"\1 be"),
    ((" dee",), re.compile(r"\b(to|gonna|ll|will|wanna|just|could|might) dee\b"), r"\1 die"),
    (
        ("ah ",),
        re.compile(
            r"\bah (?=(?:m|ll|ve|d|am|want\w*|can t|just|really|don t|need|think|feel|wish|hate"
            r"|wanna|gonna|will|would|m no)\b)"
        ),
        "i ",
    ),
    (
        ("a can t", "a don t", "a want to", "a wanna", "a gonna"),
        re.compile(r"\ba (?=(?:can t|don t|want to|wanna|gonna)\b)"),
        "i ",
    ),
    (
        ("am ",),
        re.compile(r"^am (?=(?:gonna|going|not|no|done|so|just|really|sick|tired)\b)"),
        "i m ",
    ),
    (("no ",), re.compile(r"\bno (?=(?:wanting|going|gonna|coping|able|sure|bothered)\b)"), "not "),
    (("nee one",), re.compile(r"\bnee (?=one\b)"), "no "),
    (("the tomorrow",), re.compile(r"\bthe (?=tomorrow\b)"), ""),
    (
        ("me ",),
        re.compile(
            r"\bme(?<!gave me)(?<!give me)(?<!gives me)(?<!giving me)(?<!got me)(?<!get me)"
            r"(?<!brought me)(?<!bring me)(?<!prescribed me)(?<!handed me)(?<!sent me)"
            r" (?=(?:wrists?|arms?|legs?|thighs?|life|kids|fella|bloke|missus|tablets|meds|pills"
            r"|throat|neck)\b)"
        ),
        "my ",
    ),
)
# Words stretched and squashed at once ("diiie", "kiiil", "deaaad") fold back to these when every
# repeated letter is taken out; ordinary words are left as they are.
SQUASHED = {
    "die": "die",
    "ded": "dead",
    "permenantly": "permanently",
    "permanantly": "permanently",
    "permenently": "permanently",
    "permently": "permanently",
    "dead": "dead",
    "kil": "kill",
    "myself": "myself",
    "suicide": "suicide",
    "suicidal": "suicidal",
    "pils": "pills",
    "cuting": "cutting",
    "hurt": "hurt",
}
# Dropped g's on the verbs the patterns look for ("toppin", "cuttin", "hurtin", "scratchin"):
# these stems, then "in".
G_DROPPED = frozenset(
    "kill topp cutt hurt harm burn scratch end want think feel plann "
    "hang drown stabb starv bleed jump overdos hitt punch bang bit slapp "
    "kick chok strangl smash threaten follow stalk abus giv say hid carv "
    "slash slic unaliv dy go gett try liv wak exist noth someth "
    "offin hop wish cry".split()
)
# English words the sentence model's vocabulary lacks, next to a key word and easily mistaken
# for its misspelling ("stubbed my toe" is not "stabbed").
ENGLISH_EXTRA = frozenset(
    "stub stubbed stubbing slay slayed wobble funereal carer carers cuttings hanger blader "
    "blamer racket ringer sitter tearful treading wording bridged scalded scalding".split()
)
