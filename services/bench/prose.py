"""Background paragraphs from a small grammar, so stories about different happenings share little text."""

from __future__ import annotations

import random

FIRST = ("Amal", "Bruno", "Chidi", "Dalia", "Emeka", "Farid", "Grace", "Hana", "Ivan", "Jamila", "Karim", "Lucia",
         "Musa", "Nadia", "Omar", "Paulo", "Rania", "Samir", "Tomas", "Yusuf", "Zainab", "Leila", "Marco", "Ines")
LAST = ("Okafor", "Haddad", "Moreau", "Rahman", "Mwangi", "Castillo", "Nasser", "Duarte", "Bello", "Kovac",
        "Salim", "Mendez", "Aziz", "Laurent", "Osei", "Farah", "Quispe", "Adeyemi", "Sultani", "Brandt")
ROLES = ("a shopkeeper in the old market", "a local councillor", "a nurse at the district clinic", "a bus driver",
         "a spokesman for the regional governor", "an aid worker", "a retired teacher", "a farmers' union leader",
         "a political analyst", "a student activist", "a police spokeswoman", "a hospital administrator")
SUBJECTS = ("residents of {city}", "officials in {admin1}", "the {demonym} interior ministry", "aid agencies",
            "opposition lawmakers", "economists in the capital", "local traders", "hospital staff", "union leaders",
            "community elders", "regional police", "diplomats", "church and mosque leaders", "transport operators",
            "parents' associations", "the provincial council")
VERBS = ("said", "told reporters", "warned", "complained", "insisted", "estimated", "acknowledged", "noted",
         "argued", "confirmed", "reported", "claimed")
NOUNS = ("families", "shops", "schools", "clinics", "bakeries", "fuel stations", "bus routes", "farms",
         "small businesses", "pharmacies", "water pumps", "market stalls", "factories", "households", "villages",
         "health posts", "taxi ranks", "grain stores")
PREDICATES = ("had closed", "were running short of supplies", "had lost power", "had been damaged",
              "were waiting for compensation", "had raised their prices", "were struggling to pay rent",
              "had cut their opening hours", "were still without running water", "had asked for emergency loans",
              "had been searched by security forces", "were operating at half capacity", "had turned people away",
              "were relying on generators", "had stopped deliveries", "were flooded with requests for help")
TIMEFRAMES = ("since early {month}", "for {small} days", "over the past {small} weeks", "since the start of the year",
              "in the last month", "since the {month} budget", "during the night", "throughout the weekend",
              "since the floods of {year}", "for most of the season", "since the ceasefire collapsed",
              "since prices jumped in {month}")
TAILS = ("", "", "", ", according to figures seen by reporters", ", though the figure could not be verified",
         ", up from {small} a year earlier", " despite repeated promises from the capital",
         ", a claim the authorities dispute", ", the highest number in {small} years", " in {district} alone")
OPENERS = ("By some estimates", "In the districts south of {city}", "According to the latest count",
           "Across {admin1}", "In the neighbourhoods near the river", "Along the main road to the capital",
           "In {district}", "Further north", "In rural parts of {country}", "Even before this week")
QUOTES = ("We have heard these promises before", "Nobody from the government has come to see us",
          "Prices double while our wages stay the same", "We only want to live and work in peace",
          "The children have not been to school for weeks", "We are afraid of what the next month will bring",
          "Every family here has lost something", "We need work, not speeches",
          "The roads are too dangerous to travel at night", "Our patience is running out")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DISTRICTS = ("Al-Nour", "Bab Sharqi", "Kisenyi", "Hill Top", "New Town", "Riverside", "Old Quarter", "Zone {small}",
             "Sector {small}", "Camp {small}", "Block {small}", "East Gate")


def _fill(template: str, rng: random.Random, fill: dict[str, str]) -> str:
    extra = {"month": rng.choice(MONTHS), "small": str(rng.randint(2, 19)), "year": str(rng.randint(2009, 2023)),
             "district": rng.choice(DISTRICTS).format(small=rng.randint(2, 40))}
    return template.format(**fill, **extra)


def sentence(rng: random.Random, fill: dict[str, str]) -> str:
    """One sentence: a claim, a framed claim or a quote."""
    claim = (f"{rng.randint(12, 4800):,} {rng.choice(NOUNS)} {rng.choice(PREDICATES)} "
             f"{rng.choice(TIMEFRAMES)}{rng.choice(TAILS)}")
    form = rng.randrange(3)
    if form == 0:
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {claim}."
    elif form == 1:
        text = f"{rng.choice(OPENERS)}, {claim}."
    else:
        who = f"{rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(ROLES)}"
        text = f"\"{rng.choice(QUOTES)},\" said {who}."
    text = _fill(text, rng, fill)
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, fill: dict[str, str]) -> str:
    """Two to four sentences."""
    return " ".join(sentence(rng, fill) for _ in range(rng.randint(2, 4)))
