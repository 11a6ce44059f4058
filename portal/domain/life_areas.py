"""The catalogue of livsområden (life areas) and their ICF categories.

This is reference data: the nine ICF chapters of Aktiviteter och delaktighet
plus the two areas IBIC adds. The codes are stored in the database and used
in URLs, so they never change; names and texts may, and then
CATALOGUE_VERSION is bumped so stored answers can say which wording the
person saw.

Easy Swedish texts use "du", short sentences and common words, because the
people who read them are often old, ill or new to Swedish.
"""

from dataclasses import dataclass

CATALOGUE_VERSION = "ibic-2026.1"


class UnknownLifeArea(KeyError):
    """Raised for a life-area code that is not in the catalogue."""


class UnknownCategory(KeyError):
    """Raised for a category code that is not in the catalogue."""


@dataclass(frozen=True)
class IcfCategory:
    code: str  # e.g. "d510", or "safety.home" for IBIC additions
    name_sv: str  # official ICF Swedish name
    easy_name_sv: str  # everyday words, "du"-form
    name_en: str
    easy_name_en: str


@dataclass(frozen=True)
class LifeArea:
    code: str  # "d1".."d9", "safety", "carer_support"
    icf_chapter: str | None  # None for the two areas IBIC adds
    position: int  # display order, 1..11
    official_name_sv: str
    easy_name_sv: str
    easy_explanation_sv: str  # one short, easy sentence
    official_name_en: str
    easy_name_en: str
    easy_explanation_en: str
    categories: tuple[IcfCategory, ...]


# Short alias keeps the table below readable: one category per line. The
# formatter is kept off so a table row stays a row.
_C = IcfCategory

# fmt: off

_D1 = (
    _C("d155", "Att förvärva färdigheter", "Lära dig nya saker",
       "Acquiring skills", "Learn new things"),
    _C("d166", "Att läsa", "Läsa", "Reading", "Read"),
    _C("d170", "Att skriva", "Skriva", "Writing", "Write"),
    _C("d175", "Att lösa problem", "Lösa problem", "Solving problems", "Solve problems"),
    _C("d177", "Att fatta beslut", "Ta beslut", "Making decisions", "Make choices"),
)

_D2 = (
    _C("d210", "Att företa en enstaka uppgift", "Göra en sak i taget",
       "Undertaking a single task", "Do one thing at a time"),
    _C("d220", "Att företa mångfaldiga uppgifter", "Göra flera saker",
       "Undertaking multiple tasks", "Do several things"),
    _C("d230", "Att genomföra daglig rutin", "Följa en rutin varje dag",
       "Carrying out daily routine", "Follow a daily routine"),
    _C("d240", "Att hantera stress och andra psykologiska krav", "Klara stress",
       "Handling stress and other psychological demands", "Cope with stress"),
)

_D3 = (
    _C("d310", "Att kommunicera genom att ta emot talade meddelanden", "Förstå när folk pratar",
       "Communicating with - receiving - spoken messages", "Understand what people say"),
    _C("d330", "Att tala", "Prata", "Speaking", "Speak"),
    _C("d350", "Konversation", "Prata med andra", "Conversation", "Talk with others"),
    _C("d360", "Att använda kommunikationsutrustningar och kommunikationstekniker",
       "Använda telefon och dator",
       "Using communication devices and techniques", "Use a phone or computer"),
)

_D4 = (
    _C("d410", "Att ändra grundläggande kroppsställning", "Resa dig och lägga dig",
       "Changing basic body position", "Get up and lie down"),
    _C("d420", "Att förflytta sig själv", "Flytta dig, till exempel till en stol",
       "Transferring oneself", "Move yourself, for example to a chair"),
    _C("d450", "Att gå", "Gå", "Walking", "Walk"),
    _C("d460", "Att röra sig omkring på olika platser", "Ta dig runt hemma och ute",
       "Moving around in different locations", "Get around at home and outside"),
    _C("d465", "Att förflytta sig med hjälp av utrustning", "Ta dig fram med rullator eller stol",
       "Moving around using equipment", "Get around with a walker or wheelchair"),
    _C("d470", "Att använda transportmedel", "Åka buss, tåg eller bil",
       "Using transportation", "Go by bus, train or car"),
)

