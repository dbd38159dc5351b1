"""The crisis check: deterministic, explainable, conservative, and first on every message.

Patterns over normalised text (case, accents, look-alike characters, repeated letters, common
misspellings, dropped g's, leetspeak, slang and a few emoji folded away), grouped by category.
Each pattern is first-person or otherwise specific, which is what keeps "the council is killing
this estate" or "I could murder a brew" quiet. A hit names its category and the phrase that
matched, so a reviewer can see why. Weaker signals ("I can't cope", "I'm a burden") are counted
over the last few messages: several of them together count as an indirect signal even when no
single message would.

The patterns are written for kinds of wording rather than for single messages: verb families with
their tenses, means and method phrases, hedged questions ("asking for a friend"), passive wishes
("I hope a bus hits me"), farewells and putting affairs in order, abuse verbs with a first-person
object. Where a kind also has an everyday use, the pattern carries the narrow context that tells
them apart ("last message ... before I go on leave", "suicide prevention training", "asking
residents about coercive control", "beat me at chess"); the context names the everyday reading
rather than guessing at it, and where the two cannot be told apart the pattern stays on the side of
showing the card.

Every pattern stays linear on hostile input: gaps between words are bounded (``(?: \\w+){0,4}?``,
``.{0,60}``), never an unbounded ``.*``, and no quantifier is nested inside another unbounded one.
Normalising also cuts any run of a repeated phrase or emoji to two copies, so a 100,000-character
flood costs about what its distinct words cost.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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

# --- Building blocks -----------------------------------------------------------------------------
# Verbs that, with "myself", are about ending one's life; g-dropped forms are folded in normalise.
_SELF_VERBS = r"(?:kill|killing|killed|kills|top|topping|topped|end|ending|unalive|unaliving|unalived|hang|hanging|hanged|hung|off|offing|offed|drown|drowning|poison|poisoning|shoot|shooting|stab|stabbing|gas|gassing|suffocate|suffocating|smother|strangle|strangling|electrocute|electrocuting)"
# Medicines people take too many of: the generic words, the common UK over-the-counter and
# prescription names, and "tabs"/"meds" slang. Used only next to a taking verb or a quantity.
_MEDS = r"(?:tablets|tablet|pills|pill|meds|medication|medications|medicine|medicines|tabs|paracetamol|co codamol|cocodamol|codeine|ibuprofen|aspirin|painkillers|sleeping (?:pills|tablets)|antidepressants|anti depressants|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|diazepam|tramadol|morphine|oxycodone|zopiclone|insulin|lithium|quetiapine|olanzapine|propranolol|pregabalin|gabapentin|prescriptions|prescription|methadone|heroin)"
# Quantities that turn "I took my tablets" into an overdose.
_TOO_MANY = r"(?:all|every|every single|the lot|the whole lot|a load|loads|a lot|lots|a bunch|a handful|handfuls|too many|too much|every one|everything|a whole|whole|a full|full|an entire|entire|(?:about |around |over |like |maybe |at least )?\d{2,}|double|triple|(?:a |two |three |\w+ )?(?:boxes|box|packets|packet|strips|strip|tub|blister packs?) (?:of|full))"
# People who harm someone they live with or are close to; "the kids' dad", "her ex-partner".
_REL = r"(?:partner|husband|hubby|wife|boyfriend|girlfriend|bf|gf|fiance|fiancee|ex|ex partner|ex husband|ex wife|ex boyfriend|ex girlfriend|dad|father|stepdad|stepfather|step dad|mum|mother|stepmum|stepmother|son|daughter|stepson|grandson|granddaughter|brother|sister|uncle|aunt|auntie|cousin|nephew|niece|carer|landlord|neighbour|flatmate|housemate|lodger|in laws|mother in law|father in law|brother in law|pimp|dealer|baby s dad|baby daddy|kids dad|kids mum)"
_PERP = rf"(?:he|she|they|(?:(?:my|our|the|her|his|their)(?: \w+(?: s)?)? |^){_REL})"
# Small words that sit between a subject and its verb: "he has always", "she's been", "he'll".
_AUX = r"(?: (?:has|have|had|s|is|was|keeps|keep|kept|always|still|often|sometimes|regularly|just|also|then|again|been|even|will|would|ll|d|used to|started|starts|tried to|tries to|once|physically|actually|really|literally|repeatedly|constantly|never stops|would always|nearly|almost|got drunk and|gets drunk and)){0,3}"
_ABUSE_VERB = r"(?:hit|hits|hitting|beat|beats|beating|beaten|batter|batters|battered|battering|punch|punches|punched|punching|kick|kicks|kicked|kicking|slap|slaps|slapped|slapping|smack|smacks|smacked|smacking|choke|chokes|choked|choking|strangle|strangles|strangled|strangling|throttle|throttles|throttled|drag|drags|dragged|dragging|grab|grabs|grabbed|grabbing|pin|pins|pinned|pinning|bite|bites|bit|biting|burn|burns|burnt|burned|spat on|spits on|spit on|spat at|spits at|headbutt|headbutts|headbutted|stamp on|stamped on|stamps on|knock|knocks|knocked|hurt|hurts|hurting|abuse|abuses|abused|abusing|rape|rapes|raped|raping|molest|molests|molested|molesting|attack|attacks|attacked|attacking|assault|assaults|assaulted|assaulting|smother|smothers|smothered|suffocate|suffocates|suffocated|restrain|restrains|restrained|lock|locks|locked|locking|trap|traps|trapped|terrorise|terrorises|terrorised|intimidate|intimidates|intimidated|threaten|threatens|threatened|threatening|force|forces|forced|forcing|whip|whips|whipped|scald|scalds|scalded|stab|stabs|stabbed|cut|cuts|cutting)"
# Said of abuse verbs when the words after them are idiom, not assault: "pushed me to chair the
# group", "threw me under the bus", "stabbed me in the back", "cut me off", "hit us with a rise".
_NOT_ASSAULT = r"(?! (?:at (?!home\b|the (?:house|flat|door)\b|my (?:house|flat|home|door)\b|night\b)\w+|to it|to the (?!ground\b|floor\b|point of\b)\w+|hands down|fair and square|in (?:the|a) (?:race|quiz|vote|election|final|game|match|argument)|under the bus|in at the deep end|a curveball|off guard|in the back|off|short|out|some slack|a lifeline|to the wolves|a bone|to (?:stop|help|catch|save|warn|get my attention|show)|by the hand|for a (?:hug|dance|cuddle|photo|selfie|chat)|in a hug|and hugged|with (?:eviction|legal action|court|the bailiffs|bailiffs|a fine|the ombudsman|a complaint|disciplinary|a disciplinary|the sack|notice|section 21|a section 21)|with (?:a hug|kindness)|with (?:a|an|another|the|more|yet another) (?:\w+ )?(?:rise|rises|bill|bills|charge|increase|fine|letter|notice|question|questions|deadline|email|demand|cut|cuts|request|surprise|news|report|complaint|invoice|target|targets))\b)"
# Pushing and throwing: "pushed me down the stairs" is assault, "pushed me to chair the group",
# "threw me in at the deep end" and "threw me under the bus" are not.
_PUSH_VERB = (
    r"(?:shove|shoves|shoved|shoving|push|pushes|pushed|pushing|throw|throws|threw|thrown|throwing)"
)
_NOT_PUSHED = r"(?! (?:in (?:my|the|a|her|his) (?:wheelchair|chair|buggy|pram)|around in|to(?! the (?:floor|ground|wall))|for|forward|through|an?|his|her|their|the odd|some|a look|glances?|on (?:it|this|that|the)|into (?:\w+ing|it|the role|action|a corner|a decision)\b|under the bus|in at the deep end|a curveball|off guard|off|out of my stride|out of the way|aside|past|to the wolves|a bone|a lifeline)\b)"
# "Her" after a verb is the person, unless it is "her head", "her own": "my daughter hit her head".
_NOT_BODY = r"(?! (?:head|arm|arms|leg|legs|knee|knees|hand|hands|foot|feet|face|back|way|own|hair|teeth|finger|toe|shoulder|elbow|wrist|eye|nose|lip|chin|stride|target|targets|limit|peak)\b)"
_KIDS = r"(?:me|(?:my|our) (?:kids|children|child|son|daughter|baby|boy|girl|little one|little boy|little girl|mum|dad|nan|gran|granny|grandad|sister|brother|dog|cat)|the (?:kids|children|baby))"
# Weapons that make "he's got a ..." an emergency.
_WEAPON = r"(?:knife|knives|gun|weapon|blade|machete|hammer|bat|baseball bat|axe|screwdriver|crowbar|meat cleaver|cleaver)"
# A farewell or an absence that comes with a time, a reason or a return is ordinary ("my last
# message before I go on leave", "I won't be at the next session because of a hospital
# appointment"); the same words with nothing after them are not.
_RETURNING = r"(?!.{0,60}\b(?:tonight|today|tomorrow|for now|for (?:this|the|a|two|three) (?:week|weekend|day|bit|while|fortnight|month|evening|night)|this (?:week|weekend|month|evening)|next (?:week|month|year|monday|tuesday|wednesday|thursday|friday)|before|until|till|after (?:the|my|christmas|easter|half term)|back on|back in|back next|i ll (?:reply|check back|check in|be back|pick this|catch up|speak to you (?:soon|tomorrow|next)|talk to you (?:soon|tomorrow|next))|on this thread|over to|annual leave|on leave|holiday|away|hospital|appointment|moving|leaving|retir\w*|new job|speak soon|see you|catch you|talk soon|night night)\b)"
# Handing over a pet or the post "while I'm away" or "for a fortnight" has an end to it.
_FOR_A_WHILE = r"(?!.{0,60}\b(?:while|holiday|away|on leave|hospital|for (?:a|the|two|three|a few) (?:week|weeks|weekend|fortnight|month|few days|days|bit|while)|until|till|when i m)\b)"
# A threat from someone close that is a joke says so ("haha", "only joking"); a real one doesn't.
_JOKING = r"(?!.{0,60}\b(?:lol|haha|hahaha|joking|jk|lmao|kidding|obviously not)\b)"
# "Dead" that means "very": "dead tired", "dead on my feet", "dead keen".
_DEAD_AS_VERY = r"(?! (?:tired|on my feet|busy|set|keen|honest|serious|funny|chuffed|nervous|beat|bored|quiet|lucky|easy|simple|good|proud|excited|happy|pleased|cold|hot|late|right|certain|sure|jealous|embarrassed|worried|scared|posh|nice|hard|boring|annoyed|shocked|dodgy|weird|slow|fast|expensive|cheap|proper)\b)"
# Reasons for not being here that are ordinary: "I won't be here tomorrow, I've got the dentist".
_AWAY_REASON = r"(?!.{0,60}\b(?:because|as i m|as i have|i ve got|i have|got (?:a|the|an)|holiday|away|leave|hospital|appointment|dentist|doctor|doctors|gp|moving|leaving|jury|half term|working|shift|on call|off to|visiting|training|course|conference|busy|ill|sick|wedding|funeral|trip|in (?:london|spain|scotland|wales))\b)"
# "Living" that is about a home: "tired of living with damp", "can't live like this with the
# mould", "scared to go home because the ceiling might collapse".
_HOUSING = r"(?!.{0,50}\b(?:damp|mould|mold|leaks?|leaking|noise|neighbours?|flat|house|estate|repairs|landlord|heating|lift|rats|mice|cockroaches|council|housing|ceiling|roof|boiler|bins|block|tower|rent|overcrowd\w*)\b)"
# Reasons for a goodbye to everyone that make it a leaving do, not a last goodbye.
_LEAVING = r"(?!.{0,60}\b(?:leav\w*|moving|move|retir\w*|last day|new (?:job|role)|party|do|drinks|holiday|off to|course|going away)\b)"
# A "way out" of something named ("of the contract", "of this funding mess") is not a way out of
# life; the same words on their own, or of "all this", are.
_WAY_OUT_OF_SOMETHING = r"(?! of\b)(?! (?:\w+ )?(?:mess|contract|situation|problem|issue|deal|budget|funding|lease|tenancy|job|role|meeting|without|unless|except|other than)\b)"

_PATTERNS: dict[Category, tuple[str, ...]] = {
    Category.EXPLICIT: (
        # Verb + "myself", leaving out the effortful idioms ("killing myself trying to get the reports
        # done", "killed myself laughing"), and the slang for it: kms, unalive, sewerslide (folded to
        # "suicide" in normalise), toaster bath, "commit sudoku", self-delete, ctb ("catch the bus").
        rf"\b{_SELF_VERBS} myself\b(?! (?:laughing|trying|working|running|rushing|getting|to get|over (?:this|the|that)|with (?:work|laughter|these|those|all|late|long|overtime|stress|worry|effort|the (?:hours|work|workload|overtime|stress))|out to dry|up to|up|a|an|some|another)\b)",
        r"\b(?:picturing|imagining|imagine|picture|see|seeing|visualising|visualise) myself (?:jumping|falling|hanging|dead|dying|in a coffin|at my (?:own )?funeral|stepping off|on the tracks|going over)\b",
        r"\b(?:drink|drinking|starve|starving|bleed|bleeding|freeze|freezing) myself to death\b",
        r"\b(?:finish|finishing|finished) myself off\b|\b(?:do|doing) myself in\b|\b(?:do|doing|did) away with myself\b",
        r"\b(?:throw|throwing|threw|yeet|yeeting|fling|flinging|launch) myself (?:off|under|in front of|from|out of|down|onto (?:the )?(?:tracks|track|line|road|motorway|railway))\b",
        r"\b(?:kms|kmsl|unalive\w*|un alive\w*|toaster bath|commit(?:ting)? sudoku|self delet\w*|delete myself|ctb)\b",
        # Ending it, taking or finishing one's life. "End it" needs a first-person subject or intent,
        # and "end it with him", "end it there", "end it early" are relationships and meetings.
        r"\bend(?:ing)? (?:it all|my life|my own life|everything|my existence|it aw)\b",
        r"\btake my (?:own )?life\b|\btaking my (?:own )?life\b",
        r"\bput (?:an )?end to (?:it all|my life|my own life|everything|myself|my suffering|my existence|me|it(?=$| tonight| now| for good| today| once and for all))\b",
        r"\b(?:i m|i am|i ll|i will|i|i d|i would|going to|gonna|gonnae|so i can|want to|wanna|need to|ready to|about to|decided to|deciding to|planning to|plan to|time to|tonight i|i should|should just|might|could|i can|considering|contemplating|thinking about|thinking of|think about|thought about|consider|i keep thinking about|close to|so close to|near to|this close to) (?:just |finally |really |actually |properly |proper )?end(?:ing)? (?:it|things|me)\b(?! with| here| there| for| now for| early| on(?! (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|my birthday|the weekend)\b)| off| at| by| between| properly| politely| nicely| up)",
        r"\bfinish(?:ing)? (?:it all|my life|things for good|it for good|it once and for all)\b",
        r"\bcheck(?:ing)? out (?:permanently|for good|of (?:life|this world|this life))\b",
        # Wanting, wishing, hoping, being ready to die or be dead, or not to be alive by a time, with
        # the idioms ("dying to see", "die of embarrassment", "the hill I'll die on", "dead tired")
        # left out by what follows.
        r"\b(?:want|wanna|wanting|wants|wnt|wish i could|wish i would|wish i d|hope i|hoping i|pray i|praying i|ready|prepared|longing|deserve|need|waiting|begging|praying|decided|deciding|can t wait|cannot wait) (?:to )?(?:just |really |actually |honestly |simply |finally |quietly |fucking |fkn )?die\b(?! of| laughing| for| when i see| a little| inside| down| out| off| hard| on (?:that|this|the) hill| trying| to know| to see| to hear)",
        r"\b(?:i m|i am|i|i ll|i will) (?:going|gonna|about|planning|ready|prepared|due|meant) (?:to )?die\b(?! of| laughing| for| a little| inside| on (?:that|this|the) hill| if| when| trying| alone| happy| old| poor| rich| waiting)",
        r"\b(?:wish|wished|wishing) i (?:was|were|d been|had been|could be|would be|wasn t|weren t) (?:dead|gone|never born|not alive|not here anymore)\b",
        r"\b(?:wish|wished|wishing) i (?:wasn t|weren t|was not|were not) (?:alive|born|here(?! (?:today|tonight|right now|at|in|for|now|this)\b))\b",
        r"\b(?:want|wanna|wanting|need|ready)(?: to)? be dead\b|\bbetter off dead\b|\bshould(?: ve| have) died\b",
        r"\b(?:rather|sooner) (?:be dead|die|just die|not be alive|not exist|not be here|not wake up)\b"
        + _DEAD_AS_VERY,
        r"\bdie in my sleep\b",
        r"\b(?:d|would|i d) (?:like|love|prefer|rather) to (?:just )?(?:die|be dead|not be alive|not wake up)\b(?! (?:of|laughing|in my (?:own )?bed when|at home when|peacefully when|old)\b)",
        r"\b(?:i ll|i will|i m going to|i m gonna|gonna) be dead (?:by|before|tomorrow|tonight|soon|in (?:a|the|an))\b(?! the end of (?:this|the) (?:meeting|day|week|shift|session|month|agm))",
        r"\b(?:(?:don t|do not|dont) (?:think |know if |really )?i? ?(?:want|wanna)|(?:don t|do not|dont|no longer) (?:really |even )?(?:want|wanna)|not sure (?:if |that |whether )?i (?:want|wanna|still want)|not sure i m going to) (?:to )?(?:(?:go on|carry on|keep going|keep fighting|keep trying|try|be alive|live)(?= anymore| any more| any longer| like this|$)|live(?! (?:in|on|at|with|near|next|here|there|round|around|somewhere|anywhere|nearby|like that|by|opposite)\b)|be alive|exist|wake up(?! (?:early|late|at|before|in time|on time|for)\b)|be here (?:anymore|any more|any longer|much longer|tomorrow)|be around (?:anymore|any more|any longer|much longer|tomorrow)|do life|be me|be on this earth|be in this world|go on living|carry on living|keep living|stay alive)\b",
        r"\bno (?:reason|point|will|desire|wish) (?:to|in|for) (?:keep |keep on |carry on |go on |stay )?(?:live|living|being alive|alive|going on|existing|staying alive|carrying on|go on|carry on|keep going|keep on|get up|wake up|be here)\b(?! (?:with|to|about|for|at|in the)\b)",
        r"\b(?:want|wanna|wish i could|going|gonna|ready|need|decided) to (?:just )?stop (?:living|existing|breathing|being alive)\b(?! in| on| at| like| for| off| with| beyond| as)",
        r"\b(?:not|won t|will not|wont|n t) (?:gonna |going to )?be (?:alive|breathing) (?:tomorrow|by (?:the )?(?:morning|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|next week|the end of)|much longer|after tonight|this time tomorrow|in the morning)\b",
        r"\b(?:not|won t|will not|wont|n t) (?:gonna |going to )?be (?:here|around) (?:tomorrow|by (?:the )?(?:morning|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|next week|the end of)|much longer|after tonight|this time tomorrow|in the morning)\b"
        + _AWAY_REASON,
        r"\b(?:not|won t|will not|wont|never) (?:gonna |going to |going to still |still )?be alive\b(?! (?:when|if|to see) (?:the|it|they|we|that)\b)",
        r"\bfeel(?:ing)? like dying\b|\b(?:killing myself|suicide|dying|death) (?:is|seems|feels like) (?:the|my) only (?:option|way|answer|choice|way out)\b",
        r"\b(?:want|wanna|wish i was|wish i were|ready|rather|need) (?:to )?be (?:six feet under|in the ground|in a box|in my grave|pushing up daisies|in a coffin)\b|\bactually (?:die|be dead|kill myself|end it)\b",
        r"\b(?:hope|hoping|wish|pray|praying) i (?:don t|do not|won t|will not|didn t) (?:survive|make it(?! (?:to|in|on|for|back)\b)|live)\b",
        r"\b(?:done|finished) (?:with )?(?:living|existing|being alive)\b(?! (?:in|here|on|at|with|near|next|round)\b)",
        r"\b(?:i m not|i won t|i will not) (?:going to |gonna )?wake up\b(?! (?:early|in time|on time|till|until|before|for|at|when)\b)",
        # Intent: a plan, a date, a time the house is empty, an attempt before and another to come, a
        # decision made, a voice telling me to.
        r"\bi (?:ve |have |had )?(?:attempted|made an attempt)(?= last| in \d| before| when| twice| \w+ times| a few| once| again|$| and| on my life| years ago| months ago)",
        r"\bi (?:won t|will not|m not going to|m not gonna) (?:survive|make it through|last|see out) (?:the night|tonight|the weekend|the week|till morning|until morning|another day|another night|much longer)\b",
        r"\b(?:plann\w*|plan|planned|thinking about|thought about|imagining|imagine|picturing|fantasi[sz]\w* about|dream\w* about|research\w*|decided on|chosen|chose|picked) (?:my (?:own )?(?:death|suicide|exit|way out))\b",
        r"\b(?:death|dying|being dead|not existing|not being here|not waking up|ending it)\b (?:would be|will be|is|d be|seems|sounds|feels like|would feel like)(?: \w+){0,2}? (?:a relief|easier|better|a release|a blessing|peaceful|welcome|the answer|the only (?:option|way|answer)|preferable|kinder|my only option|the way out)\b",
        r"\btonight(?: s| is) the night\b(?!.{0,40}\b(?:meeting|agm|party|match|game|show|gig|vote|launch|event|panel|christmas do|leaving do|dinner|concert|quiz|final|awards?|ceremony|premiere|opening)\b)(?! (?:of|for|before)\b)",
        r"\b(?:means|method|methods|pills|tablets|meds|rope|knife|the stuff|everything i need) and (?:a |the )?plan\b|\bplan and (?:the |a )?means\b|\b(?:got|have|ve got) (?:a |the )?(?:plan|means|date|method) (?:to|for) (?:end|kill|die|do it)\b",
        r"\b(?:plann\w*|picked|chosen|chose|set) (?:how|when|where|the (?:date|day|time|place)|a (?:date|day|time|place)) (?:i m going to|i ll|i will|to) (?:do it|end|kill|die|go)\b",
        r"\bi (?:can ?t|cannot) go on\b(?! like| with| without| about| and| at| in| for| doing| having| being| holiday| leave| a| the)",
        r"\b(?:not sure|don t know if|do not know if|don t know whether) i (?:want|wanna|can|will) (?:to )?(?:be alive|live|go on|carry on|keep going|make it)\b(?! (?:in|on|at|with|through the)\b)",
        r"\b(?:worked out|figured out|know|decided|got|have|picked|chosen|set|planned) (?:a |the |exactly )?(?:date|day|time|how|when|where|way|place)\b(?: \w+){0,5}? (?:to|i m going to|i ll|i will|i m gonna) (?:do it|end it|end my life|kill myself|go through with it)\b",
        r"\b(?:head|voices?|brain|thoughts|mind)\b(?: \w+){0,3}? (?:telling|tell|tells|told|keep telling|keeps telling) me to (?:end it|end (?:my|it) all|kill myself|die|jump|hurt myself|do it|cut|end my life)\b",
        r"\bif i (?:die|don t wake up|am found|m found)\b.{0,40}\b(?:on purpose|not an accident|my choice|i meant it|my decision)\b",
        r"\b(?:how|when|where) (?:i m going to|i ll|i will|i m gonna) do it (?:and|&) (?:when|where|how)\b|\b(?:do it|end it|go through with it)\b.{0,40}\bwhen (?:the house is empty|everyone s (?:asleep|out|gone)|the kids are (?:asleep|out|at school|away)|no one s (?:home|around|in)|nobody s (?:home|around|in)|i m alone)\b",
        r"\btime for me to go\b.{0,60}\b(?:peace|goodbye|bye|sorry|love you|ready)\b|\bmade (?:my )?peace\b(?=$| with (?:it all|everything|dying|death|my decision|god|the world|leaving this|going))",
        r"\b(?:scared|afraid|frightened|worried|terrified) (?:of )?(?:what )?i (?:ll|will|might|could|m going to|m gonna) do (?:to myself|something (?:stupid|silly|drastic|i (?:ll )?regret|tonight))\b|\bdon t trust myself\b(?: \w+){0,3}? (?:not to|to be safe|around|alone|tonight|with (?:the|my) (?:pills|tablets|knife|car))\b|\bi (?:might|could|m going to|m gonna) do something (?:stupid|drastic|silly) (?:tonight|to myself|soon)\b",
        # Too much of a medicine: a taking verb, a quantity and the medicine, or a stockpile. An
        # overdose said of oneself; "someone overdoses in the stairwell" and "two overdoses in the
        # hostel" are the work, "overdosed on coffee" is an idiom. Poison.
        r"\b{MEDS} (?:all )?(?:lined up|counted out|laid out|stockpiled|stashed|saved up|hidden away|in a pile)\b".replace(
            "{MEDS}", _MEDS
        ),
        rf"\b(?:taken|took|take|taking|tooken|swallowed|swallow|swallowing|necked|neck|necking|downed|down|downing|popped|pop|popping|eaten|ate)\b(?: \w+){{0,6}}? {_TOO_MANY}(?: \w+){{0,4}}? {_MEDS}\b",
        rf"\bi (?:ve |have |just )?had (?:about |around |over |like |maybe |at least )?\d{{2,}} (?:\w+ ){{0,2}}?{_MEDS}\b",
        r"\b(?:swallowed|necked|downed|popped)(?: (?:a|the|my|me|an|whole|full|entire|a whole|a full|an entire)){0,2} (?:box|boxes|packet|packets|strip|strips|tub|blister pack|blister packs|handful|handfuls) of\b",
        rf"\b{_MEDS}\b.{{0,80}}\b(?:take|taking|took|swallow|swallowing|swallowed|neck|necking|necked|down|downing|downed)(?: them)? (?:the lot|them all|all of them|the whole lot|the whole (?:box|packet|bottle)|all at once|every one|all of it)\b",
        rf"\b(?:take|taking|took|taken|swallow|swallowed|neck|necked)(?: \w+){{0,2}}? {_MEDS} (?:all at once|at once|in one go|on purpose|deliberately|to (?:die|end it|not wake up|never wake up))\b",
        rf"\b(?:stockpil\w*|stash(?:ed|ing)?|hoard\w*|saving up|saved up|been saving|collecting|collected|counted out|counting out|lined up) (?:of |up )?(?:my |the |some |all my |a (?:load|lot|stash|pile) of |enough )?(?:\w+ (?:s )?){{0,2}}?{_MEDS}\b",
        rf"\b(?:stash|hoard|stockpile|pile|supply) of (?:my )?{_MEDS}\b",
        rf"\b(?:i|i ve|i d|i ll|i m|i have|i had|i just|me|gonna|going to|want to|wanna|planning to|plan to|thinking of|thinking about|about to|decided to|try to|tried to|trying to)(?: just| nearly| almost| already| finally| really)? (?:overdose|overdosed|overdosing|od|od d|od ing|odd)\b(?! on (?!(?:my |me |all |the |some |a |loads of |her |his )?(?:{_MEDS}|drugs|lot|them)\b))",
        r"\b(?:take|took|taken|taking|tried|try|trying|attempted|attempt|do|did|done|have|had)(?: (?:an|another|a|small|big|massive|huge|deliberate|intentional|proper|serious|second|my)){1,2} (?:overdose|overdoses|od)\b",
        r"\b(?:lethal|fatal|deadly|killing) (?:dose|amount|quantity|overdose)\b|\bdose (?:that |which )?(?:would|will|could|to) (?:kill|be fatal)\b",
        r"\b(?:swallow|swallowing|neck|necking|down|downing) (?:the lot|them all|all of them|the whole lot|everything)(?= tonight| now| today|$| in one go| at once)",
        rf"\b(?:sleep|go to sleep|bed)\b(?: \w+){{0,2}}? with (?:all |all of )?(?:my |the )?{_MEDS}\b(?! (?:by the bed|in the drawer|on the side)\b)",
        r"\b(?:swallowed|drank|drunk|drinking|drink|downed|necked|taken|took|take|taking) (?:some |a bottle of |a cup of |the |a load of )?(?:bleach|antifreeze|anti freeze|weedkiller|weed killer|rat poison|poison|drain cleaner|white spirit|paraquat)\b",
        # Heights, traffic and water: jumping, stepping in front of, walking in, said by someone who
        # means to ("a lad jumped off the bridge last year" is news, "jump on the bus" is travel).
        r"\b(?:stood|standing|sat|sitting|i m|here|up) (?:on|at|near|over) (?:the )?(?:edge|ledge|railing|railings|parapet)(?: of)? (?:the |a |my )?(?:\w+ ){0,2}?(?:roof|bridge|cliff|building|car park|balcony|platform|tower|block|flats|multi storey|multistorey)\b",
        r"(?:\bi|\bto|\bof|\babout|\bgonna|\bgonnae|\bwanna|\bll|\bd|\bm|\bjust|\bmight|\bcould|\bcan|\bwould|\bwill|\bnearly|\balmost|^)(?: \w+)? (?:jump|leap)(?:ing|ed|t)? (?:off|from|out of)(?: \w+){0,4}? (?:bridge|building|roof|cliff|motorway bridge|block|flats|tower|tower block|balcony|window|ledge|car park|multi storey|multistorey|top floor|\d+\w* floor|overpass|viaduct|pier|height|heights)\b",
        r"(?:\bi|\bto|\bof|\babout|\bgonna|\bgonnae|\bwanna|\bll|\bd|\bm|\bjust|\bmight|\bcould|\bcan|\bwould|\bwill|\bnearly|\balmost|^)(?: \w+)? (?:jump|leap)(?:ing|ed|t)? (?:in front of|under)(?: \w+){0,3}? (?:train|car|bus|lorry|van|tube|traffic|tram)\b",
        r"\b(?:going to|gonna|gonnae|about to|want to|wanna|i ll|i will|i m gonna|ready to|decided to|planning to|plan to) (?:just )?jump(?: (?:now|tonight|today|off(?= \w+ (?:bridge|roof|block|flats|building|balcony|cliff|car park)|$))\b|$| i\b| and\b| before\b)",
        r"\b(?:step|stepping|walk|walking|throw myself|jump|jumping|run|running|lie|lying|lay|laying) (?:out |down )?(?:in front of|under) (?:a|the|an oncoming|oncoming)(?: \w+){0,2}? (?:bus|train|car|lorry|van|tube|traffic|tram)\b",
        r"\b(?:step|stepping|walk|walking|jump|jumping|lie|lying|lay|laying|stand|standing) (?:down |out )?(?:on|onto|across) (?:the|a) (?:train |railway )?(?:tracks|track|railway line|line|motorway|dual carriageway)\b",
        r"\b(?:bus|train|lorry|car|tube|van|traffic)\b(?: \w+){0,3}? (?:to )?(?:step|jump|walk|throw myself|run) (?:out )?in front of\b",
        r"\b(?:going to|gonna|gonnae|want to|wanna|i ll|i will|thinking (?:of|about)|planning to|about to|decided to|might|might just|could|could just|may|i ll just) (?:walk|walking|jump|jumping|throw myself|throwing myself) (?:in|into|off into|in to|out into|out in front of) (?:the )?(?:\w+ )?(?:sea|river|water|canal|loch|lake|ocean|reservoir|clyde|thames|mersey|tyne|severn|humber|forth|tay|taff|wear|tees|traffic|oncoming traffic|motorway|dual carriageway)\b",
        r"\b(?:i ve been|i ve|been|i m|i am|still) (?:standing|stood|sitting|sat) (?:on|at) (?:the|a) (?:bridge|edge|ledge|roof|platform|cliff|railway|tracks|motorway bridge|parapet)\b(?: \w+){0,2}? (?:for (?:an|a|the|\d+|two|three) (?:hour|hours|while|long time|ages)|all night|since|thinking|looking down)\b",
        r"\b(?:jump|jumping|throw myself|throwing myself) (?:off|from) (?:something|somewhere|anything) (?:high|tall)\b",
        r"\bthinking (?:about|of) (?:jumping|throwing myself|stepping out|walking into|driving into|crashing)(?=$| off| from| in front| under| into the (?:river|sea|canal|water)| again)",
        r"\b(?:bridge|tracks|railway|train line|edge|roof|ledge|cliff|river|canal|motorway|traffic|balcony|platform)\b.{0,60}\b(?:thinking|think|thought|imagin\w*|picture|picturing|wonder\w*) (?:about |of |how |that )?(?:jumping|it would be easy|it d be easy|how easy|easy it would be|just stepping|stepping off|stepping out|throwing myself|going over|falling|the drop|ending it)\b",
        r"\b(?:high|tall|deep|far|cold|fast) enough to (?:jump|kill|die|drown|not survive|be fatal|end it)\b",
        r"\bclimb(?:ed|ing)? (?:over|onto|on|up on|up) (?:the )?(?:railing|railings|barrier|parapet|edge|ledge|fence|wall)\b(?: \w+){0,3}? (?:bridge|roof|balcony|car park|flats|block|cliff|tower|multi storey)\b",
        r"\b(?:swim|swimming|walk|walking|wade|wading|go|going|head|heading) (?:out )?(?:into|in|out to|out into) (?:the )?(?:sea|river|water|loch|lake|ocean|reservoir)\b.{0,40}\b(?:keep (?:going|swimming|walking)|not come back|never come back|don t come back|until i can t|disappear|go under)\b",
        # Other means in hand or in place: a rope tied up, a knife at the wrist, the car and the hose,
        # the bath and the toaster, a note written; emoji of means after a word of intent.
        r"\b(?:i m going to|i ll|i will|going to|gonna|want to|wanna|thinking (?:of|about)|planning to|plan to) hang (?:myself )?(?:from|off) (?:the|a|my) (?:stairs|banister|bannister|loft|tree|beam|rafters|hook|door|ceiling|bridge|landing|light fitting)\b",
        r"\b(?:gun|rope|noose|pills|tablets|knife|blade|razor|petrol|charcoal|ligature)\b(?: \w+){0,2}? to (?:end (?:it|it all|things|my life|everything)|kill myself|do it with|finish it)\b",
        r"\b(?:slit|slitting|slash|slashing|cut|cutting) my (?:throat|own throat)\b",
        r"\b(?:drive|driving|drove|crash|crashing|steer|steering|swerve|swerving|plough|ploughing) (?:my car |the car |the van |my van )?(?:into|off) (?:a |the )?(?:wall|tree|lorry|bridge|oncoming traffic|traffic|river|cliff|cliff edge|barrier|motorway barrier|reservoir|road|embankment|pier|dock|quay|harbour)\b(?! (?:to|for|and (?:parked|stopped|waited))\b)",
        r"\bengine running\b.{0,40}\b(?:garage|hose|hosepipe|windows? (?:up|shut|closed))\b|\b(?:garage|hose|hosepipe)\b.{0,40}\bengine running\b|\bhose ?pipe (?:on|to|from|into) the exhaust\b",
        r"\bcrash(?:ing)? (?:the|my|our) (?:car|van|motorbike|bike) (?:on purpose|deliberately|so)\b",
        r"\bbleed(?:ing)? (?:out|to death)\b(?<!he bleed out)(?<!she bleed out)",
        r"\b(?:use|using|turn|turning|point|pointing) (?:it|them|this|that|a knife|the knife|the blade|a blade|a gun|the gun|the rope) on myself\b",
        r"\b(?:rope|noose|ligature)\b(?: \w+){0,4}? (?:loft|banister|bannister|beam|rafters|hook|ceiling|door frame|stairs|neck|tree)\b|\bnoose\b",
        r"\b(?:tied|tie|tying|hung|hanging|put up|set up) (?:a |the |my )?(?:rope|noose|ligature)\b(?: \w+){0,3}? (?:up|ready|round|around)\b",
        r"\b(?:bought|got|have|saved up|stockpil\w*|ve got|ready|laid out|hidden|hid) (?:a |the |some |enough |my )?(?:rope|pills|tablets|meds|blades|razor|knife)\b.{0,80}\b(?:end|die|it all|ready|tonight)\b",
        r"\b(?:got|have|ve got|laid out|put|sat with|sitting with|sitting here with|here with) (?:a |the |my |some |enough )?(?:bottle|box|packet|pile|handful|stash)? ?(?:of )?(?:pills|meds|rope|noose|blade|blades|razor) (?:ready|out|lined up|counted|saved|hidden|set aside|in front of me|next to me|in my hand)\b",
        r"\b(?:with|got|have|holding) (?:a|the|my) (?:knife|blade|razor|gun) (?:to|against|at) my (?:wrist|wrists|throat|neck|head|chest)\b",
        r"\b(?:writing|written|wrote|left|finished) (?:my|a|the) (?:suicide|goodbye|last|final) note\b|\b(?:writing|written|wrote|left|finished) my note\b(?! (?:to|for|about|on) (?:the|a)\b)",
        r"\b(?:don t|do not) want (?:it|the bleeding|them) to stop(?: bleeding)?\b(?<!it to stop)|\b(?:don t|do not) want (?:it|the bleeding|them) to stop bleeding\b",
        r"\b(?:looking at|staring at|holding|stare at|look at) (?:the|a|my|that) (?:knife|pills|tablets|rope|blade|razor|bridge|tracks|noose|gun)\b.{0,40}\b(?:thinking about it|thinking about using|thinking of using|wondering|tempted|thinking how easy)\b",
        r"\b(?:bath|bathtub)\b.{0,30}\b(?:toaster|hairdryer|hair dryer|radio|heater)\b|\b(?:toaster|hairdryer|hair dryer|radio|heater)\b.{0,30}\b(?:bath|bathtub)\b",
        r"\b(?:have|got|ve got|bought|buying|carrying|brought|hidden|hid|keep) (?:a|the|some|my) (?:rope|noose)\b(?! (?:for|to tie|swing|barrier|ladder|bridge|course|access)\b)",
        r"\bhow (?:much|many)(?: \w+){0,2}? (?:it )?(?:would|will|it d) take\b.{0,60}\b(?:got|have) (?:it|them|enough|everything|the lot) (?:ready|here|saved|at home|in the house|with me)\b",
        r"\b(?:ready|tonight|now|time|goodbye|bye|done|end it|going|gonna|soon|it s time|night)\b(?: \w+){0,4}? (?:pills|rope|knife|gun|dead) (?:pillemoji|ropeemoji|knifeemoji|gunemoji|coffinemoji|graveemoji)\b",
        r"\b(?:pillemoji|ropeemoji|knifeemoji|gunemoji|coffinemoji|graveemoji)(?: \w+){1,2} (?:pillemoji|ropeemoji|knifeemoji|gunemoji|coffinemoji|graveemoji)\b",
        # Method questions, often hedged ("asking for a friend", "hypothetically"): the quickest way,
        # how many, how high, what dose.
        r"\bhow (?:do|would|could|can|should|might|to)(?: you| i| someone| somebody| people| one| a person)? (?:kill|end|take|off|hang|poison|drown|gas|unalive) (?:your|my|their|one s|his|her)? ?(?:self|selves|own life|life|lives|yourself|myself|themselves|himself|herself|oneself)\b",
        r"\bhow (?:do|would|could|can|should|might|to|does|did)(?: you| i| someone| somebody| people| one| a person)? (?:overdose|od|hang|drown|bleed out)\b(?! (?:on (?:coffee|caffeine|sugar|chocolate|vitamins?)|out (?:the|a) (?:washing|flag|bunting|posters?))\b)",
        r"\b(?:quickest|easiest|fastest|best|most painless|painless|surest|least painful|simplest|cleanest|quietest|most reliable|sure fire|surefire|guaranteed) (?:way|ways|method|methods|place|means) (?:to|of) (?:die|dying|kill|end|go|jump|do it|not wake up|never wake up)\b",
        r"\b(?:ways?|methods?) (?:to|of) (?:die|dying|kill(?:ing)? (?:myself|yourself|oneself|themselves)|end(?:ing)? (?:it|it all|my life|your life|one s life|a life))\b",
        r"\bhow (?:many|much|high|far|long|deep|strong|fast|big|tall|high up|far down)\b(?: \w+){0,8}? (?:kill (?:you|me|someone|somebody|a person|a human|yourself|myself)|die|be fatal|be lethal|(?:not|never) wake up|not survive|end it|od|overdose)\b",
        rf"\b(?:which|what|how many|how much|enough)\b(?: \w+){{0,4}}? (?:{_MEDS}|dose|drugs|amount|height|fall|drop) (?:\w+ )?(?:would|will|could|can|does|do|to|it take to|is enough to|are enough to) (?:actually |definitely |surely |really )?(?:kill|be fatal|be lethal|stop your heart|not wake up|never wake up)\b",
        rf"\bhow (?:many|much) (?:of (?:my|the|these|those|her|his) )?{_MEDS}(?: \w+){{0,3}}? (?:would it take|it would take|does it take|it takes|would kill|would do it|is too (?:many|much)|is fatal|is lethal|is an overdose|to overdose)\b",
        r"\bto (?:make sure|be sure|ensure|guarantee) (?:you|i|they|someone) (?:die|don t survive|don t wake up|won t survive|won t wake up|never wake up)\b",
        r"\b(?:it take|enough|need) to (?:not|never) wake (?:up|again)\b",
        r"\b(?:asking for a (?:friend|mate|pal)|hypothetically|just curious|purely hypothetical\w*|for research purposes|asking for research)\b.{0,100}\b(?:die|dying|death|drown\w*|hang(?:ing)? (?:yourself|myself|someone)|bleed out|jump from|kill|end (?:your|their|my|one s|a) life|suicid\w*|overdos\w*|not wake up|never wake up|lethal|fatal|painless)\b",
        r"\b(?:die|dying|drown\w*|bleed out|kill|end (?:your|their|my|one s|a) life|suicid\w*|overdos\w*|not wake up|never wake up|lethal|fatal|painless)\b.{0,100}\b(?:asking for a (?:friend|mate|pal)|hypothetically|just curious|purely hypothetical\w*)\b",
    ),
    Category.SELF_HARM: (
        # Self-injury named, and harm verbs with "myself" (not "beating myself up", "hit myself on the
        # head with the cupboard door").
        r"\bself ?(?:injur\w*|inflicted|mutilat\w*)\b",
        r"\b(?:cut|cutting|cuts|burn|burning|burnt|burned|hurt|hurting|hurts|harm|harming|harms|scratch|scratching|scratched|hit|hitting|punch|punching|punched|starve|starving|starved|injure|injuring|injured|bruise|bruising|bruised|bite|biting|bit|batter|battering|slap|slapping|slapped|carve|carving|carved|mutilate|mutilating|mutilated|punish|punishing|punished|harmed|scratches|hits|bites|burns|injures|smack|smacked|smacking) myself\b(?! (?:up|over|about|for (?:not|forgetting|missing|saying|being)|with (?:guilt|worry|questions)|on (?:the|a|my) \w+ (?:with|against|getting|while|when|in|on) (?!purpose\b)))",
        r"\bmak\w* myself (?:sick|bleed|throw up|vomit)\b(?! (?:with|from|over) (?:worry|worrying|stress|nerves|anxiety))|\bmy (?:cuts|burns|wounds) (?:keep|are|have|won t|getting|again|deeper|bleeding|infected|healing|reopened)\b|\bcut (?:too )?deep(?:er)? (?:this time|again|than)\b|\bcut too deep\b",
        r"\bsmall overdoses\b|\boverdos\w* to hurt myself\b",
        r"\btak\w* it out on (?:myself|my body|my arms|my skin|my legs)\b",
        r"\b(?:give|gave|giving) myself (?:bruises|cuts|burns|scars|marks|a black eye|a nosebleed)\b",
        # Done to a named part of the body ("cut my wrists", "carved into my arm", "a razor on my
        # arms"), leaving out accidents ("burnt my arm on the oven", "cut my leg when I fell").
        r"\b(?:cut|cutting|cuts|slit|slitting|slash|slashing|slashed|slice|slicing|sliced|scratched|scratching|scratch|scratches|burned|burnt|burning|burn|carved|carving|carve|dig|digging|dug|stab|stabbed|stabbing|bite|biting|bit|punch|punching|punched|hit|hitting|smash|smashed|smashing|hurting|harming) (?:at |into |up )?(?:my|me) (?:wrist|wrists|arm|arms|leg|legs|skin|thigh|thighs|stomach|belly|body|hip|hips|ankle|ankles)\b(?! (?:(?:on|in|at|while|whilst) (?!purpose)\w+|shaving|doing|gardening|cooking|moving|lifting|playing|when i (?:fell|tripped|slipped|was)))",
        r"\b(?:hurting|harming|punishing|cutting|burning|hitting|starving|damaging) my (?:body|self|own body)\b",
        r"\b(?:carv\w*|cut|cutting|scratch\w*|etch\w*|burn\w*|scor\w*) (?:\w+ ){0,2}?(?:into|in|on) my (?:skin|arm|arms|leg|legs|wrist|wrists|thigh|thighs|stomach|hip|hips)\b(?! (?:on|in|at) (?:the|a)\b)",
        r"\bmy (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach)\b(?: \w+){0,4}? (?:i|i d|i had|had) (?:cut|burnt|burned|scratched|sliced|slashed|carved) (?:it|them)\b",
        r"\b(?:razor|razors|blade|blades|knife|lighter|scissors|compass|glass|cigarettes?|a lighter)\b(?: \w+){0,2}? (?:on|to|into|across|against) (?:my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body|self)|myself)\b",
        r"\bscratch\w* (?:at )?(?:my )?(?:arms?|skin|legs?|face|wrists?) (?:raw|until|till|to bleed|off)\b",
        # Done on purpose, to feel something, to cope or to punish, or until it bleeds, bruises or
        # goes raw.
        r"\b(?:burn\w*|cut\w*|hit|hitting|smash\w*|punch\w*|bang\w*|scratch\w*|hurt\w*|bruis\w*|injur\w*|held|hold|holding|stab\w*|bit|bite|biting|slam\w*|scald\w*|pinch\w*|pull\w*)\b(?: \w+){0,4}? (?:my|me|the wall|the door|a wall|a door)\b.{0,80}\b(?:on purpose|deliberately|intentionally|to feel (?:something|anything|better|real|alive|pain)|to punish myself|to hurt myself|to cope)\b",
        r"\b(?:on purpose|deliberately|intentionally)\b(?: \w+){0,3}? (?:burn\w*|cut\w*|hit|hurt\w*|harm\w*|injur\w*|punch\w*|scratch\w*|bang\w*|smash\w*|starv\w*) (?:my|myself|me)\b",
        r"\b(?:until|till|til|untill|so) (?:it|they|my \w+|i|the skin)(?: s| are| is| was| were| d| had)? (?:bleeds?|bled|bleeding|raw|bruised|black and blue|split|blister\w*|burnt|burned|draw blood|drew blood|marked|scarred|really hurts?|really hurt|properly hurts?)\b",
        r"\bto make (?:it|them|myself|me|my \w+) bleed\b|\b(?:picking|pick|picked|scratching|scratch) (?:at )?(?:my )?(?:old )?(?:scars|scabs|wounds|cuts)\b(?: \w+){0,3}? (?:until|till|to make|so they)\b",
        r"\b(?:cutting|cutting myself|self ?harm\w*|burning myself|hurting myself|sh) (?:really |just |always |only |is what |actually )?(?:helps|is how|is the only|calms|makes me feel|stops|releases|relieves|numbs)\b",
        r"\bi (?:cut|burn|scratch|harm|hit|punch|bite|starve)(?: myself)? to (?:cope|feel|calm|punish|release|stop|numb|get through|let it out|distract)\b",
        r"\b(?:bang|banging|banged|slam|slamming|slammed|hit|hitting) my head (?:against|on|off|into) (?:the |a )?(?:wall|door|floor|table|desk)\b.{0,60}\b(?:until|till|til|bleed|blood|on purpose|to feel)\b",
        r"\b(?:(?:until|till|til) (?:they|it|i) bled)\b|\bblades? (?:again|out)\b",
        # Relapse, urges, and "cut" with no object: "I went home and cut", "the urge to cut", "cut
        # again last night".
        r"\b(?:relapsed|relapse|relapsing) (?:with |on |into |to )(?:my )?(?:cutting|self ?harm\w*|sh|burning)\b|\b(?:sh|self ?harm|cutting|cuttin|burning) (?:relapse\w*|urges?|again|clean)\b|\bsh ing\b|\bsh (?:last night|tonight|today)\b",
        r"\b(?:urge|urges|urging|need|craving|cravings|itch|temptation) to (?:cut|self ?harm|burn myself|hurt myself|harm myself|sh)\b",
        r"\bmy (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach)\b(?: \w+){0,4}? (?:from|after|because of) (?:cutting|scratching|burning|self ?harm\w*)\b(?! (?:the|a|some|back|down|up|through|hedges?|grass|wood)\b)",
        r"\b(?:back to|started|starting|start|restarted|urge to|urges to|need to|want to|wanna|going to|gonna) (?:cutting|self ?harming|burning myself|cutting myself)\b|\bcutting again\b",
        r"\b(?:i|i ve|i d|i ll|i m|i have|i just|and|then|gonna|wanna|so i|just|been|ve been|have been|keep|kept|still|(?:urge|urges|need|needing|want|wanting|going|tempted|desperate|itching|started|starting|had|trying not|try not|managed not|not) to)(?: \w+){0,2}? (?:cut|cuts|cutting|cuttin)(?=$| again| last night| tonight| today| yesterday| this (?:morning|week|evening|afternoon)| deeper| deep| and i| but| i | so | because| is really| is so| was really| is strong| when i get| when i feel| when it| after (?:work|shifts?|that|the)| every (?:day|night)| more| a lot| loads| lately| recently| badly| most (?:days|nights)| since| for (?:a |an |the |\d+ |a few |several )?(?:days?|weeks?|months?|years?|while))",
        r"\b(?:cut|cuts|cutting|burnt|burned|burning|sh) again\b(?! (?:this year|next year|in the budget|to the)\b)(?<!budget cut again)(?<!hours cut again)",
        # The marks: hiding them, fresh cuts, arms covered in scars.
        r"\b(?:hide|hiding|hid|cover|covering|covered|conceal\w*) (?:up )?(?:the |my |all the |all my |these |those )?(?:cuts|scars|marks|burns|wounds|self harm|bandages)\b(?! (?:to|in|from|at|for|of) (?:the )?(?:budget|service|funding|council|youth))",
        r"\b(?:cuts|scars|marks|burns|wounds|bruises) (?:on|up|across|all over) my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body|hip|hips)\b",
        r"\bmy (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body) (?:is |are |s )?(?:covered in|full of|scarred with|scarred|all cut up) ?(?:\w+ )?(?:cuts|scars|marks|burns)?\b(?<!covered in)",
        r"\b(?:fresh|new|deep|deeper|open|self inflicted) (?:cuts|cut|wounds|burns|scars) (?:on|up|across|in) my\b",
    ),
    Category.INDIRECT: (
        # Others better off without me, nobody would miss me, a burden, taking up space.
        r"\b(?:everyone|everybody|they|people|my family|my kids|the world)(?: d| would| will)? (?:be )?better off without me\b",
        r"\bbetter off (?:in care|with (?:anyone|someone) else|fostered|adopted|with strangers)\b|\bbetter off without me\b|\bwithout (?:a|an|someone) (?:\w+ )?like me\b",
        r"\b(?:better off|be better|be easier|be happier) (?:not existing|not being here|not alive|not being alive|never born|never having been born|gone|not around|not here|if i d never been born)\b(?! (?:for|on|to|at|in)\b)",
        r"\b(?:fine|ok|okay|alright|happier|better|easier|lighter|freer|relieved|a better place|better place|cope|manage|get by|move on|survive|carry on)(?: \w+){0,2}? without me\b(?! for | while | at | on | to | in the (?:meeting|team|group|office)| there)",
        r"\b(?:nobody|no one|noone|none of them|not one person|anyone) would (?:even )?(?:miss|notice|care|come to my funeral|mourn)(?=$| me\b(?! (?:at|in|from|leaving)\b)| if i\b(?! (?:left|skipped|missed|went|came|stayed|arrived|didn t (?:go|come|turn up|show)|wasn t at|weren t at|took|had)\b)| that i\b| when i\b| i m\b| i was\b| i d\b| anyway| tbh| honestly)",
        r"\b(?:nobody|no one|noone) (?:needs|wants|cares about|loves|would miss|would notice|will miss|will notice) me\b(?! (?:at|to|for|on|there|in|until|till|yet|today|tonight|this|next)\b)",
        r"\b(?:the world|my family|my kids|everyone|they|people) (?:doesn t|don t|does not|do not|wouldn t|would not|won t) (?:need|want) me\b(?! (?:at|to|for|on|there|in|until|till|yet|today|tonight|this|next)\b)",
        r"\b(?:at|to|come to|plan|planning|planned|about|organise|organising) my (?:own )?funeral\b",
        r"\b(?:everyone|everybody|they|my family|my kids|people|the world)(?: \w+){0,2}? (?:would|d|will|ll) be (?:better off|relieved)(?=$| and| i | tbh| honestly| really| anyway)",
        r"\b(?:i m|i am|im|me|i feel like i m|i feel like)(?: \w+){0,2}? taking up (?:space|room|air|oxygen)\b",
        r"\b(?:kids|children|family|son|daughter|they)\b(?: \w+){0,2}? (?:would|d|will) be (?:better off|happier|safer) with (?:their|his|her) (?:dad|mum|father|mother|gran|nan|grandparents|family|other parent)\b|\bbetter off with (?:someone else|anyone (?:else )?but me)\b",
        r"\bi m (?:just |such |a complete |a total )?a lost cause\b(?! (?:at|with|when|in)\b)",
        r"\bi(?: m| am)? (?:just |such |only |nothing but |really |a total |a massive |a complete )?a (?:burden|drain|waste of space|waste of oxygen|waste of air|waste of skin|waste of a life)\b",
        r"\b(?:i m|i am|i feel like i m|i feel like|feel like i m|i ve become|i have become|i m just|i m nothing but|i am nothing but|i m only)\b(?: \w+){0,2}? (?:a|an|such a) (?:burden|drain|waste of (?:space|oxygen|air|skin|a life))\b",
        r"\b(?:won t|will not|wont|don t|never) have to (?:put up with|deal with|worry about|look after|bother with|cope with|care for|think about) me\b(?! (?:for (?:a|the|two|three|one)|while|on|at|next|this|when|until|till)\b)",
        r"\b(?:better|easier|happier|relieved|simpler|lighter)\b(?: \w+){0,4}? if i (?:just )?(?:disappeared|vanished|died|went away for good|didn t exist|ended it|left for good|wasn t born)\b",
        # Last messages and goodbyes. With a time, a reason or a return after them they are ordinary
        # ("my last message before I go on leave", "thanks for everything today, bye!").
        r"\b(?:this is|this s|this ll be|this will be|that s|that ll be|it s|it ll be) (?:my|the) (?:very )?(?:last|final) (?:message|msg|post|goodbye|text|words|reflection|entry|note|time)\b"
        + _RETURNING,
        r"\b(?:last|final) (?:message|msg|post|text|words) (?:from me|i ll send|you ll get)\b"
        + _RETURNING,
        r"\b(?:won t|will not|wont|never|not) (?:ever )?(?:hear|see) (?:from )?me again\b"
        + _RETURNING,
        r"\bthank(?:s| you)(?: so much| again)? for everything\b(?! (?:today|tonight|this (?:week|session|morning|afternoon|evening)|so far|you ve done today))(?!.{0,60}\b(?:today|this (?:week|session))\b).{0,60}\b(?:good ?bye|bye|farewell|take care of yourself|look after yourself|i love you)\b"
        + _RETURNING,
        r"\b(?:thank you|thanks) and (?:good ?bye|farewell)\b" + _RETURNING,
        r"\b(?:good ?bye|bye|farewell)\b.{0,40}\bthank(?:s| you)(?: so much| again)? for everything\b(?! (?:today|tonight|this (?:week|session|morning|afternoon|evening)|so far))"
        + _RETURNING,
        r"\b(?:this is|this s|it s|so this is) (?:goodbye|farewell|the end for me|my goodbye)\b(?! to)"
        + _RETURNING,
        r"\b(?:say|saying|said|sayin) (?:good ?bye|bye|goodbyes?|my goodbyes) to (?:everyone|everybody|people|you all|all of you|the world|everyone i (?:know|love)|my (?:family|kids|children|friends|loved ones|mates))\b"
        + _LEAVING,
        r"\b(?:said|say|saying|made) (?:all )?my goodbyes\b(?! (?:to|at) (?:the|my) (?:old|office|team|estate|hall|building))",
        r"\btell (?:\w+ ){1,3}?i (?:said )?(?:good ?bye|bye|love (?:them|him|her|you)|m sorry|am sorry)\b(?! (?:at|and see|for now|i ll|for being|i m late|i ll be late|about the|i can t make))",
        r"\b(?:say|saying|said) (?:my )?goodbyes?\b.{0,80}\b(?:forever|for good|last time)\b",
        r"\b(?:wanted|want|wanna|just wanted|needed|need|just want) to say (?:good ?bye|bye|goodbyes|my goodbyes)\b(?! to (?:the|my) (?:old|office|team|estate|hall|building|group))"
        + _RETURNING,
        r"\blast time (?:you ll |you will |you ever |you |anyone will )?hear from me\b",
        r"\b(?:said|saying|say|apologised|apologising|apologise) (?:sorry )?to (?:everyone|everybody) (?:i ve|i have|i) (?:hurt|let down|upset)\b|\bsorry for everything\b.{0,40}\b(?:good ?bye|bye|farewell|love you)\b"
        + _RETURNING,
        r"\b(?:ready|time) to go now\b.{0,60}\bgoodbye",
        # Absence with no reason given: won't be here, won't be needing it, won't see Christmas, it'll
        # all be over soon.
        r"\b(?:won ?t|will not|wont|not) (?:be|gonna be|going to be) (?:around|here|a problem|a burden|a bother|a nuisance|any trouble|in (?:your|anyone s|the) way|bothering (?:you|anyone))(?: (?:for|to) (?:anyone|everyone|you|them|anybody|my family|people))? (?:for )?(?:much longer|anymore|any more|any longer|soon|after (?:today|tonight|this)|for long|long)\b",
        r"\b(?:won t|will not|wont|no longer|soon i won t|not going to) be (?:a problem|a burden|a bother|a nuisance|any trouble|trouble|in (?:anyone s|the) way|bothering anyone|a worry) (?:for|to) (?:anyone|anybody|everyone|my family|them|people)\b(?! (?:at|in|on|during|while|when) )",
        r"\b(?:don t bother|no need to|don t|no point) (?:booking|book|saving|save|waiting for|wait for|planning for|including)\b(?: \w+){0,4}? i (?:won t|will not) (?:be here|be around|need it|need one)\b",
        r"\bi (?:won t|will not|wont) be (?:here|around)$",
        r"\b(?:won t|will not|wont) (?:be needing|need) (?:them|it|these|those|any of (?:it|this|them|these)|my \w+|the next \w+|anything|any more \w+)\b"
        + _RETURNING,
        r"\b(?:won t|will not|not) (?:be (?:at|coming to|doing)|come to|attend|do)\b(?: \w+){0,4}? (?:or any (?:after|other|more|of them)|ever again)\b",
        r"\b(?:not sure|don t think|doubt|don t know if|might not|may not|probably won t) (?:if |that |whether )?i(?: ll| will| m going to)? (?:be|still be|even be) (?:around|here|alive)\b(?!.{0,60}\b(?:because|as i m|holiday|away|leave|hospital|appointment|moving|leaving|jury|half term|working|shift|on call|off to|visiting|training|course|conference|busy|ill|sick|in (?:london|spain|scotland|wales))\b)",
        r"\b(?:don t|do not|not) (?:plan|planning|intend|intending|expect|expecting) (?:on|to) (?:be|being|still be) alive\b|\b(?:don t|do not|not) (?:plan|planning|intend|intending|expect|expecting) (?:on|to) (?:be|being|still be) (?:around|here)\b(?! (?:for (?:the|next)|at|on|next|tomorrow|when)\b)",
        r"\bnot (?:coming|going|gonna come|going to come) (?:home|back)(?=$| ever| again| this time| tonight i| alive| anymore| any more)",
        r"\b(?:won t|will not|not (?:going to|gonna)|don t think i ll) (?:live to )?(?:see|make it to|be alive (?:for|at|by)) (?:christmas|my birthday|the new year|new year|next year|the summer|spring|easter|next christmas|another christmas|another birthday|my \w+ birthday|the kids birthdays?|\w+ s birthday)\b(?! (?:with|at|in|because|this year|due|abroad|here|there)\b)",
        r"\b(?:won t|will not|not (?:going to|gonna)) be (?:here|around) (?:for|at|by) (?:christmas|my birthday|the new year|new year|next year|the summer|easter|next christmas|another christmas|the kids birthdays?|\w+ s birthday)\b(?!.{0,60}\b(?:going|off|visiting|staying|away|holiday|abroad|spain|with (?:my|the|family)|at (?:my|the)|working|on shift|because|as|since|hospital|moving|leaving)\b)",
        r"\b(?:won t|will not|not (?:going to|gonna)) be (?:around|here|alive) to see (?:my|the) (?:grand)?(?:kids|children|grandchildren|grandkids|son|daughter|baby|kids grow up|children grow up)\b",
        r"\bsoon (?:it|nothing|none of (?:this|it)|none of it) (?:won t|will not|wont|will|ll|doesn t) matter\b|\b(?:won t|will not|wont) matter (?:soon|much longer|after (?:tonight|today))\b",
        r"\b(?:i ll|i will|i m going to|i m gonna) be gone\b(?! (?:for|until|till|from|on|by|at|in|over|two|a|the|next|this|tomorrow|soon for|a week|all)\b)",
        r"\b(?:it ll|it will|this ll|this will|it s|it is) all be over (?:soon|tonight|shortly)\b",
        r"\b(?:don t|do not|no need to) (?:worry|be sad|cry|blame yourself) (?:about|for|over) me\b(?=.{0,40}\b(?:soon|gone|over|anymore|any more|much longer|forever|for good|goodbye|bye)\b)",
        # Putting affairs in order: giving things and pets away, who gets the dog, the will, letters,
        # passwords "just in case".
        r"\b(?:instructions|letters?|notes?|messages?|passwords|details|keys|everything)\b(?: \w+){0,6}? just in case\b|\bif (?:anything|something) (?:happens|should happen|were to happen)(?=$| to me| i | please| tell| make sure| can you| look after)",
        r"\b(?:giv(?:en|ing|e)|gave|give) (?:away )?(?:all |most of |some of )?(?:my |my favourite |my best |my precious )(?:things|stuff|belongings|possessions|tools|clothes|books|records|vinyl|jewellery|rings?|watch|games|collection|plants|guitar|bike|photos|albums|medals|paintings|treasures|prized \w+|treasured \w+)(?: and (?:my )?\w+)?(?: away)?\b(?! (?:to (?:the )?(?:charity|tip|church|homework club|youth club|food bank|shop|school|jumble)))(?!.{0,40}\b(?:because i m moving|before the move|downsizing|decluttering|clear out|spring clean|new one|upgrade\w*)\b)",
        r"\b(?:gave|given|giving|give|rehomed|rehoming|rehome|found a home for|finding a home for) (?:away )?my (?:dog|cat|pets?|budgie|rabbit|hamster|parrot|fish|tortoise|pup|puppy|kitten)\b"
        + _FOR_A_WHILE,
        r"\bwho (?:gets|will get|should get|would get|takes|will take|would take|looks after|will look after|would look after|has|will have) (?:my |the )?(?:dog|cat|pets?|kids|children|things|stuff|flat|money|belongings|car|savings)\b",
        r"(?:\b(?:put|putting|got|getting|sorted|sorting|tidied|tidying|settled|settling|organised|organising|set) (?:all )?my (?:affairs|things|stuff|paperwork|life) (?:in order|sorted|straight|tidy)\b|\b(?:tidied|tidying|sorted|sorting|settled|settling|putting|put|got|getting) (?:all )?my affairs\b|\baffairs (?:are )?in order\b)(?!.{0,60}\b(?:diagnosis|solicitor|retire\w*|moving|move|estate agent|the sale|selling|probate|power of attorney|executor|accountant|tax)\b)",
        r"\bmy will\b.{0,60}\b(?:just in case|in order|goodbye|letters?|passwords|who gets|funeral|when i m gone|won t be|not be here)\b|\b(?:just in case|goodbye|letters?|passwords|who gets|funeral|won t be here)\b.{0,60}\bmy will\b",
        r"\b(?:passwords|pin numbers?|pins|bank details|log ?ins?|account details|life insurance|insurance policy|policy details)\b(?: \w+){0,6}? (?:for|to) my (?:daughter|son|kids|children|family|partner|wife|husband|mum|dad|sister|brother)\b",
        r"\b(?:if|when|in case) (?:anything|something) (?:happens|should happen|were to happen|happened) to me\b",
        r"\b(?:sorted|look(?:ed)? after|make sure|made sure|ready|arrangements?|letters?|my will|in order|provided for|taken care of|who gets|passwords)\b.{0,60}\b(?:when|after|once) i m (?:gone|dead|not here|not around|no longer here)\b|\b(?:when|after|once) i m (?:gone|dead|not here|not around|no longer here)\b.{0,60}\b(?:sorted|look(?:ed)? after|make sure|ready|arrangements?|letters?|my will|in order|provided for|taken care of|who gets|passwords)\b",
        r"\b(?:written|writing|wrote|left) (?:letters|a letter|notes|a note) (?:to|for) (?:my )?(?:kids|children|family|son|daughter|mum|dad|partner|husband|wife|sister|brother|friends|loved ones)\b",
        r"\b(?:written|wrote|writing|left) (?:everyone|all of them|my family|the kids|each of them|them all) (?:letters|a letter|notes|a note|goodbye)\b",
        r"\bstopped taking my (?:meds|medication|tablets|antidepressants|insulin)\b.{0,40}\b(?:point|bother|care|matter|no use)\b",
        r"\b(?:what|who) to leave (?:to|for) my (?:kids|children|family|daughter|son|grandkids|grandchildren)\b|\b(?:written|writing|wrote|left|leaving)\b(?: \w+){0,4}? (?:letters|a letter|notes|a note|cards) (?:to|for) (?:my |each of my |all my )?(?:kids|children|family|son|daughter|sons|daughters|loved ones|everyone)\b",
        r"\b(?:writing|wrote|written|write|left|leave|leaving|recorded|recording|record|drafted|drafting|sent|send|sending|finished)(?: \w+){0,2}? (?:goodbye|farewell|suicide|last) (?:letters?|notes?|messages?|videos?|texts?)\b"
        + _LEAVING,
        # Can't go on, can't face another day, can't do this anymore; wanting it all, or the pain, to
        # stop.
        r"\b(?:can ?t|cannot|cant|don t think i can|do not think i can|not sure i can|can no longer) (?:do|take|handle|bear|stand|cope with|manage) (?:this|it|any of this|life|living|existing|any more of this|the pain|it all|all this|all of this) (?:anymore|any more|much longer|any longer)\b",
        r"\bcan no longer (?:do|take|handle|bear|stand|cope with) (?:this|it|any of this|life|it all)(?=$| i | and )",
        r"\bi (?:can t|cannot|can not) (?:keep going|go on|carry on|keep doing this|do this|keep living|keep existing|keep on) (?:like this|this way|anymore|any more|any longer|much longer)\b(?! with| at| in| on| for| doing| having)",
        r"\b(?:can t|cannot|can not) (?:keep |go on |carry on )?(?:living|live|existing|exist|being alive|be alive) (?:like this|this way|anymore|any more|any longer|much longer)\b"
        + _HOUSING,
        r"\b(?:can t|cannot|can not) (?:face|do|take|handle|bear|stand|get through) (?:another|one more) (?:day|night|morning|week)(?! (?:at|in|with|on|of) (?:the|that|those|these|work|school|meetings?|our|this (?:job|office|committee)))\b",
        r"\b(?:want|wanna|need|wish) (?:it all|everything|the pain|my life|life|the hurt|the suffering|all of it|this life) to (?:stop|end|be over)\b",
        r"\b(?:want|wanna|need|wish|let) (?:the |my )?(?:pain|hurt|suffering|agony) to (?:stop|end|be over)\b",
        r"\b(?:it|this|everything|all|the pain) (?:to )?(?:end|stop|be over) (?:for good|forever|permanently)\b",
        r"\bhow (?:much )?(?:longer|long) i can (?:keep going|go on|carry on|cope|take (?:it|this|much more)|hold on|last|keep this up|survive|manage|keep fighting|do this(?=$| i | and | anymore| any more| tbh))\b",
        r"\b(?:wish|want|need)(?: for)? (?:it all|everything|the world|life|all of it) (?:would |to )?(?:just )?(?:stop|end|be over)\b|\bwish it would all (?:just )?(?:stop|end)\b",
        r"\b(?:can t|cannot|can not) face (?:tomorrow|another day|the day|waking up|getting up|life|living|it anymore|any more days)(?=$| i | anymore| any more| and| or)",
        r"\bcan t be bothered (?:to live|living|being alive|existing|to wake up|to carry on|to keep going|with life|with living)\b",
        # Tired of life, done with it, not worth living; no point, no future, no way out. A "way out
        # of the contract" and "no point going to the forum" are left out by what follows.
        r"\b(?:tired|sick|weary|exhausted) of (?:being alive|living(?! (?:in|with|on|at|here|there|next to|near|above|below|under|opposite|somewhere|out of|off)\b)|life|existing|existence|this life|my life(?=$| i | and | anymore| any more| tbh| honestly| now| already)|being me|fighting to (?:stay|keep) (?:alive|going|living)|trying to stay alive|staying alive|waking up)\b(?! (?:admin|stuff|insurance|coaching|skills|story|events?|lessons?)\b)",
        r"\b(?:exhausted|done|sick|tired|weary|finished|fed up) (?:with|of) (?:life|living|being alive|existing)\b(?! (?:admin|stuff|insurance|coaching|skills|story|events?|lessons?|in|on|at|here|there|with|next to|near|above|below|under|opposite|out of|off)\b)"
        + _HOUSING,
        r"\b(?:fight|fighting|struggle|struggling|trying|try|reason|bother|effort) to (?:stay|keep myself) alive\b",
        r"\b(?:tired|sick|weary|exhausted) of (?:trying to (?:live|stay alive|keep going|carry on|survive|be okay|cope)|being (?:a burden|a drain|a problem|in the way|(?:here|around)(?=$| anymore| any more| any longer| i | and| tbh| now))|fighting(?=$| anymore| any more| every day| to stay| to keep| for (?:my life|nothing)))",
        r"\b(?:life|my life|living|existing)(?: \w+)? (?:has|holds|s got) no (?:meaning|purpose|point|value)\b|\b(?:no|not any) (?:meaning|purpose|point) (?:in|to) (?:my life|life|living|existing)\b",
        r"\bno hope (?:left )?(?:for|in) me\b(?! (?:with|at|on|when|passing|getting)\b)|\bbeyond (?:help|saving)\b",
        r"\bi (?:can t|cannot) (?:anymore|any more)\b|\bput (?:myself|me) out of (?:my|this) misery\b",
        r"\b(?:done|finished|through) with (?:life|living|being alive|existing|it all|all of it|this life|this world|everything)\b(?! (?:for (?:today|the day|now|tonight|this)|on my list|i needed|admin|stuff|insurance|in (?:the|this|a)|on (?:the|this|a)|here|at work|at the)\b)",
        r"\b(?:had enough|had it) (?:of|with) (?:life|living|being alive|existing|this life|my life|everything and everyone)\b",
        r"\b(?:life|my life|living|existing|being alive)(?: \w+){0,2}? (?:isn t|is not|not|ain t|aint|no longer|never) worth (?:it|living|the (?:effort|pain|bother|fight))\b|\bnot worth living\b",
        r"\b(?:nothing|nobody|no one|not much|nothing left|no reason|no one left) (?:left )?to live for\b(?! (?:in|on|round|around) (?:this|the|here|our) (?:town|estate|area|city|village|place|street)\b)",
        r"\bnothing left (?:for me|in me|of me)\b(?! (?:to (?:say|do|add)|at|in the))",
        r"\b(?:no|not much|not any|isn t any) point (?:in|to|of) (?:anything|it all|any of it|trying|going on)(?= anymore| any more| at all|$)",
        r"\b(?:my life|life|living|existing|being alive|my existence|everything)(?: \w+)? (?:is|s|feels|seems|has become) (?:so |completely |totally |just |utterly )?(?:pointless|meaningless|worthless|not worth living)\b(?! (?:if|when|without|unless|at)\b)",
        r"\bi m at the end of (?:the|my) (?:road|line)$",
        r"\b(?:don t|can t|do not|cannot|no longer) see (?:any|a|the) (?:reason|point) (?:to|in|for) (?:keep going|go on|going on|carry on|carrying on|live|living|be here|being here|stay|staying|keep living|continue|wake up|waking up)\b",
        r"\bno way out (?:except|but|other than) (?:one|death|dying|the one|ending it|the obvious)\b",
        r"\bsee (?:a|any|no) way (?:through|forward|out)(?: (?:of |through )?(?:any of |all of )?(?:this|it|it all|everything|life))?(?=$| anymore| any more| at all| and\b| i\b| it s| tbh| for me| now)",
        r"\b(?:done|finished|through|tired of) (?:fighting|struggling|trying anymore|trying any more)(?=$| anymore| any more| now| for good| i m| i can t| tbh)",
        r"\b(?:no way out|only (?:one )?way out|one way out)(?: of (?:any of |all of )?(?:this|it|it all|everything|life|here))?\b(?! (?:is|was) (?:through|to))"
        + _WAY_OUT_OF_SOMETHING,
        r"\bsee (?:a|any|no) way out(?: of (?:any of |all of )?(?:this|it|it all|everything|life|here))?\b"
        + _WAY_OUT_OF_SOMETHING,
        r"\b(?:can t|cannot|can not|don t|do not|no longer) see (?:any|a|much of a|no|my) (?:future|way forward|reason to (?:live|go on|carry on|stay))(?: for (?:me|myself))?(?=$| anymore| any more| at all| and| i | it s| tbh| for (?:me|myself))",
        r"\b(?:don t|do not|can t|cannot) see myself (?:being )?(?:around|here|alive|still here|making it|getting through|lasting|growing old|getting old|getting older|living|reaching \d+|making it to \d+)\b",
        r"\b(?:don t|can t|do not|cannot|no longer|fail to) see (?:the|any) point(?: (?:in|of) (?:anything|it all|life|living|trying|carrying on|going on|being here|me|even trying|any of it|anything at all))?(?=$| anymore| any more| any longer| at all| now| tbh| honestly| i m| i just)",
        r"\bwhat(?: s| is)? (?:even )?the point (?:of|in) (?:even )?(?:living|life|going on|carrying on|anything|me|it all|existing|being alive|being here|waking up|getting up|even trying|my life|trying anymore)\b(?! (?:if|when|unless|because|without|the|a|this|that)\b)",
        r"\b(?:no|not (?:much |any |really any |really much )?|(?:don t|do not|can t|cannot|doesn t|didn t|couldn t) (?:see )?(?:any|much|the)|much|little) point (?:in |to |of )?(?:me |my )?(?:living|being alive|being here|existing|staying alive|carrying on|going on|waking up|life|existence|still being here)\b",
        r"\bpoint (?:of|in|to) me\b(?=$| anymore| any more| being| at all| tbh| i )",
        # Not wanting to be here or to exist, wishing not to wake up, and passive wishes ("I hope a
        # bus hits me", "I wouldn't care if I didn't wake up").
        r"\b(?:shouldn t|should not|don t deserve to|do not deserve to|not meant to|wasn t meant to|never should have|don t deserve to still) (?:be alive|live|exist|have been born|been born|still be here|be on this earth|be breathing|be here(?=$| anymore| any more| at all))\b",
        r"\b(?:want|wanna|wish i could|just want|need) to (?:fade away|disappear|vanish|cease to exist|not be here|melt away|drift away|slip away)(?=$| forever| for good| and| completely| tbh| now| from (?:everything|everyone|the world|this world|existence))",
        r"\b(?:want|wanna|wish|need|going|gonna|ready) to be gone (?:for good|forever|permanently)\b",
        r"\bwant out(?: of (?:it all|everything|life|this life|this world|here))?(?=$| for good| i | and | but | now| tbh| already| of everything)",
        r"\b(?:don ?t|do not|dont) want to be here (?:anymore|any more|any longer)\b",
        r"\b(?:don t|do not|dont|don t really|no longer) (?:want|wanna) to be here\b(?! (?:when|all|at|for|until|till|on|in|tonight|late|again|if|while|with|after|before|today|by|during|this|next)\b)",
        r"\b(?:don t|do not|dont) (?:want|wanna) to do (?:this|it|life|any of this|this anymore) (?:anymore|any more|any longer)\b|\b(?:don t|do not) (?:want|wanna) to do this(?=$| i | it s| anymore)",
        r"\bdon t (?:think|know if) i (?:want|wanna) to be (?:here|alive|around)(?: anymore| any more| any longer| much longer)?$",
        r"\b(?:sleep|go to sleep|asleep|fall asleep|drift off) and (?:never|not) (?:have to )?(?:wake up|wake again)\b",
        r"\b(?:(?:want|wanna|wanting|just want|need|ready) to|wish i could|i d like to|i could just) (?:go to )?(?:sleep|rest) (?:forever|for good|permanently|for ever)\b|\beternal sleep\b",
        r"\b(?:hope|hoping|wish|wishing|want|wanting|wanna|pray|praying|care if|mind if|be nice if|be good if|be easier if|be better if|sleep and|asleep and)\b(?: \w+){0,3}? (?:never|not|don t|didn t|do not|did not|won t) (?:wake|waking|woke) (?:up|again)\b(?! (?:the|my|him|her|them|everyone|anyone|the kids|the baby|early|late|on time|in time for)\b)",
        r"\b(?:hope|hoping|wish|wishing|wouldn t mind|would not mind|wouldn t care|would not care|don t care|do not care|not bothered|pray|praying|want|wanna)\b(?: \w+){0,4}? (?:(?:a|the) (?:bus|car|lorry|train|van|truck|taxi|tram) (?:hits|would (?:just )?hit|will (?:just )?hit|runs over|would (?:just )?run over|knocks|would (?:just )?knock|ran over|hit|would come and hit) me|(?:get|got|gets|getting|be|was|were) (?:hit|run over|knocked (?:down|over)|killed|mown down) by (?:a|the) (?:bus|car|lorry|train|van|truck|taxi|tram)|(?:i )?(?:get|got|be) (?:killed|hit by|run over)|(?:i )?(?:just )?drop dead|(?:i )?(?:don t|didn t|never) (?:come|make it) (?:home|back)|something (?:bad |terrible )?(?:happens|would happen|happened) to me|(?:the plane|it|my heart) (?:crashes|would crash|stops|would stop))\b",
        r"\b(?:care|mind|matter|bothered)s? (?:if|whether) i (?:live|die|m alive|m dead|wake up|survive|make it)\b",
        r"\b(?:disappear|vanish|go away|leave|walk off|walk away|run away|walk out|fade away|slip away|go|going|head|heading|drive|driving|walk|walking)\b(?: \w+){0,4}? (?:and|to) (?:not|never) (?:come|coming) back\b(?!.{0,40}\b(?:lol|haha|joking|jk|spain|holiday|abroad|retire)\b)",
        r"\bdisappear (?:forever|for good|permanently|completely and)\b|\b(?:vanish|disappear|fade away) and (?:not|never) (?:exist|be found|come back)\b",
        r"\b(?:i|me|myself|to|and|just|could)(?: \w+)? (?:not|stop|cease to|never|didn t|did not|don t|wouldn t) exist(?:ing|ed)?\b(?! (?:in|as|on|for|without|anymore in|at)\b)",
        r"\b(?:wish|if only) (?:i d|i had|i) (?:never|not) (?:been )?born\b",
        r"\b(?:relief|blessing|easier|better|peaceful|nice|lovely|kinder)\b(?: \w+){0,2}? (?:not to|to not|to never|never to) (?:wake up|be here|exist|be alive|live|wake again)\b",
        r"\b(?:don t|do not|stopped|no longer|can t) car(?:e|ing) (?:what happens to me|if i live|whether i live|if i m alive|whether i m alive|about (?:myself|living|my life|staying alive|being alive)|if i wake up)\b",
        r"\bwish i (?:d|had) (?:never|not) (?:woken|woke) up\b|\bwish i (?:hadn t|didn t|did not) wake up\b",
        r"\b(?:want|need|wish for|just want|longing for) (?:peace|rest|sleep|quiet) (?:forever|for good|permanently|for ever)\b|\beternal (?:rest|peace)\b",
        r"\bhate (?:being alive|existing|waking up(?: every| each| in the)|still being alive|still being here|that i m alive|that i woke up)\b",
        r"\bif i (?:wasn t|weren t|was not|were not|wasnt|werent) (?:here|around|alive|in the picture)\b",
        r"\bif i (?:was|were|m|am|had) (?:gone|dead|not here|not around|no longer here|no longer around|never been born)\b(?! (?:for|on|to) )",
        # Giving up, letting go, thinking about death, wanting to be with someone who has died.
        r"\b(?:(?:ready|going|gonna|want|wanna|about|decided) to give up on (?:everything|life|myself|it all)|giv(?:en|ing) up on (?:everything|it all)(?=$| now| completely| tbh))\b",
        r"\bto be with (?:my )?(?:\w+ ){1,2}(?:who died|who passed|who s gone|who s passed|in heaven|on the other side)\b|\bbe with (?:him|her|them) (?:in heaven|on the other side)\b",
        r"\b(?:think|thinking|thought|thoughts|dream|dreaming|obsess\w*|fantasi[sz]\w*) (?:about|of) (?:dying|being dead|my (?:own )?death|not being here|not existing|not waking up|ending it|ending my life)\b",
        r"\b(?:keep|always|constantly|can t stop) (?:thinking|dreaming) (?:about|of) death\b|\b(?:think|thinking) (?:about|of) death (?:all the time|constantly|every day|a lot)\b",
        r"\bready to give up(?=$| now| on everything| on life| completely| for good)",
        r"\b(?:not|no longer|isn t|never) (?:scared|afraid|frightened) of (?:dying|death|being dead)\b|\b(?:welcome|embrace|long for|longing for|look forward to|can t wait for|pray for|wish for|ready for) (?:death|dying|the end)\b(?! of (?:the|this|that)\b)",
        r"\b(?:ready|time|going|want|wanna) to let (?:go|myself go)(?=$| now| of (?:life|everything|it all|this life|this world))",
        r"\bi (?:give|m giving|am giving) up on (?:everything|life|myself|it all|living)\b",
        r"\b(?:wish|want|wanna|ready|long|longing|can t wait|need|going) to (?:be|go|join) (?:with|to)? ?(?:my )?(?:late|dead|departed|lost) \w+\b|\b(?:join|joining|be with|see) (?:my )?\w+ (?:in heaven|on the other side|again soon)\b",
        r"\bg(?:ive|iving|ave|iven) up on (?:life|living|being alive|staying alive|existing)\b",
    ),
    Category.HARM_FROM_OTHERS: (
        # Physical abuse: an abuse verb with "me" or a child as its object, by a partner, relative,
        # carer or "he"/"she"/"they", with the idioms ("pushed me to chair the group", "threw me under
        # the bus", "beat me at chess") left out; and what it leaves behind.
        rf"\b{_PERP}{_AUX} (?:{_ABUSE_VERB} {_KIDS}\b{_NOT_ASSAULT}|{_PUSH_VERB} {_KIDS}\b{_NOT_PUSHED})",
        rf"\b{_PERP}{_AUX} (?:keeps |has |s )?{_ABUSE_VERB} (?:me )?(?:around|about|up|down|black and blue)\b(?<!pushed me up)",
        rf"\b{_PERP}{_AUX} (?:threw|throws|thrown|throwing|hurled|hurls|chucked|chucks|lobbed|swung) (?:a|the|his|her|their|my|hot|boiling)? ?(?!(?:question|questions|idea|ideas|curveball|look|glance|comment|comments|challenge|task|tantrum|party|wobbly|strop|ball|frisbee|pillow|cushion|teddy|toy|snowball|sweets?|treat|kiss|smile|wink|bone|lifeline)\b)\w+ (?:at|to) (?:me|my \w+|the kids|the children)\b",
        rf"\b{_PERP}{_AUX}(?: \w+){{1,4}}? (?:and|then|before he|before she) (?:{_ABUSE_VERB}|{_PUSH_VERB}) {_KIDS}\b{_NOT_ASSAULT}",
        rf"\b{_PERP}{_AUX} (?:{_ABUSE_VERB}|{_PUSH_VERB}) (?:walls|the wall|things|doors|the door|furniture)\b(?: \w+){{0,2}}? (?:and|then) (?:then )?(?:me|at me)\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:squeezes|squeezed|grabs|grabbed|twists|twisted|pinches|pinched|yanks|yanked|pulls|pulled|digs into|dug into) my (?:arm|arms|wrist|wrists|hair|neck|throat|face|jaw|leg)\b(?!.{{0,30}}\b(?:to get my attention|gently|playfully|to stop me|to help|to pull me back|to steady me)\b)",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:punched|punches|kicked|kicks|smashed|smashes) (?:a hole in|through|in) (?:the|a) (?:wall|door|window)\b.{{0,30}}\b(?:my head|my face|next to me|near me|by my head)\b",
        rf"\b(?:he|she|they|my (?:\w+ )?{_REL})(?: s| is| was| has been| s been| can be| gets| got| becomes| turns| turned| keeps getting| are| re)(?: \w+)? (?:violent|abusive|aggressive|controlling|threatening|dangerous(?! (?:in|at|on|with|behind|around) (?!home\b|me\b|us\b|the kids\b)))\b(?! (?:dog|behaviour policy)\b)"
        + _JOKING,
        rf"\b{_PERP}{_AUX} (?:broke|broken|fractured|cracked|split|burst|bust|busted) my (?:arm|nose|ribs?|jaw|wrist|finger|fingers|leg|cheekbone|eye socket|lip|head|collarbone|teeth|tooth|skull)\b|\b(?:gave|give|gives) me (?:a )?(?:black eye|fat lip|split lip|bloody nose|bruises|concussion)\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:smashing|smashed|smashes|trashing|trashed|trashes|wrecking|wrecked|breaking|broke|kicking|kicked|punching|punched|banging|banged) (?:up |in )?(?:the place|the flat|the house|the home|the door|the doors|the walls?|everything|holes in|my (?:phone|stuff|things|door|flat|house|windows?|car))\b",
        r"\b(?:grabbed|grabs|held|holds|pinned|pins|dragged|drags|shoved|shoves|pushed|pushes|threw|throws) me (?:by the (?:throat|neck|hair|arm|arms|wrist)|down|against (?:the|a) wall|to the (?:floor|ground)|into (?:the|a) wall|across the room|out of the (?:house|flat|car))\b",
        r"\b(?:squeezed|squeezes|squeezing|grabbed|grabs|put (?:his|her|their) hands? (?:round|around|on)) my (?:neck|throat)\b",
        r"\b(?:came|come|comes|coming|turned up|turns up|arrived) (?:home |back |in |to school |to nursery )?(?:with|covered in) (?:bruises|bruising|marks|a black eye|black eyes|burns|injuries|cuts)\b",
        r"\babusive (?:partner|husband|wife|boyfriend|girlfriend|relationship|ex|dad|father|mum|mother|son|home|household|family)\b",
        r"\b(?:pushes|pushed|pushing|shoves|shoved) me around\b",
        # Said without the one who did it: "I was attacked", "I've been raped", "beaten by my
        # partner", a stranger.
        rf"\b(?:being|been|was|got|getting|were|am|i m) (?:abused|beaten|beaten up|hit|kicked|punched|slapped|hurt|threatened|attacked|assaulted|raped|strangled|choked|pushed|controlled|bullied) by (?:my|her|his|their|our) (?:\w+ )?{_REL}\b",
        r"\b(?:i m|i am|i was|i ve been|i have been|i ve|i got|i get|i keep getting|i ve got|me|we re|we were|we ve been|we are|we got|i d been|i had been)(?: (?:being|been|getting|got|just|badly|sexually|physically|repeatedly|also|nearly|almost|violently)){0,2} (?:abused|beaten|beaten up|assaulted|raped|attacked|strangled|groped|molested|battered|mugged|stabbed|punched|stalked|harassed|trafficked|exploited|groomed|pimped out|followed home|followed(?! on\b))\b(?! (?:by (?:the|a) (?:council|system|rise|bill|cuts?|news|emails?))\b)",
        r"\b(?:raped|sexually abused|abused me|molested me)\b",
        r"\b(?:someone|somebody|(?:a|the|some|this|that|two|three|a group of|a gang of|a couple of) (?:man|men|guy|guys|bloke|blokes|lad|lads|woman|women|stranger|strangers|gang|boys|youths|teenagers|dealers?))\b(?: \w+){0,6}? (?:{ABUSE}|{PUSH}) me\b".replace(
            "{ABUSE}", _ABUSE_VERB
        ).replace("{PUSH}", _PUSH_VERB)
        + _NOT_ASSAULT
        + _NOT_PUSHED,
        # Threats: to kill or hurt, to take the kids, death threats, reported ("he says he'll kill me
        # if I leave") or tied to leaving or telling; weapons.
        rf"\b{_PERP}(?: \w+){{0,4}}? (?:threatening|threatens|threatened|intimidating|intimidates|intimidated|harassing|harasses|harassed|terrorising|terrorises|bullying|bullies|scaring|scares) (?:me|us|my kids|the kids|my children|my family)\b(?! with (?:legal|court|eviction|a fine|action|bailiffs|the bailiffs|a letter|a complaint|the ombudsman))",
        r"\bthreaten\w* (?:to )?(?:kill|hurt|harm) (?:himself|herself|themselves)\b(?: \w+){0,4}? (?:if i (?:leave|go|end it|break up|tell)|and (?:me|us|the kids))\b",
        r"\bthreaten(?:ed|s|ing)? (?:to |that (?:he|she|they) (?:will|ll|d|would) )?(?:kill|hurt|stab|beat|batter|burn|shoot|strangle|take the kids|take my kids|have me|throw me out|put me in hospital|do me in|smash|break|torch|set fire to) (?:me|us|my|the kids|my kids|my children|the children|everyone|her|him|the (?:house|flat|place|home)|our (?:house|flat|home))\b",
        r"\b(?:says|said|saying|told me|tells me|telling me|threaten\w*|swore|swears|keeps saying|warned me|warns me|promised|texted|texts|text|messaged|messages|messaging|posted|shouted|screamed)\b(?: \w+){0,8}? (?:he|she|they|he s|she s|they re|he ll|she ll|they ll|he d|she d|they d|someone|somebody|they will|he will|she will|he would|she would|they would)(?: (?:will|would|d|ll|re|s|is|are|was|were|going to|gonna|actually|really|definitely|come round and|come and|get someone to|have someone))? (?:(?:kill|murder|hurt|stab|beat|batter|burn|shoot|strangle|smash|break|cut|kick|do in|finish|end|rape|attack|knife|torch|petrol bomb|get|come for|find) (?:me|us|my|the kids|my kids|my children|the children)|(?:burn|torch|smash up|set fire to|petrol bomb) (?:the|my|our) (?:flat|house|place|home|car|door)|put me in (?:hospital|a box|the ground|a wheelchair)|acid attack)\b"
        + _JOKING,
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:tried|tries|trying|try|going|gonna|wants|want|is going|s going|threatened|threatens|threatening|swore|swears|promised|means) (?:to )?(?:(?:kill|murder|strangle|stab|shoot|smother|drown|poison|burn|do) (?:me|us|my kids|the kids|my children)|run (?:me|us) over|push me (?:down|off|out))\b(?! (?:if i m late|for (?:being late|missing|forgetting)|when (?:he|she|they) (?:sees|finds out about the)))",
        r"\b(?:kill|hurt|stab|beat|batter|burn|shoot|do) (?:me|us)(?: \w+){0,2}? if i (?:leave|left|tell|told|talk|talked|speak|spoke|go to|went to|call|ring|report|try to leave|ever leave|leave him|leave her|say anything|tell anyone|call the police)\b",
        r"\bwith (?:me|us|my kids|the kids) (?:still )?(?:in(?:side)? (?:it|there)|inside)\b",
        rf"\b{_PERP}{_AUX} (?:slammed|slams|smashed|smashes|banged|bangs|hit|hits|knocked|pushed|shoved|threw|bashed|bashes|rammed|rams) my (?:head|face) (?:into|against|on|off|through)\b",
        r"\b(?:bruises|bruised|bruising|black eye|black eyes|marks|cuts|burns|injuries|scars)\b(?: \w+){0,2}? (?:from|because of|off|where) (?:him|her|them|my (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|stepdad|mum|son|brother|carer)|he|she)\b",
        r"\b(?:i m|i am|i ve been|i was|been|being|getting|got) (?:being )?threatened by (?!the council\b|the landlord\b|my landlord\b|the housing\b|the bailiffs\b|eviction\b)\w+",
        r"\b(?:regret it|be sorry|pay for it|pay for this|suffer) if (?:i|you) (?:leave|left|tell|told|go to the police|call the police|report|talk|speak|ever leave)\b",
        rf"\b(?:held|holds|holding|put|puts|pressed|presses|pointed|points|pointing|pulled|pulls) (?:a|the|his|her|their) {_WEAPON} (?:to|at|against|on|in) (?:my|me|us)\b",
        r"\b(?:sending|sent|send|sends|getting|got|receiving|received|had|keep getting) (?:me )?death threats\b|\bdeath threats (?:from|off) (?:my|him|her|them|he|she)\b",
        r"\bthreaten\w* to (?:\w+ ){0,3}?take (?:the|my|our) (?:kids|children|baby|son|daughter)\b",
        r"\b(?:brick|bricks|stone|stones|rock|rocks|bottle|petrol bomb|firework|fireworks|eggs)\b(?: \w+){0,3}? (?:through|at) (?:my|our) (?:window|windows|door|front door)\b|\b(?:be back|coming back|come back) for (?:me|us|my kids)\b",
        r"\b(?:i m|i am|you re|you are|we re|we are) dead if (?:i|you|we) (?:go to|tell|talk|call|ring|report|leave|grass|snitch|say anything|speak)\b",
        r"\bif i (?:leave|left|tell|told|go|call|report|talk|speak)\b(?: \w+){0,5}? (?:he|she|they)(?: ll| will| d| would| s going to| is going to)? (?:take|have|get|keep) (?:the|my|our) (?:kids|children|baby|son|daughter)(?: taken| off me| away)?\b",
        rf"\b{_PERP}(?: s| has| have| re| is| was| came at me| comes at me| come at me)?(?: got| holding| pulled| pulling| waving| brandishing| carrying| with| threatened me with| pointed| pointing)(?: a| the| his| her| their)? {_WEAPON}\b",
        rf"\b(?:came|comes|coming|come|went|goes) (?:at|for) me with (?:a|the|his|her) {_WEAPON}\b",
        # Fear and danger at home: scared to go home, scared of my partner, hiding, someone trying to
        # get in.
        rf"\b(?:fled|flee|fleeing|run away from|ran away from|running away from|escaped|escape|escaping|get away from|got away from|hide from)\b(?: \w+){{0,3}}? (?:because of|from) (?:him|her|them|my (?:\w+ )?{_REL})\b|\b(?:fled|fleeing|flee) (?:domestic|from domestic)\b",
        r"\b(?:someone|somebody|he|she|they|a man|some men|people|a group|my ex)(?: s| is| are| re| was| were| keeps| kept| has been| s been)? (?:trying to|tried to|attempting to|keeps trying to) (?:get|break|force (?:their|his|her) way|kick (?:the|my) door) in(?:to)?(?: (?:my|the|our) (?:flat|house|home|room|door))?\b",
        r"\b(?:scared|afraid|frightened|terrified|too scared|petrified) (?:to go|of going|to be|of being) (?:back )?home\b(?! (?:in the dark|late|at night|after dark|alone at night|through the (?:park|estate|underpass|woods))\b)(?!.{0,50}\b(?:damp|mould|mold|leaks?|ceiling|roof|boiler|rats|mice|flood\w*|fire|gas|electrics|structur\w*|collapse|lights?|lighting|stairwell|dark)\b)",
        r"\b(?:scared|afraid|frightened|terrified|petrified|fear|fearing|fearful) (?:of|for) my (?:life|safety|kids safety|children s safety)\b",
        rf"\b(?:scared|afraid|frightened|terrified|petrified|worried)(?: that)? {_PERP} (?:will|ll|is going to|s going to|are going to|re going to|might|may|could|would|d|is gonna|s gonna) (?:kill|hurt|hit|beat|find|attack|stab) (?:me|us|my kids|the kids)\b",
        rf"\b(?:scared|afraid|frightened|terrified|petrified)(?: that)? (?:he|she|they|my (?:\w+ )?{_REL})(?: ll| will| might| is going to| s going to| could| ll just| will just)? (?:come back|come round|find (?:me|us|out where)|get in|turn up|track me down|hurt the kids|take the kids)\b",
        rf"\b(?:scared|afraid|frightened|terrified|petrified) of (?:my|our) (?:\w+ )?{_REL}\b(?! s\b)(?! (?!(?:hitting|hurting|beating|killing|coming|finding|attacking|getting|doing|raping|touching|grabbing|kicking|punching)\b)\w+ing\b)",
        r"\b(?:scared|afraid|frightened|terrified|petrified) of (?:him|her|them) (?:coming (?:back|home|round)|finding (?:me|us|out))\b",
        r"\b(?:he|she|they|he s|she s|they re)\b.{0,40}\b(?:banging|kicking|hammering|pounding|smashing|shouting|screaming)\b.{0,60}\b(?:scared|frightened|terrified|petrified)\b",
        r"\b(?:hiding|hid|locked myself|barricaded myself|barricaded) (?:in|inside) (?:the |my |a )?(?:bathroom|bedroom|toilet|loo|cupboard|wardrobe|kitchen|room|car)\b|\bhiding from (?:him|her|them|my \w+)\b",
        r"\b(?:i m|i am|we re|we are|my kids are|the kids are|i feel|i don t feel) (?:not safe|unsafe|in danger|at risk|safe) (?:at home|here|in (?:my|the|our) (?:house|flat|home)|from (?:him|her|them|my \w+))\b(?<!i feel safe at home)(?<!i feel safe here)|\b(?:not safe|unsafe) (?:at home|in my (?:own )?home)\b",
        # Coercive control: not allowed out, won't let me, money and phone taken, tracked and watched,
        # locked in, cut off from family.
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:controls|controlled|controlling|decides|decided|chooses|dictates|tells me) (?:everything|what i (?:wear|eat|spend|do)|who i (?:see|talk to)|where i (?:go|am)|all the money|the money|my money|my life)\b",
        rf"\b{_PERP}(?: \w+){{0,3}}? (?:won t|will not|just won t|doesn t|does not|never) leave me alone\b(?! (?:while|about|when|until|till|to)\b)|\b{_PERP}(?: \w+){{0,3}}? (?:turns up|turning up|turned up|shows up|keeps turning up|keeps showing up) (?:everywhere|at my|outside my|at work|wherever i)\b",
        r"\bcontrolling (?:partner|husband|wife|boyfriend|girlfriend|relationship|ex)\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:makes|made|forces|forced|gets|got) me (?:to )?(?:give|hand over|sign over|transfer|pay)\b(?: \w+){{0,3}}? (?:money|wages|benefits|pension|card|bank|pay|salary|savings)\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:checks|check|checking|tracks|track|tracking|monitors|monitoring|wants to know|demands to know|needs to know|has to know|texts|calls|rings) (?:where i am|where i m going|where i ve been|who i m (?:with|talking to|texting|seeing)|who i see|who i talk to|what i spend|every \w+ i (?:go|spend))\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:won ?t|will not|doesn t|does not|never|wouldn t|would not|don t|isn t|is not|s not|aren t|are not|re not) (?:let|allow|letting|allowing) me (?:to )?(?:leave|go out|out(?=$| of the (?:house|flat|home|room|bedroom)| on my own| alone| without)|go anywhere|see (?:my )?(?:friends|family|mum|dad|sister|brother|kids)|have (?:money|my own|a phone|any money|friends|a key|keys|access|a bank account)|talk to anyone|speak to anyone|work|use the phone|call anyone|phone anyone|contact anyone|spend|sleep|eat|wear|drive|go to (?:work|the doctor|the doctors|the gp|hospital|college|church|the shops))\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:won t|doesn t|does not|never|refuses to|will not|wouldn t|would not) (?:give|let) me (?:have )?(?:any )?(?:money|cash|food|my (?:money|wages|benefits|card|pension|medication|meds|keys|passport)|access|a key)\b",
        r"\b(?:tracker|tracking app|tracking device|spyware|spy app|airtag|gps)\b(?: \w+){0,4}? (?:on|in) my (?:phone|car|bag|coat|keys)\b",
        rf"\b{_PERP}(?: \w+){{0,6}}? (?:watch|watches|see|track|tracks|monitor|monitors|check|checks|know|knows) (?:what i do|where i go|where i am|who i see|who i talk to|everything i do|who i m with)\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:steals|stole|stealing|nicks|nicked|robs|robbed|robbing) (?:from me|money (?:off|from) me|my (?:money|pension|benefits|bank card|card|wages)|me)\b",
        r"\b(?:won ?t|will not|doesn t|does not|never|wouldn t|would not|isn t|is not|s not) (?:let|allow|letting|allowing) me (?:to )?(?:leave the (?:house|flat|home)|go out|out of the (?:house|flat)|go anywhere|see (?:my )?(?:friends|family|mum|dad|sister|brother|kids)|have (?:any )?(?:money|my own money|a phone|friends)|talk to anyone|contact anyone)\b",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:stops|stopped|stopping|keeps|kept|keeping) me (?:from )?(?:seeing|going out|leaving|working|having|talking to|speaking to|contacting|calling|phoning)\b(?! (?:early|on time))",
        r"\b(?:i m|i am|i was|i ve been|i|we re|we are|we|the kids are|me)(?: \w+)? (?:not|n t|never) allowed (?:out|to (?:go out|leave|go anywhere|see (?:my )?(?:friends|family|mum|dad|sister|brother)|have (?:money|my own|a phone|friends|any money)|work|phone anyone|call anyone|contact anyone|speak to anyone|talk to anyone|eat|sleep|wear))\b",
        rf"\b{_PERP}(?: \w+){{0,3}}? (?:checks|check|checking|checked|goes through|go through|going through|went through|reads|reading|monitors|monitoring|monitored|tracks|tracking|tracked|controls|control|controlling|controlled|takes|take|took|taken|taking|hides|hid|hiding|smashed|smashes|smashing|broke|breaks|breaking|destroyed|destroys|stole|steals|stolen|withholds|withheld|confiscated|keeps hold of|cut up) (?:all )?(?:of )?(?:my|the|our) (?:phone(?! for me)|phones|messages|texts|location|whatsapp|social media|money|bank card|bank cards|card|cards|bank|bank account|wages|benefits|pension|universal credit|pip|passport|keys|car keys|documents|id|purse|wallet|medication|meds|tablets|inhaler|finances|post|sim card|laptop|charger)\b(?!(?: \w+)? (?:to (?:get|have|be|fix|repair|charge|the)|for (?:repair|repairs|fixing|me|a)|back)\b)",
        rf"\b{_PERP}(?: \w+){{0,2}}? (?:keeps|kept|keeping|holds|held) me (?:locked (?:in|up)|prisoner|hostage|trapped|inside|in the (?:house|flat|room|bedroom))\b",
        r"\b(?:have to|got to|must) ask (?:him|her|them|his|permission)\b(?: \w+){0,3}? (?:to buy|for money|before i (?:go|see|spend|buy|leave)|if i can (?:go|see|leave|buy|spend|eat))\b|\bhave to ask (?:him|her|them) (?:for|to) (?:buy )?(?:food|money|the money)\b",
        r"\b(?:following|stalking|stalked|stalks|harassing|harassed|harasses|watching|spying on|tracking|tracked) me\b(?! (?:on (?:twitter|instagram|facebook|tiktok|social media|x|linkedin|the app)|up|around the (?:meeting|room|office)|with interest)\b)",
        r"\bmy ex (?:is|s|keeps|was|has been|s been|keeps on|turned|turns|keeps turning)(?: \w+){0,2}? (?:outside|turning up|turned up|showing up|coming round|waiting|watching|following|at my)\b",
        r"\b(?:isolat\w*|cut) me off from (?:my )?(?:friends|family|everyone|everybody|my mum|my kids)\b",
        r"\block(?:s|ed|ing)? me (?:in|out|up)\b(?! (?:of (?:the )?(?:meeting|group|chat|system|account|portal)))",
        # Sexual abuse.
        r"\b(?:made|makes|forced|forces|pressured|pressures|pressurised) me (?:to )?do (?:things|stuff|something|sexual things|sexual stuff)\b(?: \w+){0,2}? (?:i (?:didn t|don t|did not|do not) want|i wasn t comfortable|against my will)|\bagainst my will\b",
        r"\b(?:forced|forces|forcing|made|makes|pressured|pressures|pressuring|pressurised|coerced|coerces) me (?:to |into )?(?:have sex|sex|sleep with|do (?:sexual|stuff|things) (?:with|to)|perform|touch (?:him|her|them))\b|\b(?:forced|forces) (?:himself|herself|themselves) on me\b",
        r"\bhad sex with me (?:when|after|even though|while) (?:i|i d) (?:said no|was asleep|was drunk|didn t want)\b|\bwhen i said no\b.{0,40}\b(?:sex|forced|made me)\b",
        rf"\b(?:my|our) (?:\w+ (?:s )?)?(?:{_REL}|teacher|coach|tutor|boss|manager|colleague|priest|vicar|imam|youth worker|leader|friend|mate|doctor|instructor)(?: \w+)? (?:touched|touches|touching|molested|molests|groped|gropes|interfered with|abused|abuses) me\b",
        r"\b(?:touched|touches|touching|groped|interfered with) me (?:inappropriately|when i was|down there|as a (?:child|kid)|in my sleep|without)\b",
    ),
}
# Topic words: a disclosure when said of oneself, the work when said of training, leaflets and
# asking residents. They count unless the words just before them frame them as a subject that is
# being discussed (see _DISCUSSED) or the word after makes a compound ("suicide prevention").
_TOPICS: dict[Category, tuple[str, ...]] = {
    Category.EXPLICIT: (
        r"\b(?:my|a|the) suicide (?:attempt|attempts|plan|plans|note|bid)\b",
        r"(?<!political )(?<!career )(?<!commercial )(?<!electoral )(?<!professional )(?<!social )(?<!was )(?<!be )(?<!\ba )(?<!the )(?<!his )(?<!her )(?<!their )(?<!another )(?<!recent )\bsuicid\w*\b(?! (?:prevention|awareness|training|mission|missions|squad|bomb\w*|vest|vests|doors?|rates?|statistics|stats|figures|strategy|policy|policies|leaflets?|helplines?|hotline|charity|charities|postvention|bereavement|first aid|risk assessments?|intervention|safer|safe|alertness|audit|partnership|research|watch|cluster|clusters|data)\b)",
    ),
    Category.SELF_HARM: (
        r"\bself ?harm\w*\b(?! (?:prevention|awareness|training|policy|policies|leaflets?|service|services|team|pathway|protocol|research|guidance|resources|support group|figures|data)\b)",
    ),
    Category.HARM_FROM_OTHERS: (
        # Someone else's disclosure relayed by a worker who is with them ("her partner hit her
        # again"): counted, unless it is a report of work already done ("my client disclosed
        # that her partner hits her, so I followed the policy").
        rf"\b(?:her|his|their) (?:\w+ )?{_REL}{_AUX} (?:{_ABUSE_VERB}|{_PUSH_VERB}) (?:her|him|them|the kids|the children|the baby)\b{_NOT_BODY}{_NOT_ASSAULT}{_NOT_PUSHED}",
        rf"\b(?:my|our|the) (?:\w+ (?:s )?)?{_REL}{_AUX} (?:{_ABUSE_VERB}|{_PUSH_VERB}) (?:them|him|her)\b{_NOT_BODY}{_NOT_ASSAULT}{_NOT_PUSHED}",
        r"\b(?:domestic (?:violence|abuse)|coercive control|rape|sexual(?:ly)? assault\w*)\b(?! (?:awareness|training|policy|policies|leaflets?|champion|champions|services?|team|housing|caseworkers?|case workers?|workers?|hub|unit|advisers?|advisors?|specialists?|panel|board|network|project|practitioners?|pathway|protocol|research|guidance|forum|strategy|coordinator|co ordinator|officer|lead|week|month|campaign|course|session|workshop|figures|data|charity|charities)\b)",
    ),
}
# The words just before a topic word that make it the subject of work or study: "training on
# spotting domestic abuse", "asking residents about coercive control", "how to ask someone about
# self-harm", "lost a tenant to suicide". A first-person word in between ("talking to my GP about
# self-harm") keeps the topic counting.
_DISCUSSED = re.compile(
    r"\b(?:ask|asks|asking|asked|talk|talking|talked|speak|speaking|spoke|training|trained|train|course|session|sessions|workshop|spotting|spot|recognising|recognise|recognize|recognizing|tackling|tackle|signs of|awareness of|preventing|prevent|reducing|reduce|covered|cover|covering|covers|discuss|discussed|discussing|policy on|leaflet on|leaflets on|research on|raise awareness of|talk on|briefing on|screening for|lost (?:\w+ ){0,3}to|died by|death by|bereaved by|deaths from|cases of|disclosures? of|referrals? for|specialist in|worker for|workers for|read|reading|book|books|article|documentary|podcast|film|essay|assignment|dissertation|module|lecture|lectures|studying|study|learning|learn|learnt|taught|teaching|campaign|charity|guidance|webinar|seminar|conference|presentation|toolkit|work in|work on|work with|working in|working on|working with|works in|specialise in|specialising in|job in|e learning|elearning|clinic|service for|services for|support for|group for|helpline for|policy|procedure|protocol|referral|referrals)\b(?: (?!(?:i|me|my|myself|i m|i ve)\b)\w+){0,3} ?$"
    r"|\b(?:people|someone|somebody|anyone|those|residents|tenants|clients|patients|students|kids|children|men|women|a person|young people|girls|boys|(?:my|our|his|her|their|a) (?:son|daughter|friend|friends|client|tenant|resident|child|kid|brother|sister|colleague|nephew|niece|grandson|granddaughter|pupil|student))(?: who| that| with)?(?: s| is| are| was| were| has| have| had| ve| d)?(?: been| started| stopped)?(?: (?:experienced|experiencing|suffered|suffering|survived|surviving|faced|facing|been through|going through|affected by|at risk of|living with|fleeing|escaping|having|attempted|attempts|committed|tried|died by|considered|considering|threatened|talks about|talked about|mentioned|disclosed|self))? ?$"
    r"|\b(?:a|the|one of (?:my|our)|our|another|my) (?:resident|residents|tenant|tenants|client|clients|family|families|woman|women|man|men|person|people|neighbour|young person|young people|service user|service users|patient|patients|colleague|mum|dad|girl|boy)\b(?: (?!(?:i|me|my|myself|i m|i ve)\b)\w+){0,3} (?:disclosed|disclosing|reported|reporting|mentioned|experiencing|experienced|suffering|fleeing|fled|affected by|living with|at risk of|told me about|talked about|spoke about|spoke of|said|says|told me)(?: \w+){0,2} ?$"
)

# The one signal that several messages together can add up to. The first-person "I feel like I'm
# a burden" is strong on its own (above); these are weaker and common in ordinary hard weeks.
_WEAK = (
    r"\bhopeless\b",
    r"\bworthless\b",
    r"\b(?:can ?t|cannot|cant) cope\b",
    r"\b(?:i m|im|i am|feel|feeling) (?:so )?(?:trapped|empty|numb|alone)\b",
    r"\b(?:i m|i am|im|feel like|i feel like) (?:such )?a burden\b",
    r"\b(?:i have|i ve got|i got) no (?:hope|future)\b|\bno future for me\b",
    r"\bg(?:ive|iving|ave|iven) up on (?:everything|myself)\b",
    r"\bnothing (?:matters|left)\b",
    r"\bdark (?:place|thoughts)\b",
    r"\b(?:i m|i am) at (?:my )?breaking point\b",
    r"\b(?:i m|i am|i feel like i m) falling apart\b",
    r"\b(?:exhausted|drained) (?:all the time|with everything|by everything)\b",
    r"\bcrying (?:every|all) (?:day|night)\b",
    r"\bi (?:can t|cannot) keep going\b",
    r"\bit s (?:all )?too much\b",
    r"\bi hate (?:myself|my life|being me)\b",
    r"\b(?:nobody|no one|noone) (?:cares|listens|understands)\b",
    r"\b(?:had enough|sick|tired) of (?:it all|everything)\b",
    r"\bdeserve(?:s)? (?:better|more) than (?:a \w+ like )?me\b",
    r"\b(?:can t|cannot) (?:stop crying|see a way|sleep)\b",
    r"\bi m (?:so |completely |totally )?(?:broken|lost|done)\b",
    r"\b(?:want|wanna|need) (?:it|this) (?:all )?to (?:end|stop|be over)\b",
    r"\bnothing (?:to look forward to|will ever (?:get better|change|improve))\b",
    r"\bi (?:give up|m giving up)$",
    r"\bi m (?:so |just |really )?(?:done|finished)$",
    r"\bnot (?:going to |gonna )?fight (?:it|this|on) (?:anymore|any more|any longer)\b",
)


def _needs(pattern: str) -> tuple[str, ...]:
    """Strings at least one of which is in any text ``pattern`` matches; empty if none found.

    Read off the parsed pattern, keeping only what every match must contain, so checking them
    with ``in`` can never skip a match. On a long message that is far cheaper than running the
    pattern: most patterns need a word ("myself", a medicine's name) the message doesn't have.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import sre_constants
        import sre_parse
    found = _needed(sre_parse.parse(pattern), sre_constants)
    return tuple(found) if found and min(map(len, found)) >= 3 else ()


def _needed(items: Any, op_codes: Any) -> list[str] | None:
    """What a sequence of parsed items needs: a run of literal characters, or the needs of a
    group, of a repeat that happens at least once, or of every branch of an alternation."""
    best: list[str] | None = None
    run = ""
    for op, arg in items:
        if op == op_codes.LITERAL:
            run += chr(arg)
            continue
        best, run = _better(best, [run] if run else None), ""
        found: list[str] | None = None
        if op == op_codes.SUBPATTERN:
            found = _needed(arg[-1], op_codes)
        elif op == op_codes.BRANCH:
            branches = [_needed(branch, op_codes) for branch in arg[1]]
            if all(branches):
                found = [need for branch in branches if branch for need in branch]
        elif op in (op_codes.MAX_REPEAT, op_codes.MIN_REPEAT) and arg[0] >= 1:
            found = _needed(arg[2], op_codes)
        best = _better(best, found)  # anything else (\b, lookarounds, classes) needs nothing
    return _better(best, [run] if run else None)


def _better(first: list[str] | None, second: list[str] | None) -> list[str] | None:
    """Of two sets of needs (both hold), the cheaper useful one: fewest strings of 3+ letters."""
    if not first or not second:
        return first or second

    def score(needs: list[str]) -> tuple[bool, int, int]:
        shortest = min(map(len, needs))
        return shortest >= 3, -len(needs) if shortest >= 3 else shortest, shortest

    return max(first, second, key=score)


@dataclass(frozen=True)
class _NeedIndex:
    """Which patterns could match a text, from the strings they need (see ``_needs``).

    Checking each need once per message with ``in`` and taking the union is far cheaper than
    asking, pattern by pattern, whether any of its needs is present: with several hundred
    patterns that per-pattern loop was most of the check's time.
    """

    always: tuple[int, ...]  # patterns with no usable need: always tried
    by_need: tuple[tuple[str, tuple[int, ...]], ...]

    @classmethod
    def of(cls, patterns: tuple[str, ...]) -> _NeedIndex:
        always: list[int] = []
        by_need: dict[str, list[int]] = {}
        for number, pattern in enumerate(patterns):
            needs = _needs(pattern)
            if not needs:
                always.append(number)
            for need in needs:
                by_need.setdefault(need, []).append(number)
        return cls(tuple(always), tuple((k, tuple(v)) for k, v in by_need.items()))

    def candidates(self, normal: str) -> list[int]:
        """The patterns worth running on ``normal``, in their original order."""
        found = set(self.always)
        for need, numbers in self.by_need:
            if need in normal:
                found.update(numbers)
        return sorted(found)


_COMPILED: dict[Category, tuple[re.Pattern[str], ...]] = {
    c: tuple(re.compile(p) for p in ps) for c, ps in _PATTERNS.items()
}
_INDEX = {c: _NeedIndex.of(tuple(ps)) for c, ps in _PATTERNS.items()}
_TOPICS_COMPILED: dict[Category, tuple[re.Pattern[str], ...]] = {
    c: tuple(re.compile(p) for p in ps) for c, ps in _TOPICS.items()
}
_TOPICS_INDEX = {c: _NeedIndex.of(tuple(ps)) for c, ps in _TOPICS.items()}
_WEAK_COMPILED = tuple(re.compile(p) for p in _WEAK)
_ORDER = (Category.EXPLICIT, Category.SELF_HARM, Category.HARM_FROM_OTHERS, Category.INDIRECT)

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
# Each emoji of a means becomes its word and a marker, so "ready to go 🪢" can be told from a typed
# "ready to go, rope for the tug of war is in the car".
_EMOJI = {
    "🔪": " knife knifeemoji ",
    "💊": " pills pillemoji ",
    "🪢": " rope ropeemoji ",
    "⚰️": " dead coffinemoji ",
    "⚰": " dead coffinemoji ",
    "🪦": " dead graveemoji ",
    "🩸": " blood ",
    "🔫": " gun gunemoji ",
}
_MISSPELLINGS = {
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
_SQUASHED = {
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
_G_DROPPED = re.compile(
    r"\b(kill|topp|cutt|hurt|harm|burn|scratch|end|want|think|feel|plann|hang|drown|stabb|starv|bleed|jump|overdos|hitt|punch|bang|bit|slapp|kick|chok|strangl|smash|threaten|follow|stalk|abus|giv|say|hid|carv|slash|slic|unaliv|dy|go|gett|try|liv|wak|exist|noth|someth|offin|hop|wish|cry)in\b"
)
# A short run of characters (a letter, an emoji, "ha") repeated three or more times. Tried at
# each place with at most eight lengths and no nesting, so it stays one pass over any input.
_REPEATED = re.compile(r"(.{1,8}?)\1{2,}", re.DOTALL)
_DOUBLED = re.compile(r"(.)\1")
# Slang and spellings that span two words.
_PHRASES = re.compile(r"\bsewer ?slides?\b|\bsue ?icide\b|\bsooey ?side\b")


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, with look-alikes and noise folded away."""
    text = _REPEATED.sub(r"\1\1", text)  # "💊💊💊💊" -> "💊💊", "hahaha" -> "haha", "sooo" -> "soo"
    for emoji, word in _EMOJI.items():
        text = text.replace(emoji, word)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    # Leetspeak only inside words ("k1ll", "su1c1de"), so "116 123" and "2 pm" stay numbers; "!"
    # only between letters ("k!ll"), so "help!" stays a word and a mark. A run of digits is tried
    # from its start only, which keeps "1" * 100000 one scan rather than n squared.
    text = re.sub(
        r"(?<=[a-z])[013457@$]+|(?<![013457@$])[013457@$]+(?=[a-z])|(?<=[a-z])!+(?=[a-z])",
        lambda m: m[0].translate(_LEET),
        text,
    )
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)  # "sooooo" -> "soo", "killlll" -> "kill"
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", " ")
    words = [_MISSPELLINGS.get(word, _squashed(word)) for word in text.split()]
    text = " ".join(_without_repeats(words))
    text = _G_DROPPED.sub(r"\1ing", text)
    text = _PHRASES.sub("suicide", text)
    # "my self" is "myself", except in "my self-harm", "my self-esteem".
    return re.sub(
        r"\bmy self\b(?! (?:harm|injur|hate|hatred|loathing|worth|esteem|care|confidence|doubt))",
        "myself",
        text,
    )


def _without_repeats(words: list[str]) -> list[str]:
    """The words with any run of three or more copies of a phrase (up to eight words) cut to two.

    No pattern needs a phrase three times, and a flood of "he he he ..." or of emoji is otherwise
    the slowest input there is: every pattern is tried at every copy.
    """
    kept: list[str] = []
    for word in words:
        kept.append(word)
        for size in range(1, 9):
            if (
                len(kept) >= 3 * size
                and kept[-1] == kept[-1 - size] == kept[-1 - 2 * size]
                and kept[-size:] == kept[-2 * size : -size] == kept[-3 * size : -2 * size]
            ):
                del kept[-size:]
                break
    return kept


def _squashed(word: str) -> str:
    """A stretched risk word folded back ("diie" -> "die"); any other word unchanged."""
    if len(word) > 24 or not _DOUBLED.search(word):
        return word
    return _SQUASHED.get(re.sub(r"(.)\1+", r"\1", word), word)


def _search(category: Category, normal: str) -> Hit | None:
    patterns = _COMPILED[category]
    for index in _INDEX[category].candidates(normal):
        match = patterns[index].search(normal)
        if match:
            return Hit(category, match[0])
    topics = _TOPICS_COMPILED.get(category)
    if topics is None:
        return None
    for index in _TOPICS_INDEX[category].candidates(normal):
        for match in topics[index].finditer(normal):
            if not _DISCUSSED.search(normal, max(0, match.start() - 80), match.start()):
                return Hit(category, match[0])
    return None


def _check(normal: str) -> Hit | None:
    if not normal:
        return None
    for category in _ORDER:
        hit = _search(category, normal)
        if hit is not None:
            return hit
    return None


def check(text: str) -> Hit | None:
    """The first category whose patterns match, most serious first."""
    return _check(normalise(text))


def _weak(normal: str) -> int:
    return sum(1 for pattern in _WEAK_COMPILED if pattern.search(normal))


def weak_signals(text: str) -> int:
    """How many weaker distress cues a message holds (counted over several messages)."""
    return _weak(normalise(text))


def check_with_history(text: str, recent: list[int]) -> tuple[Hit | None, list[int]]:
    """``check``, plus weak cues accumulated over the last few messages; the updated trail."""
    normal = normalise(text)
    trail = [*recent, _weak(normal)][-WEAK_WINDOW:]
    hit = _check(normal)
    if hit is None and sum(trail) >= WEAK_THRESHOLD and trail[-1] > 0:
        hit = Hit(Category.INDIRECT, "several distress cues over recent messages")
    if hit is not None:
        trail = []  # answered with a card: start counting afresh
    return hit, trail
