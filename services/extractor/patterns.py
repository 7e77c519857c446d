"""Every heuristic text pattern the extractor matches, as named compiled constants (as trafilatura's xpaths.py):
the rules can be read and changed here without reading the algorithms that use them. Counts have their own
module (``count_patterns``); spelling folding keeps its character classes in ``normalize``.
"""

from __future__ import annotations

import re

from services.extractor.words import ordered_words

ORG_WORDS = ordered_words("organisation_words")  # head words of an organisation's name, in alternation order

# Sentences: splitting, datelines and kickers, lead-worthy text
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")
ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Maj|Capt|Sgt|Brig|Rev|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|Vol|U\.S|U\.N|[A-Z])\.$"
)
DATELINE_PREFIX = re.compile(  # "AMMAN: ", "DEIR EZ-ZOR, Syria (Wire) — ", "(Wire) — "
    r"^(?:(?:[A-Z][A-Z .,'\-]{2,40}(?:,\s+[A-Z][A-Za-z .\-]{1,30})?\s*(?:\([^)]{1,30}\))?|\([^)]{1,30}\))\s*[:—–-]\s+"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s+[A-Z]+\s*\n)"
)
BLOCK = re.compile(r"[^\n]+")
KICKER = re.compile(r"^[A-Z][\w'’ .\-]{1,30}:\s+")
# any lower-case agentive plural, no word boundaries: a superset of what PERSON_NOUN finds in a span
PERSON_LIKE = re.compile(r"[a-z]{3,}(?:ers|ists|ians|ants|ents|ees|men)")
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
CAPTION_CREDIT = re.compile(r"\[[^\]]{2,60}\]\s*$")

