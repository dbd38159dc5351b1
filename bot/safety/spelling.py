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
}
# Words stretched and squashed at once ("diiie", "kiiil", "deaaad") fold back to these when every
# repeated letter is taken out; ordinary words are left as they are.
SQUASHED = {
    "die": "die",
    "ded": "dead",
    "dead": "dead",
    "kil": "kill",
    "myself": "myself",
    "suicide": "suicide",
    "suicidal": "suicidal",
    "pils": "pills",
    "cuting": "cutting",
    "hurt": "hurt",
}
# Dropped g's on the verbs the patterns look for: "toppin", "cuttin", "hurtin", "scratchin".
G_DROPPED = re.compile(
    r"\b(kill|topp|cutt|hurt|harm|burn|scratch|end|want|think|feel|plann|hang|drown|stabb|starv|bleed|jump|overdos|hitt|punch|bang|bit|slapp|kick|chok|strangl|smash|threaten|follow|stalk|abus|giv|say|hid|carv|slash|slic|unaliv|dy|go|gett|try|liv|wak|exist|noth|someth|offin|hop|wish|cry)in\b"
)
