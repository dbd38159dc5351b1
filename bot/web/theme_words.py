"""The word lists behind recurring themes: words too common to be a theme, and roles.

Names never carry across reflections (each one gets its own ``[PERSON n]``), so the people in
someone's story are followed by the roles and bodies they name instead. The lists are short on
purpose: a word missing here shows up as a topic word, which is still useful to a coach, while a
wrong stop word would hide a theme.
"""

from __future__ import annotations

# Function words, and the verbs and fillers any reflection is full of whatever it is about.
_STOP = """
    a about above after again against all almost also although always am an and another any
    anyone anything are around as at away back be because been before being below between both
    but by can cannot could did do does doing done down during each either else enough even ever
    every everyone everything few for from further had has have having he her here hers herself
    him himself his how however i if in into is it its itself just least less like lot lots made
    make makes making many may maybe me might mine more most much must my myself never next no
    nobody none nor not nothing now of off often on once one only or other others otherwise our
    ours ourselves out over own perhaps quite rather really same she should since so some
    somebody someone something sometimes soon still such than that the their theirs them
    themselves then there these they thing this those though through thus to too towards under
    until up upon us very was way we well were what whatever when where whether which while who
    whole whom whose why will with within without would yes yet you your yours yourself
    ask asked asking come comes coming did feel feeling feels felt find found get gets getting go
    goes going gone got guess keep kept know knew known let look looked looking mean meant need
    needed put said say saying says see seem seemed seems seen tell telling think thinking
    thought told took try tried trying want wanted wants went
    actually already bit bits day days good great kind little long lot month new okay ok part
    people person probably problem right sort sure time times today tomorrow week weeks year
    yesterday monday tuesday wednesday thursday friday saturday sunday
"""
STOP_WORDS = frozenset(_STOP.split())

# Roles and bodies of two words, as their lemmas (see ``themes.lemma``), matched before single
# words so that "housing officer" is not also counted as "housing".
ROLE_PHRASES = {
    ("housing", "officer"): "housing officer",
    ("housing", "association"): "housing association",
    ("repair", "team"): "repairs team",
    ("social", "worker"): "social worker",
    ("youth", "worker"): "youth worker",
    ("support", "worker"): "support worker",
    ("community", "worker"): "community worker",
    ("resident", "association"): "residents' association",
    ("tenant", "association"): "tenants' association",
    ("local", "authority"): "local authority",
    ("police", "officer"): "police officer",
    ("head", "teacher"): "head teacher",
    ("line", "manager"): "line manager",
}

# One-word roles and bodies, as lemmas, with the spelling to show where it differs.
ROLES = {
    "boss": "boss",
    "caretaker": "caretaker",
    "caseworker": "caseworker",
    "chair": "chair",
    "charity": "charity",
    "church": "church",
    "cleaner": "cleaner",
    "colleague": "colleague",
    "committee": "committee",
    "contractor": "contractor",
    "coordinator": "coordinator",
    "council": "council",
    "councillor": "councillor",
    "director": "director",
    "funder": "funder",
    "gp": "GP",
    "headteacher": "head teacher",
    "imam": "imam",
    "landlord": "landlord",
    "manager": "manager",
    "mosque": "mosque",
    "mp": "MP",
    "neighbour": "neighbour",
    "nurse": "nurse",
    "organiser": "organiser",
    "police": "police",
    "resident": "resident",
    "school": "school",
    "secretary": "secretary",
    "teacher": "teacher",
    "tenant": "tenant",
    "treasurer": "treasurer",
    "trustee": "trustee",
    "vicar": "vicar",
    "volunteer": "volunteer",
    "warden": "warden",
}

# Plurals that the suffix rules would get wrong.
IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "mice": "mouse",
    "series": "series",
    "news": "news",
    "business": "business",
}