# Dates
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
DATE_PATTERN = re.compile(
    rf"""\b(?:
      (?P<relday>the\ day\ before\ yesterday|yesterday|today|tonight|this\ (?:morning|afternoon|evening))
    | (?P<last>last|this\ past)\ (?P<lastday>{WEEKDAY})
    | (?P<wday>{WEEKDAY})(?:\ (?:morning|afternoon|evening|night))?
    | (?P<mday1>\d{{1,2}})(?:st|nd|rd|th)?\ (?:of\ )?(?P<mon1>{MONTH})(?:,?\ (?P<year1>\d{{4}}))?
    | (?P<mon2>{MONTH})\ (?P<mday2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\ (?P<year2>\d{{4}}))?
    | (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
    | (?P<ago>\d+|one|two|three|four|five|six|seven|a|an)\ (?P<unit>days?|weeks?)\ ago
    | (?:earlier\ |later\ )?(?P<rel>last|this|past)\ (?P<span>week|month|year|weekend)
    | (?:in\ )?(?:early|mid|late)?-?\ ?(?P<mon3>{MONTH})\ (?P<year3>\d{{4}})
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
NAME_AFTER = re.compile(r" (?!(?:on|at|in|and|or|the)\b)[A-Z][a-z]")  # "the March 23 Movement" is a name, not a date
REPORTED_ON = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated|declared)\s+(?:on\s+|late\s+on\s+)?$",
    re.IGNORECASE,
)  # "officials said on Friday": the report's day, not the happening's
UPCOMING = re.compile(
    r"\b(?:next\s+\w+'s|upcoming|forthcoming|ahead\s+of(?:\s+the)?|before(?:\s+the)?)\s+(?:\w+\s+)?$", re.IGNORECASE
)  # "before next year's elections", "ahead of general elections due ...": background, not the happening

# Places: locatives, datelines, toponyms and what a name beside them says
LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|into|at|near|outside|around|on|from|towards|inside|across)"
    r"|\b(?:road|highway|motorway|route|railway|line|stretch|section|corridor)\s+between"
    r"|\b(?:outskirts|edge|centre|center|heart|streets|suburbs|town|city|village|district|area|north|south|east"
    r"|west)\s+of)\s+(?:the\s+)?(?:town|village|city|(?:[a-z]+\s+)?capital)?\s*$",
    re.IGNORECASE,
)  # "of" only after a place noun ("the district of Ercis", not "criticism of Kabul"); "in the Ethiopian capital
# Addis Ababa"; "the road between Dabeiba and Mutata" places things at its first end, not "talks between Kyiv and ..."
PLACED_BEFORE = re.compile(
    r"\b(?:in|into|at|near|outside|around|from|towards|inside|across|of\s+the\s+(?:town|city|village)\s+of)\s+"
    r"(?:the\s+)?(?:[a-z][a-z\-]*\s+){0,2}$"
)  # a name after a locative preposition and up to two lower-case words ("in rural Tame", "near the town of Mora")
DATELINE_TOWN = re.compile(r"(?m)^([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)*)(?:,\s+[A-Z][\w .\-]+?)?\s+\(")
FRONTED_DATE = re.compile(
    r"^(?:(?:in|during)\s+)?(?:(?:early|mid|late)-?\s*)?"
    r"(?:(?P<month>" + MONTH + r")(?:\s+(?P<myear>\d{4}))?|(?P<year>(?:19|20)\d{2}))\b",
    re.IGNORECASE,
)  # "In September, ...", "In June 2024, ...", "In 2021, ..." (bare months and years, which find_dates leaves out)
TOPONYM = re.compile(
    r"\b(?:[A-Z]\.){2,}(?![A-Za-z])|"  # a dotted abbreviation ("U.S.", "N.C."): one name, not its first letter
    r"(?:\b(?:St|Ste|Mt|Ft)\. ?)?"  # "St. Louis", "Mt. Vernon": the abbreviation's full stop does not end the name
    r"(?:\b(?:al|el|ad|as|ash|an|ar|at|az|ez|a|e)[\-‐])?[A-Z][\w'’‘\-]*"
    r"(?:[ \-](?:(?:al|el|ad|as|ash|an|ar|at|az|ez|de|du|des|del|la|le|of|ibn|bin|abu|umm|e|a)[ \-])?"
    r"(?:(?:al|el|ad|as|ash|an|ar|at|az|ez)[\-‐])?[A-Z][\w'’‘\-]*){0,4}"
)
DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|rural|greater|upper|lower)(?:ern)?|north-?(?:east|west)(?:ern)?|"
    r"south-?(?:east|west)(?:ern)?)\s+",
    re.IGNORECASE,
)
POSTAL_AFTER = re.compile(r",\s*([A-Z]{2})\b(?![\w'’]|\.\w)")  # "Trenton, NJ": a state or province's postal code
POSSESSIVE_END = re.compile(r"['’]s$")
INNER_POSSESSIVE = re.compile(r"['’]s ")
ADMIN_AFTER = re.compile(
    r"^\s*(?:province|governorate|region|state|prefecture|oblast|department|countryside)\b", re.IGNORECASE
)  # a "district" is below admin1 and usually named after its seat town: "the district of Ercis" is read as the town
ADMIN_BEFORE = re.compile(r"\b(?:province|governorate|region|state)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
TOWN_BEFORE = re.compile(r"\b(?:town|city|village)\s+of\s+$", re.IGNORECASE)  # "the town of Batken": the town,
# not the province named like it
FEATURE_AFTER = re.compile(
    r"^\s+(?:dam|river|basin|delta|valley|canal|pipeline|bridge|reservoir|waters|corridor|oilfield|field"
    r"|suburbs?|neighbou?rhoods?|township|estate)\b"
)  # a suburb is part of its city and mostly missing from the towns table: "Eastleigh suburb" is not Eastleigh, England
TYPE_WORD = re.compile(r"\s+(?:District|City|Town|Village|Camp|Province|Governorate|Region|Countryside|State)$")

# Actors: name tokens, phrases, unknown organisations, participants
TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f][\w'’\-.\u00c0-\u024f]*[\w\u00c0-\u024f]|[A-Za-z0-9\u00c0-\u024f]")
SPACE_OR_HYPHEN = re.compile(r"[\s\-]+")
ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{1,7}$")
PHRASE_GAP = re.compile(r"^[ \t\-()\[\]]*$|^['’]s +$")
PAREN_BEFORE = re.compile(r"\(\s*$")
NAME_WORD = r"[A-Z][\w'’\-\u00c0-\u024f]*"
CONNECTOR = r"(?:of|for|the|and|al|el|de|du|des|la)"
ORG_NAME = re.compile(rf"\b{NAME_WORD}(?:\s+(?:{CONNECTOR}\s+)*{NAME_WORD}){{1,6}}")
CONNECTOR_WORD = re.compile(CONNECTOR)
ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Z0-9\-]{1,7})\)")
ORG_HEAD = re.compile(r"\b(?:" + "|".join(ORG_WORDS) + r")\b")
TOPIC_HEAD = re.compile(
    r"[ \-](?:[a-z]+ ){0,2}(?:law|laws|bill|bills|reform|reforms|legislation|amendments?|budget|policy|policies"
    r"|decree|rules?|spending|pay|pensions?)\b"
)  # "military law", "army pay reform": the actor word names a law's topic
OF_GAP = re.compile(r"^\s+of\s+(?:the\s+)?$")
PERSON_NOUN = re.compile(r"\b[a-z]{3,}(?:ers|ists|ians|ants|ents|ees|men)\b")
NAME_START = re.compile(r"\b[A-Z][\w\-]*")  # a capitalised word: an unknown doer's name may hold one
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
OWNER_PRONOUN = re.compile(r"(?i:its|their)\s")  # a doer that is "its"/"their" someone, whom the clause's owner names

# Readings
OUTCOME_VERBS = (
    (re.compile(r"(?i)^(?:kill|slay|slain|slew|murder|massacr|execut)"), "killed", "target"),
    (re.compile(r"(?i)^(?:die|died|dying)$"), "killed", "source"),
    (re.compile(r"(?i)^(?:wound|injur)"), "injured", "target"),
    (re.compile(r"(?i)^(?:arrest|detain)"), "arrested", "target"),
)
