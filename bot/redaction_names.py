"""People's names and street addresses, for the redactor (see ``bot/redaction.py``).

No statistical model (none installs offline from PyPI with verifiable files): rules over the
words of a message that together catch the names people write in reflections, tuned to stay
quiet on the capitalised words housing text is full of (Council, Tenants' Association, Monday).

* A title and what follows: "Mrs Okafor", "Cllr Jane Smith", "Dr. Patel", "Sgt Pritchard".
* A gazetteer of first names of the UK's communities (British, Irish, Caribbean, South Asian,
  Somali and Arabic, West and East African, Polish and Eastern European, Chinese...), with up to
  two capitalised words after it as the surname: "Priya said", "I rang Sean Murphy". Texters
  often write names in lower case ("its kev"), so a listed name counts in lower case too, unless
  it is also an everyday word ("mo", "will").
* Names that are also everyday words (Will, Mark, Grace, Hope) count only with a surname or a
  cue (below): "Will Hughes", "Grace from the TRA", but not "Will you come?".
* Cues for names the gazetteer lacks: a capitalised word that a role or contact word comes
  before ("my neighbour Derek", "the carer, Bisi", "spoke to Nkechi") or that a reporting verb
  or a detail comes after ("Kasia said", "Godfrey from the men's shed", "Aoife (a@b.org)",
  "Thandiwe's kids"), or that is joined by "and" to a name ("Sade and Femi").
* What keeps ordinary words out: a list of capitalised words that never start a name (days,
  months, pronouns, departments, places); a sentence's first word needs a speech verb after it
  ("Kasia said", but "Blame keeps us comfortable" stays); words that end like plurals or nouns
  ("Residents said", "Inspection at Flat 6") or follow "the" or another capitalised word
  ("The Rose and Crown", "Community Resources told") are not taken on a cue; and a name
  followed by a place or organisation word ("Grace Church", "Victoria Tower") is not a person.
  Unlisted words need three letters ("I'm Jo from the TRA" stays: too short to tell).

Addresses: a house number and a street name with a street word ("14 Elm Road", "6 cedar
grove"), flat, block and house numbers ("Flat 3", "flat 12b", "Block C", "no. 27"), named blocks
and estates ("Nightingale House", "the Broadwater Farm estate"), and a flat with its block or
street as one span ("Flat 5, Wren House", "flat 22 harrow tower", "Block D, Flat 27").

Every regex here is anchored on a word boundary and either matches at one position or is
possessive, so each runs in one pass; the cues look at a bounded window around a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.redaction import Recogniser, Span

# --- word lists ----------------------------------------------------------------------------
_TITLES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Cllr Councillor Rev Revd Father Fr Sister Sir Dame Prof Professor Lord "
    "Lady Sgt PC DC Insp Inspector Officer Imam Pastor Rabbi Canon Auntie Aunty Uncle".split()
)
# Titles written in lower case by texters; not "miss" or "sister", which are everyday words.
_LOWER_TITLES = frozenset("mr mrs ms dr cllr auntie aunty uncle".split())

# Everyday words that are also first names: only with a surname or a cue.
_AMBIGUOUS = frozenset(
    "Will Mark Bill Grace Hope Joy Rose May June Faith Dawn Summer Amber Jack Pat Sunny Ray "
    "Rob Guy Frank Drew Chase Angel Holly Ivy Robin Carol Sandy Penny Hazel Jade Ruby Crystal "
    "Victoria Florence Georgia Chelsea Sterling Royal Star Sue Jan Said Max Miles Olive Violet "
    "Daisy Pearl Iris Patience Mercy Charity Gift Memory Prudence Honour".split()
)
# Listed names that are also lower-case words: in lower case they need a cue ("mo said").
_WORDLIKE = _AMBIGUOUS | frozenset(
    "Mo Dean Lee Harry Nick Noel Heather Terry Jean Jay Precious Blessing Yaw Na Li Lily "
    "Jasmine Kay Dee Del Ade Bola Reg Lance Matt Warren Dale Dev Mike Ken Josh".split()
)
_GAZETTEER = frozenset(
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

    Abbie Aimee Albert Alfie Alfred Alistair Allan Alma Andre Angus Annette Archie Audrey Austin
    Becky Bernadette Bert Betty Bev Billy Bobby Bradley Brendan Bronwen Bruce Bryony Caitlin
    Carolyn Cathy Cecilia Charles Cheryl Christina Clara Clare Claudia Clifford Clive Connie
    Corinne Courtney Curtis Dan Daniela Danny Darrell Daryl Dave Davina Debbie Delroy Denis Desmond
    Dionne Donald Doreen Doris Douglas Dwayne Edith Edwin Eileen Elijah Ellen Elliot Elsie Errol
    Esme Evan Everton Evie Ewan Fay Frances Francis Freda Freddie Gail Geoff Geoffrey Georgina
    Gerry Gina Gladys Glenn Godfrey Graeme Gwen Harold Hayley Helena Hilary Hollie Howard Hugh
    Hugo Iain Ian Imogen Irene Jackie Jacqueline Janine Jeanette Jeff Jemma Jenna Jesse Jill Jim
    Jimmy Joanna Jodie Johnny Jon Josephine Josie Jude Judy Julian Karl Kath Kathleen Kathryn
    Katrina Kayleigh Keeley Keisha Kelvin Ken Kenny Kev Kyle Lance Larry Leanne Lenny Leonard
    Leroy Leslie Lewis Libby Lindsay Lindsey Lionel Lloyd Lois Louis Louisa Lydia Lynda Lynne
    Mabel Maddie Madison Malcolm Mandy Marcia Marcus Margaret Marian Marilyn Marion Marlon Martha
    Matt Mavis Maxine Melanie Mervyn Michaela Mick Mike Mildred Millie Molly Monica Morris Muriel
    Nancy Nathaniel Neville Nicky Noel Norman Ollie Pam Paulette Percy Pete Phil Phyllis Polly
    Rachael Ralph Raymond Reg Reggie Rhian Rhiannon Rhona Ricky Robbie Rodney Roger Ron Ronald
    Ronnie Rory Rosie Ross Roy Russell Ruth Sadie Scott Shane Shannon Shaun Shauna Shelley Sid
    Sidney Simone Stan Stanley Stella Stewart Suzanne Sylvia Tammy Tanisha Tasha Ted Terence Tess
    Theo Thelma Theresa Tommy Tracy Trevor Troy Tyrone Val Vera Vernon Vicky Vince Walter Warren
    Wilfred Winifred Winston Yvonne Zac

    Aisling Aoife Brid Caoimhe Cathal Colm Conor Cormac Darragh Deirdre Donal Eimear Eoin Fergal
    Grainne Mairead Niall Niamh Oisin Orla Padraig Roisin Ronan Saoirse Seamus Tadhg
    Cerys Dafydd Eilidh Euan Ffion Fraser Gethin Huw Iwan Lachlan Mhairi Morag Owain Rhodri Sian
    Catriona Ailsa

    Aarav Aarti Abida Adil Afzal Aftab Akash Akbar Alia Amandeep Amar Amarjit Amjad Anand Anjali
    Ankit Arif Arun Asif Asma Ashok Atif Ayaan Azhar Babar Balbir Baljit Bhavna Bushra Chandra
    Deepa Deepak Dilip Farhan Farida Farzana Gagan Gita Gurpreet Gurdeep Harjit Harpreet Hina
    Irfan Ishaan Jagdish Jas Jaspreet Jaswinder Jatinder Kamran Kiran Kuldeep Lakshmi Manjit
    Manoj Mehreen Mina Mohan Mukesh Nadeem Naveed Navdeep Nazia Neelam Nisha Parveen Pradeep
    Prakash Preeti Rajinder Rajiv Rakesh Ramesh Ranjit Rashida Rehana Ritu Rohan Sabina Sajid
    Salma Samir Sanjay Sarita Shabana Shahid Shaheen Shakil Shazia Shilpa Sonia Sukhvinder Sunil
    Sunita Suresh Tahir Tanvir Uzma Vijay Vinod Waqar Zubair

    Abdi Abdirahman Abdullahi Abdulkadir Amal Anas Asad Ayan Aziz Bashir Deqa Fadumo Faduma
    Fartun Fawzia Habiba Hamid Hani Hawa Hibo Hodan Hussein Idil Idris Ilhan Jamal Khalid Mahad
    Maryam Muna Nasra Nawal Qasim Rahma Ruqayyah Sagal Salah Sami Samira Shukri Sumaya Yasin
    Zahra Zakaria Zeinab

    Abena Abimbola Adaobi Ade Adewale Akosua Ama Ayo Ayodele Babajide Bisi Bola Chiamaka Chidinma
    Chika Chinedu Chioma Damilola Ebere Efua Ekow Esi Femi Folake Funmi Funmilayo Gbenga Ife
    Ifeanyi Ikenna Jide Kojo Kunle Kwabena Kwadwo Kwaku Kwesi Lola Ngozi Nkechi Nnamdi Nneka Obinna
    Olumide Oluwaseun Oluwatobi Segun Seun Sola Temi Tobi Tolu Uche Ugo Yaw Yemi Thandiwe Sipho
    Andile Themba Nomvula Zanele Chipo Farai Tatenda Kudzai Rudo Tafadzwa Wanjiru Njeri Otieno
    Kamau Akinyi Amani Baraka Imani Zawadi Abel Dawit Eyob Kidane Meron Mulu Semhar Senait
    Tesfaye Yonas Yohannes Selam Osman

    Agata Agnieszka Aleksander Aleksandra Andrzej Artur Beata Dariusz Danuta Dominika Edyta
    Elzbieta Elżbieta Ewa Ewelina Grzegorz Halina Irena Iwona Jacek Janusz Jolanta Justyna Kamil
    Karolina Kasia Katarzyna Krystyna Krzysztof Lukasz Łukasz Maciej Magdalena Marek Mariusz Marta
    Michal Michał Monika Natalia Pawel Paweł Piotr Przemek Radek Renata Slawomir Stanislaw Szymon
    Urszula Wiktoria Witold Wojciech Zbigniew Zofia Zuzanna
    Alexandru Andrei Cristina Florin Gabriela Ioana Ionut Mihai Mihaela Nicoleta Oana Radu Raluca
    Razvan Vasile Valentina Agne Aiste Darius Egle Ieva Jonas Lukas Mantas Rasa Tomas Vytautas
    Alexei Anastasia Andriy Dmitri Dmytro Irina Ivan Katya Lena Natasha Nikolai Oksana Olena Olga
    Sergei Sergey Svetlana Tatiana Vladimir Yulia Yuri

    Bao Hui Jie Jing Lan Lei Li Ling Mei Na Qiang Wei Xiao Xin Xiu Yan Ying Yong Yun Zhen Hao Anh
    Linh Minh Thanh Tuan Huong Hoa Trang Yuki Kenji Hiroshi Akiko
    Ahmet Ayse Aysel Burak Deniz Elif Emre Fatma Hakan Hatice Kemal Murat Ozlem Serkan Zeynep
    Dilan Baran
    Carlos Juan Jose Luis Miguel Pedro Pablo Javier Diego Lucia Carmen Francisco Joao João Paulo
    Rui Tiago Ines Beatriz Giovanni Marco Luca Giulia Chiara Alessandro Matteo Paola Lorenzo
    Rafael Fernando Mariana Pierre Claude Patrice Didier Fabrice Christelle Nadine Sandrine
    Clarence Laurence Lawrence Constance Fred Mel Avril Karin Gus Moses Agnes Jules Dolores
    Mercedes
    """.split()
)
_FIRST_NAMES = _GAZETTEER | _WORDLIKE