_D5 = (
    _C("d510", "Att tvätta sig", "Tvätta dig", "Washing oneself", "Wash yourself"),
    _C("d520", "Kroppsvård", "Sköta hår, tänder och naglar",
       "Caring for body parts", "Care for hair, teeth and nails"),
    _C("d530", "Att sköta toalettbehov", "Gå på toaletten", "Toileting", "Use the toilet"),
    _C("d540", "Att klä sig", "Klä dig", "Dressing", "Get dressed"),
    _C("d550", "Att äta", "Äta", "Eating", "Eat"),
    _C("d560", "Att dricka", "Dricka", "Drinking", "Drink"),
    _C("d570", "Att sköta sin egen hälsa", "Sköta din hälsa",
       "Looking after one's health", "Look after your health"),
)

_D6 = (
    _C("d620", "Att skaffa varor och tjänster", "Handla",
       "Acquisition of goods and services", "Shop"),
    _C("d630", "Att bereda måltider", "Laga mat", "Preparing meals", "Cook"),
    _C("d640", "Hushållsarbete", "Städa och tvätta kläder", "Doing housework",
       "Clean and do laundry"),
    _C("d650", "Att ta hand om hemmets föremål", "Ta hand om saker hemma",
       "Caring for household objects", "Look after things at home"),
    _C("d660", "Att bistå andra", "Hjälpa andra", "Assisting others", "Help others"),
)

_D7 = (
    _C("d710", "Grundläggande mellanmänskliga interaktioner", "Vara med andra",
       "Basic interpersonal interactions", "Be with other people"),
    _C("d750", "Informella sociala relationer", "Vänner och grannar",
       "Informal social relationships", "Friends and neighbours"),
    _C("d760", "Familjerelationer", "Familj", "Family relationships", "Family"),
)

_D8 = (
    _C("d845", "Att skaffa, behålla och sluta ett arbete", "Få och ha ett jobb",
       "Acquiring, keeping and terminating a job", "Get and keep a job"),
    _C("d850", "Betalt arbete", "Jobb med lön", "Remunerative employment", "Paid work"),
    _C("d855", "Obetalt arbete", "Jobb utan lön", "Non-remunerative employment",
       "Unpaid work"),
    _C("d860", "Grundläggande ekonomiska transaktioner", "Betala och hantera pengar",
       "Basic economic transactions", "Pay and handle money"),
    _C("d870", "Ekonomisk självförsörjning", "Ha egna pengar att leva på",
       "Economic self-sufficiency", "Have your own money to live on"),
)

_D9 = (
    _C("d910", "Samhällsgemenskap", "Vara med i en grupp eller förening",
       "Community life", "Take part in a group or club"),
    _C("d920", "Rekreation och fritid", "Fritid och nöjen", "Recreation and leisure",
       "Free time and fun"),
    _C("d930", "Religion och andlighet", "Tro och religion", "Religion and spirituality",
       "Faith and religion"),
    _C("d950", "Politiskt liv och medborgarskap", "Rösta och vara med och bestämma",
       "Political life and citizenship", "Vote and have a say"),
)

_SAFETY = (
    _C("safety.home", "Trygghet i hemmet", "Trygg hemma", "Security at home", "Safe at home"),
    _C("safety.outdoors", "Trygghet utomhus", "Trygg ute", "Security outdoors",
       "Safe outside"),
    _C("safety.night", "Trygghet under natten", "Trygg på natten", "Security at night",
       "Safe at night"),
)

_CARER_SUPPORT = (
    _C("carer_support.practical", "Praktiskt stöd från närstående", "Hjälp med saker",
       "Practical support from a close relative", "Help with things"),
    _C("carer_support.emotional", "Känslomässigt stöd från närstående", "Någon att prata med",
       "Emotional support from a close relative", "Someone to talk to"),
)