# Capitalised words that never start a name, even with a cue: they begin sentences, name days,
# places, departments and groups, or follow a name as a verb.
_NOT_NAMES = frozenset(
    """
    The A An And But Or So If As At By For From In Into Of On Onto To With Without About After
    Before Over Under Since Until While When Where Which Who Whom Whose What Why How Than Then
    There Here This That These Those It Its He She We They You I Me My His Her Our Their Your Him
    Them Us Everyone Everybody Someone Somebody Nobody Anyone Anybody Noone People Both All Some
    Most Many Few None Nothing Everything Something Anything Each Every Either Neither Another
    Other Others One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next
    Today Tonight Yesterday Tomorrow Morning Afternoon Evening Night Week Weekend Month Year Now
    Later Soon Also Just Still Maybe Perhaps Honestly Sorry Thanks Thank Hi Hello Hiya Hey Dear Yes
    No Yeah Please Yet Again Already Always Never Sometimes Often Anyway Well Oh Ok Okay Is Was Are
    Were Be Been Has Had Have Do Does Did Can Could Should Would Must Might Shall Says Told Asked
    Went Came Got Made Felt Think Thought Know Knew Feel Need Needs Want Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Mondays Tuesdays
    Wednesdays Thursdays Fridays Saturdays Sundays January February March April July August
    September October November December Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Christmas
    Easter Eid Ramadan Diwali Iftar Hanukkah Vaisakhi Holiday Holidays Bank New Eve Council
    Councils Councillor Councillors Housing Homes Home Association Associations Team Teams Panel
    Board Office Offices Centre Center Service Services Hub Forum Group Groups Committee Trust
    Partnership Network Project Programme Policy Strategy Standard Standards Act Law Laws Charter
    Fund Voice Scrutiny Satisfaction Measures Review Report Survey Consultation Plan Universal
    Credit Benefit Benefits Allowance Tax Rent Rents Repairs Repair Complaint Complaints
    Safeguarding Asset Assets Management Lettings Finance Legal Reception Security Environmental
    Health Adult Adults Social Care Children Childrens Family Families Neighbourhood Neighbourhoods
    Community Communities Equality Impact Assessment Fire Police Ambulance Ombudsman Regulator
    Regulation Government Department Ministry Parliament Mayor Mayors Chief Executive Director
    Directors Head Manager Managers Officer Officers Chair Chairs Lead Leads Staff Resident
    Residents Tenant Tenants Leaseholder Leaseholders Landlord Landlords Patient Patients Client
    Clients Member Members Neighbour Neighbours Colleague Colleagues Contractor Contractors Worker
    Workers Volunteer Volunteers Nurse Doctor Doctors Case Cases Visit Visits Referral Referrals
    Address Postcode Email Mobile Phone Tel Telephone Contact Contacts Form Forms Letter Letters
    Note Notes Quick Update Handover Supervision Debrief Feedback Learning Reflection Reflecting
    Reflections Looking Left Right Ladder Inference Column Whys Decent Section Stage Ground Level
    Floor Room Block Flat Flats House Houses Tower Towers Court Estate Estates Road Street Lane
    Avenue Close Way Walk Park Square Hall Church Chapel Mosque Temple Gurdwara Synagogue School
    College University Hospital Surgery Practice Library Station Town City Village Borough Ward
    County North South East West Northern Southern Eastern Western Central Upper Lower Old Great
    Little Royal Saint St London Leeds Manchester Birmingham Bristol Cardiff Belfast Glasgow
    Edinburgh Liverpool Sheffield Newcastle Nottingham Leicester Bradford Hull Coventry Salford
    Harrogate Lambeth Hackney Camden Islington Southwark Croydon Brent Newham Kensington
    Westminster Tottenham Brixton Peckham Oldham Bolton Wigan Stockport Luton Reading Oxford
    Cambridge Swansea Dundee Aberdeen Derry Wales Scotland England Ireland Britain British English
    Welsh Scottish Irish Europe European Africa African Asia Asian America American Caribbean
    Ukraine Ukrainian Poland Polish Nigeria Nigerian Ghana Ghanaian Somalia Somali Jamaica Jamaican
    Pakistan Pakistani India Indian Bangladesh Bangladeshi Romania Romanian China Chinese Hong Kong
    Syria Syrian Afghanistan Afghan Eritrea Eritrean Sudan Sudanese Iraq Iraqi Iran Iranian Turkey
    Turkish Kurdish Congo Congolese Zimbabwe Zimbabwean Kenya Kenyan Arabic Urdu Punjabi Bengali
    Sylheti Gujarati Tamil Cantonese Mandarin Portuguese Spanish French Italian German Russian
    Lithuanian Latvian Muslim Christian Hindu Sikh Jewish Catholic Windrush Grenfell God Allah
    Latin Greek Hebrew Persian Farsi Dari Pashto Tigrinya Amharic Swahili Yoruba Igbo Hausa Twi
    Lingala Albanian Czech Slovak Hungarian Bulgarian Victorian Georgian Edwardian Elizabethan
    Deputy Assistant Senior Acting Interim Principal BAME Covid Coronavirus Zoom WhatsApp Facebook
    Telegram Twitter Instagram TikTok Google Microsoft Outlook Excel Gmail Hotmail Amazon Tesco
    Asda Lidl Aldi Argos LinkedIn YouTube Snapchat NHS GP UK OT Mind Shelter Crisis Age Citizens
    Advice Bureau Jobcentre Work Pensions
    """.split()
)

# Words that open a sentence before a name ("Honestly Marguerite is the only one who listens"):
# a capital there does not make the two one proper noun.
_OPENERS = frozenset(
    """
    Honestly Anyway Then Maybe Perhaps So But And Also Today Yesterday Luckily Thankfully Sadly
    Unfortunately Apparently Obviously Basically Eventually Finally Later Afterwards Now Still
    Even Only Because When If Whether Although Though Once Since Until While Yes No Oh Well Hi
    Hey Dear Thanks Sorry Ok Okay Yeah Plus Meanwhile Again
    """.split()
)
# Colours that describe ethnicity ("Black, Asian and minoritised"): never a name on their own,
# but still a surname after a first name ("Cilla Black").
_NOT_ALONE = frozenset("Black White Brown Mixed".split())
# A word after a name that makes the whole a place or an organisation: "Grace Church",
# "Victoria Tower", "Frank Bailey Community Hall".
_PLACE_OR_ORG = frozenset(
    """
    House Houses Tower Towers Court Road Rd Street St Lane Avenue Ave Close Estate Park Centre
    Center Hall Church Chapel Mosque Temple School College University Hospital Surgery Library
    Station Team Panel Board Council Association Group Forum Committee Trust Partnership Network
    Project Foundation Fund Charter Service Services Office Unit Hub Club Society Community Housing
    Homes Ltd Limited Plc UK Way Walk Gardens Square Place Terrace Crescent Drive Grove Green
    Heights Mansions Lodge Point Buildings Villas Primary Academy Law Act Award Report Review
    Programme Scheme Medical Practice Arms Inn Bridge Market Quay Wharf Gate
    """.split()
)
# Lower-case name particles between a first name and a surname: "Sophie van der Berg".
_PARTICLES = frozenset("de da di del della van von der den le la al el bin ibn".split())