LIFE_AREAS: tuple[LifeArea, ...] = (
    LifeArea(
        "d1", "d1", 1,
        "Lärande och att tillämpa kunskap", "Lära dig och tänka",
        "Att lära dig nya saker, läsa, skriva och ta beslut.",
        "Learning and applying knowledge", "Learning and thinking",
        "Learning new things, reading, writing and making choices.",
        _D1,
    ),
    LifeArea(
        "d2", "d2", 2,
        "Allmänna uppgifter och krav", "Klara din dag",
        "Att ha en bra rutin för dagen och klara stress.",
        "General tasks and demands", "Getting through the day",
        "Having a good daily routine and coping with stress.",
        _D2,
    ),
    LifeArea(
        "d3", "d3", 3,
        "Kommunikation", "Prata och förstå",
        "Att prata med andra och förstå vad de säger.",
        "Communication", "Talking and understanding",
        "Talking with others and understanding what they say.",
        _D3,
    ),
    LifeArea(
        "d4", "d4", 4,
        "Förflyttning", "Röra dig",
        "Att gå, resa dig och åka buss eller bil.",
        "Mobility", "Moving about",
        "Walking, getting up and going by bus or car.",
        _D4,
    ),
    LifeArea(
        "d5", "d5", 5,
        "Personlig vård", "Sköta din kropp",
        "Att tvätta dig, klä dig, äta och gå på toaletten.",
        "Self-care", "Looking after your body",
        "Washing, getting dressed, eating and using the toilet.",
        _D5,
    ),
    LifeArea(
        "d6", "d6", 6,
        "Hemliv", "Sköta hemmet",
        "Att handla, laga mat och städa.",
        "Domestic life", "Looking after your home",
        "Shopping, cooking and cleaning.",
        _D6,
    ),
    LifeArea(
        "d7", "d7", 7,
        "Mellanmänskliga interaktioner och relationer", "Familj och vänner",
        "Att vara med familj, vänner och andra.",
        "Interpersonal interactions and relationships", "Family and friends",
        "Spending time with family, friends and other people.",
        _D7,
    ),
    LifeArea(
        "d8", "d8", 8,
        "Utbildning, arbete, sysselsättning och ekonomiskt liv", "Skola, jobb och pengar",
        "Att gå i skola, ha ett jobb och sköta dina pengar.",
        "Education, work, employment and economic life", "School, work and money",
        "Going to school, having a job and handling your money.",
        _D8,
    ),
    LifeArea(
        "d9", "d9", 9,
        "Samhällsgemenskap, socialt och medborgerligt liv", "Fritid och samhälle",
        "Att göra saker du tycker om och vara med där du bor.",
        "Community, social and civic life", "Free time and taking part",
        "Doing things you enjoy and taking part where you live.",
        _D9,
    ),
    LifeArea(
        "safety", None, 10,
        "Känsla av trygghet", "Känna dig trygg",
        "Att känna dig trygg hemma, ute och på natten.",
        "Sense of security", "Feeling safe",
        "Feeling safe at home, outside and at night.",
        _SAFETY,
    ),
    LifeArea(
        "carer_support", None, 11,
        "Personligt stöd från person som vårdar eller stödjer en närstående",
        "Hjälp från någon nära dig",
        "Hjälp du får av någon nära dig, till exempel i din familj.",
        "Personal support from a person who cares for or supports a close relative",
        "Help from someone close to you",
        "Help you get from someone close to you, for example in your family.",
        _CARER_SUPPORT,
    ),
)

# fmt: on

LIFE_AREA_CODES: tuple[str, ...] = tuple(area.code for area in LIFE_AREAS)

_AREAS_BY_CODE: dict[str, LifeArea] = {area.code: area for area in LIFE_AREAS}
_CATEGORIES_BY_CODE: dict[str, tuple[LifeArea, IcfCategory]] = {
    category.code: (area, category) for area in LIFE_AREAS for category in area.categories
}

# A duplicated code would silently hide an entry in the lookups above; fail
# at import (not with assert, which `python -O` removes).
if len(_AREAS_BY_CODE) != len(LIFE_AREAS) or len(_CATEGORIES_BY_CODE) != sum(
    len(area.categories) for area in LIFE_AREAS
):
    raise RuntimeError("duplicate code in the life-area catalogue")


def is_life_area_code(code: object) -> bool:
    """True if `code` names a life area (safe to call with untrusted input)."""
    return isinstance(code, str) and code in _AREAS_BY_CODE


def get_life_area(code: str) -> LifeArea:
    """Return the life area for `code`; raise UnknownLifeArea if there is none."""
    try:
        return _AREAS_BY_CODE[code]
    except (KeyError, TypeError):
        raise UnknownLifeArea(code) from None


def get_category(code: str) -> tuple[LifeArea, IcfCategory]:
    """Return (life area, category) for a category code; raise UnknownCategory."""
    try:
        return _CATEGORIES_BY_CODE[code]
    except (KeyError, TypeError):
        raise UnknownCategory(code) from None