# --- words -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int  # before a possessive "'s", which is not part of the name
    text: str
    possessive: bool


# Letters, with inner apostrophes and hyphens: "O'Brien", "Kerry-Ann", "Wiśniewska". Possessive
# repeats and the lookbehind (no start inside a word) keep it one pass over any input.
_TOKEN = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:['\u2019\-][^\W\d_]++)*+")
_NAME_PARTS = re.compile(r"['\u2019\-]")


def _words(text: str) -> list[_Word]:
    words = []
    for m in _TOKEN.finditer(text):
        word, end = m.group(), m.end()
        possessive = len(word) > 2 and word[-2] in "'\u2019" and word[-1] == "s"
        if possessive:
            word, end = word[:-2], end - 2
        words.append(_Word(m.start(), end, word, possessive))
    return words


def _is_cap(word: str) -> bool:
    """Capitalised like a name: "Okafor", "McDonald", "O'Brien", "Łukasz"; not "ASB", "I" or
    a contraction ("I'm", "Don't")."""
    if not word[0].isupper() or not any(c.islower() for c in word):
        return False
    tail = _NAME_PARTS.split(word)[-1]
    return tail == word or word[-len(tail) - 1] == "-" or not tail.islower()


def _listed(word: str) -> str | None:
    """The gazetteer form of ``word`` ("Kerry-Ann" -> "Kerry"), or None if it is not listed.
    In lower case only a whole word counts ("alice-at-home" is a user name, not a name)."""
    first = _NAME_PARTS.split(word, maxsplit=1)[0] if _is_cap(word) else word
    for form in (word, first):
        if form.islower() or _is_cap(form):
            key = form[0].upper() + form[1:].lower()
            if key in _FIRST_NAMES:
                return key
    return None


def _gap(text: str, left: _Word, right: _Word) -> str:
    return text[left.end : right.start]


def _sentence_start(text: str, word: _Word) -> bool:
    """Whether ``word`` opens a sentence (or a line, or follows a colon)."""
    window = max(0, word.start - 8)
    before = text[window : word.start].rstrip(" \t\"'(\u201c\u2018")
    if not before:
        return window == 0
    return before[-1] in ".!?:;\r\n\u2026-*\u2022\u2013\u2014"  # and list items, dashes


# --- cues ----------------------------------------------------------------------------------
_ROLE = (
    r"neighbours?|friend|colleague|manager|boss|son|daughter|partner|husband|wife|boyfriend|"
    r"girlfriend|mum|mom|mother|dad|father|brother|sister|nan|nana|gran|granny|grandad|grandson|"
    r"granddaughter|grandmother|grandfather|caretaker|officer|councillor|landlord|landlady|"
    r"tenant|resident|lodger|flatmate|housemate|worker|gp|doctor|nurse|teacher|chair|secretary|"
    r"treasurer|carer|cousin|aunt|auntie|uncle|niece|nephew|ex|interpreter|translator|advocate|"
    r"therapist|solicitor|surveyor|inspector|caseworker|coordinator|co-facilitator|facilitator|"
    r"supervisor|volunteer|health visitor|midwife|name|OT|MP|called|named|known as|aka"
)
# Before a word: a role ("the carer, Bisi"), a contact ("spoke to", "texted"), an introduction
# ("its kev", "this is"), or "at" before a possessive home ("at Tasha's").
_BEFORE_STRONG = re.compile(
    rf"(?:\b(?:{_ROLE})[,:]?"
    r"|\b(?i:spoke|speak|speaking|talked|talking|chatted|spoken)(?: to| with)"
    r"|\b(?i:rang|phoned|texted|emailed|messaged|met|visited|thanked|told|tell|asked|ask|"
    r"copied in|cc'd|cc|checked with|check in with|in with|wrote to|apologise to|reached|"
    r"it's|this is|i'm|im|i am|it's me|me and)"
    # "its" introduces a texter ("hi its kev") but is a possessive in prose ("its Deputy CEO").
    r"|(?:\A|(?i:hi|hey|hiya|hello|yo|ok|sorry),? )(?i:its)(?: me,?)?)"
    r" \Z"
)
# Weaker, after a capitalised word inside a sentence (where a capital already marks a proper
# noun): an auxiliary or a common verb, "I felt that Gaurav was dismissive".
_AFTER_WEAK = re.compile(
    r" (?:is|was|has|had|isn't|wasn't|hasn't|hadn't|doesn't|didn't|won't|can't|couldn't|"
    r"wouldn't|will|would|could|did|does|seems|seemed|got|gets|came|went|left|tried|started|"
    r"stopped|made|took|listens|listened|spoke|looks|sat|stood)\b"
)
# Before a lower-case name that is also a word ("mo said"): where a texter's clause starts.
_BEFORE_LOWER = re.compile(
    r"(?:\A|[.!?,;:\n] ?|\b(?i:and|but|then|so|cos|coz|because|when|if|me|n) )\Z"
)
# Weaker: before a capitalised word that is not a sentence's first and not an everyday word.
_BEFORE_WEAK = re.compile(r"\b(?:with|than|when|until|from) \Z")
# What people do when they talk or feel: strong enough after a sentence's first word.
_SPEECH_VERBS = (
    r"said|says|say|told|tells|asked|asks|rang|rings|phoned|phones|called|calls|emailed|emails|"
    r"texted|texts|messaged|wrote|writes|replied|wants|wanted|thinks|thought|reckons|felt|feels|"
    r"cried|laughed|shouted|smiled|nodded|explained|agreed|agrees|disagreed|complained|"
    r"mentioned|suggested|admitted|promised|insisted|answered|sent|lives|lived|translated|"
    r"turned up|arrived|chaired"
)
# What organisations and ideas do too ("Blame keeps us comfortable"): only inside a sentence.
_ACTION_VERBS = (
    r"sends|helped|helps|handled|reported|reports|offered|offers|gave|gives|pointed|shared|"
    r"declined|refused|confirmed|cancelled|kept|keeps|fixed|brought|looked|seemed|sounded|knows|"
    r"knew|raised|returns|returned|joined|presented|showed|needs|needed"
)
_AUXILIARY = (
    r"has|had|is|was|will|would|just|also|then|never|always|has been|had been|didn't|doesn't|"
    r"did not|does not|can't|won't|wasn't|isn't"
)
# After a word: a detail in brackets, "from the ...", an address, "and I", "who".
_AFTER_DETAIL = (
    r"| \((?:\+|[0-9]|[^()\s]*+@)"
    r"| from (?:the |[A-Z])"
    r"| (?:at|in) (?:[Ff]lat|[Nn]o\.? ?[0-9]|[0-9]{1,4}[A-Za-z]? [A-Z])"
    r"| and (?:I|me)\b"
    r"|,? (?:who|whose) "
    r"| (?:upstairs|downstairs|next door)\b"
)
_AFTER = re.compile(rf" (?:(?:{_AUXILIARY}) )?(?:{_SPEECH_VERBS}|{_ACTION_VERBS})\b{_AFTER_DETAIL}")
_AFTER_SPEECH = re.compile(rf" (?:(?:{_AUXILIARY}) )?(?:{_SPEECH_VERBS})\b{_AFTER_DETAIL}")
# After a possessive name: a relative or something personal ("Thandiwe's kids").
_POSSESSED = re.compile(
    r" (?:mum|dad|mother|father|son|daughter|kids|children|child|baby|boyfriend|girlfriend|"
    r"husband|wife|partner|brother|sister|nan|gran|grandson|granddaughter|cousin|aunt|uncle|"
    r"niece|nephew|family|manager|carer|landlord|neighbour|friend|details|email|number|phone|"
    r"mobile|flat|house|home|door|room|tenancy|point|view|anger|experience|case)\b"
)


def _cued_before(text: str, word: _Word, *, weak: bool) -> bool:
    window = text[max(0, word.start - 30) : word.start]
    if _BEFORE_STRONG.search(window):
        return True
    if word.possessive and window.endswith(("at ", "round ")):
        return True
    return weak and _BEFORE_WEAK.search(window) is not None


def _cued_after(text: str, last: _Word, *, speech_only: bool = False) -> bool:
    if last.possessive:
        return _POSSESSED.match(text, last.end + 2) is not None
    return (_AFTER_SPEECH if speech_only else _AFTER).match(text, last.end) is not None


# Nouns, not names: "Inspection at Flat 6", "Learning from today".
_NOUN_ENDING = re.compile(r"(?:tion|sion|ment|ness|ance|ence|ity|ing|ism|ship|ology)\Z")


def _plural_like(word: str) -> bool:
    """Ends like a plural noun ("Residents", "Voices", "Ideas"), not "Marcus" or "Curtis"."""
    return word.endswith(("es", "eas")) or (
        len(word) > 3 and word[-1] == "s" and word[-2] not in "aiouys'"
    )


# --- names -----------------------------------------------------------------------------------
def _extend(text: str, words: list[_Word], i: int) -> int:
    """The index of a name's last word: up to two capitalised words (a surname) after word i,
    with particles between them ("van der")."""
    last, taken = i, 0
    j = i + 1
    while j < len(words) and taken < 2 and not words[last].possessive:
        if _gap(text, words[j - 1], words[j]) != " ":
            break
        word = words[j].text
        if word in _PARTICLES and j + 1 < len(words):
            j += 1
            continue
        if not _is_cap(word) or word in _NOT_NAMES or word in _PLACE_OR_ORG:
            break
        last, taken, j = j, taken + 1, j + 1
    return last


def _place_or_org_follows(text: str, words: list[_Word], last: int) -> bool:
    if last + 1 >= len(words):
        return False
    gap = _gap(text, words[last], words[last + 1])
    return gap in (" ", "'s ", "\u2019s ") and words[last + 1].text in _PLACE_OR_ORG


def _after_proper_noun(text: str, words: list[_Word], i: int) -> bool:
    """An unlisted word after another capitalised word ends an organisation's name ("Community
    Resources told", "Adult Matter brought"); a person's name would have started earlier."""
    if i == 0 or _gap(text, words[i - 1], words[i]) != " ":
        return False
    before = words[i - 1].text
    return _is_cap(before) and before not in _TITLES and before not in _OPENERS


def _after_the(text: str, word: _Word) -> bool:
    """Names do not follow "the" ("The Rose and Crown"); a role comes between ("the carer")."""
    return text[max(0, word.start - 4) : word.start] in ("the ", "The ")


_SAINT = re.compile(r"\b(?:St|Saint)\.? \Z")


def _after_saint(text: str, word: _Word) -> bool:
    """St Mary's, St Thomas': a church or hospital, not a person."""
    return _SAINT.search(text[max(0, word.start - 7) : word.start]) is not None


def _titled(text: str, words: list[_Word], i: int) -> int | None:
    """The start of a title just before word i ("Mrs", "Dr."), or None."""
    if i == 0:
        return None
    title, word = words[i - 1], words[i].text
    if (title.text not in _TITLES and title.text not in _LOWER_TITLES) or title.possessive:
        return None
    if _gap(text, title, words[i]) not in (" ", ". "):
        return None
    if word in _NOT_NAMES or word in _PLACE_OR_ORG:
        return None
    if _is_cap(word) or (title.text in _LOWER_TITLES and _listed(word)):
        return title.start
    return None


def _is_name(text: str, words: list[_Word], i: int, last: int) -> bool:
    """Whether words[i..last] is a name by the gazetteer or a cue (see the module notes)."""
    word = words[i]
    listed = _listed(word.text)
    if _after_saint(text, word):
        return False
    if word.text.islower():
        if listed is None or listed not in _WORDLIKE:
            return listed is not None
        window = text[max(0, word.start - 10) : word.start]
        return _BEFORE_LOWER.search(window) is not None and _cued_after(text, words[last])
    if not _is_cap(word.text) or word.text in _NOT_NAMES:
        return False
    if listed is not None:  # an everyday word that is also a name needs a surname or a cue
        return listed not in _AMBIGUOUS or last > i or _cued(text, words, i, last)
    if not _may_be_unlisted_name(text, words, i, last):
        return False
    if _sentence_start(text, word):  # nothing before it, and nouns open sentences too
        return _cued_after(text, words[last], speech_only=True)
    if _cued(text, words, i, last) or _cued_before(text, word, weak=True):
        return True
    # A lone word only: "Gaurav was", but not "Thames Reach took" (an organisation).
    return last == i and _AFTER_WEAK.match(text, word.end) is not None


def _cued(text: str, words: list[_Word], i: int, last: int) -> bool:
    return _cued_after(text, words[last]) or _cued_before(text, words[i], weak=False)


def _may_be_unlisted_name(text: str, words: list[_Word], i: int, last: int) -> bool:
    """Rules out words the gazetteer lacks that look like something else than a name."""
    word = words[i].text
    if word in _NOT_ALONE or len(word) < 3 or _NOUN_ENDING.search(word):
        return False
    if _after_the(text, words[i]) or _after_proper_noun(text, words, i):
        return False
    if last > i and _listed(words[i + 1].text):  # "Met Eilidh MacLeod": the name starts later
        return False
    return last > i or not _plural_like(word)


def _linked(text: str, words: list[_Word], left: int, right: int) -> bool:
    """Whether words[left] and words[right] are joined by " and " or " & "."""
    if not 0 <= left < right < len(words):
        return False
    if right == left + 1:
        return _gap(text, words[left], words[right]) == " & "
    middle = words[left + 1]
    return (
        right == left + 2
        and middle.text == "and"
        and _gap(text, words[left], middle) == _gap(text, middle, words[right]) == " "
    )


def _joined(text: str, words: list[_Word], first: int, last: int) -> list[int]:
    """Words joined to the name words[first..last] by "and" or "&", after it or before it."""
    after = [j for j in (last + 1, last + 2) if _linked(text, words, last, j)]
    before = [j for j in (first - 1, first - 2) if _linked(text, words, j, first)]
    return after + before


def _coordinated(text: str, words: list[_Word], names: dict[int, int]) -> dict[int, int]:
    """Capitalised words joined by "and" or "&" to a name are names too ("Sade and Femi")."""
    found = dict(names)
    todo = list(found)
    while todo:
        i = todo.pop()
        for j in _joined(text, words, i, found[i]):
            word = words[j]
            if j in found or (word.possessive and j < i):
                continue
            if _after_the(text, word) or _after_saint(text, word):
                continue
            if not _is_cap(word.text) or word.text in _NOT_NAMES:
                continue
            last = _extend(text, words, j) if j > i else j
            if _place_or_org_follows(text, words, last):
                continue
            if _listed(word.text) or _may_be_unlisted_name(text, words, j, last):
                found[j] = last
                todo.append(j)
    return found


def _names(text: str) -> Iterable[Span]:
    words = _words(text)
    names: dict[int, int] = {}  # first word -> last word of each name
    starts: dict[int, int] = {}  # first word -> where the span starts (a title, if any)
    for i, word in enumerate(words):
        if not _is_cap(word.text) and _listed(word.text) is None:
            continue  # most words: lower case and not a name
        last = _extend(text, words, i)
        if _place_or_org_follows(text, words, last):
            continue
        title = _titled(text, words, i)
        if title is not None or _is_name(text, words, i, last):
            names[i] = last
            starts[i] = words[i].start if title is None else title
    for i, last in _coordinated(text, words, names).items():
        yield starts.get(i, words[i].start), words[last].end


# --- addresses -------------------------------------------------------------------------------
_CAP = r"(?:[A-Z]'|Mc|Mac)?[A-Z][a-z]++(?:-[A-Z][a-z]++)?"
_STREET_WORD = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Court|Ct|Crescent|Drive|Dr|Gardens|Grove|"
    r"Place|Pl|Square|Sq|Terrace|Way|Walk|Hill|Row|Mews|Parade|Rise|View|Green|Park|Vale|Yard|"
    r"Approach|Gate|Mount|Wharf|Quay|Fold|Croft|Chase|Meadows?|Boulevard|Broadway|Embankment)"
)
# In lower case ("6 cedar grove") only street words that are not everyday words ("close",
# "way"), and no small words inside ("3 years down the road").
_LOWER_STREET_WORD = r"(?:road|rd|street|avenue|ave|lane|crescent|grove|gardens|terrace|mews)"
_LOWER_NAME = r"(?!(?:the|a|an|of|on|in|at|to|and|or|down|up|by|for|from|with|my|our)\b)[a-z]++"
_HOUSE_NUMBER = r"[0-9]{1,4}[A-Za-z]?"
_STREET_NAME = (
    rf"(?:(?:{_CAP} ){{1,3}}{_STREET_WORD}|(?:{_LOWER_NAME} ){{1,3}}{_LOWER_STREET_WORD})"
)
_STREET = re.compile(rf"\b{_HOUSE_NUMBER},? {_STREET_NAME}\b")
_UNIT_ = (
    r"(?:(?i:flat|apartment|apt|block|unit|maisonette) ?(?:[0-9]{1,4}[A-Za-z]?|[A-Z](?!['\u2019]))"
    r"|(?i:no)\. ?[0-9]{1,4}[A-Za-z]?)"
)
_UNIT = re.compile(rf"\b{_UNIT_}\b")
_BLOCK_WORD = r"(?:House|Tower|Towers|Court|Estate|Mansions|Buildings|Lodge|Point|Heights|Villas)"
# "The Kestrel House": the article is not part of the block's name.
_NOT_IN_BLOCK = r"(?:The|A|An|At|In|On|To|From|Of|And|Our|My|Their|His|Her|This|That)\b"
_BLOCK_NAME = rf"(?:(?!{_NOT_IN_BLOCK}){_CAP} ){{1,2}}"
_NAMED_BLOCK = re.compile(rf"\b{_BLOCK_NAME}{_BLOCK_WORD}\b")
# A flat with its block or street: one span, so "Flat 5, Wren House" leaves no "Flat" or comma
# between two placeholders. After a flat number, a block name may be in lower case.
_ANY_BLOCK_WORD = r"(?i:house|tower|towers|court|mansions|buildings|lodge|point|heights|villas)"
_SMALL_WORD = r"(?:and|or|the|a|an|of|in|on|at|to|for|with|is|was|has|had|by|from)\b"
_ANY_NAME = rf"(?!{_SMALL_WORD})[A-Za-z][a-z'\-]*+"
_UNIT_WITH_PLACE = re.compile(
    rf"\b{_UNIT_},? (?:(?:{_ANY_NAME} ){{1,2}}{_ANY_BLOCK_WORD}|{_HOUSE_NUMBER},? {_STREET_NAME}"
    rf"|{_UNIT_})\b"
)
_BLOCK_WITH_UNIT = re.compile(rf"\b{_BLOCK_NAME}{_BLOCK_WORD},? {_UNIT_}\b")


def _addresses(text: str) -> Iterable[Span]:
    for pattern in (_STREET, _UNIT, _NAMED_BLOCK, _UNIT_WITH_PLACE, _BLOCK_WITH_UNIT):
        for match in pattern.finditer(text):
            yield match.span()


def person_recogniser() -> Recogniser:
    return Recogniser("PERSON", _names, numbered=True)


def address_recogniser() -> Recogniser:
    return Recogniser("ADDRESS", _addresses)
