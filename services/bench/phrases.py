"""Template material for the benchmark corpus: fictional outlets, places, actors and paragraphs written for newsflow."""

from __future__ import annotations

OUTLETS = (
    ("harbourpost", "The Harbour Post"), ("plainsdaily", "Plains Daily"), ("eastwire", "East Wire Service"),
    ("ridgeherald", "Ridge Herald"), ("lanternnews", "Lantern News"), ("meridianobserver", "Meridian Observer"),
    ("coastaltribune", "Coastal Tribune"), ("valleycourier", "Valley Courier"),
    ("northstarreport", "North Star Report"),
    ("citadeltimes", "Citadel Times"), ("deltadispatch", "Delta Dispatch"), ("summitgazette", "Summit Gazette"),
)

ALIASES = {
    "Islamic State": ("Islamic State", "ISIS", "Daesh", "IS", "Islamic State (IS)"),
    "Boko Haram": ("Boko Haram", "the Boko Haram group", "Jama'atu Ahlis Sunna"),
    "al-Shabaab": ("al-Shabaab", "al Shabaab", "the Shabaab militants"),
}
MILITANTS = {"Iraq": "Islamic State", "Syria": "Islamic State", "Nigeria": "Boko Haram", "Somalia": "al-Shabaab"}
PROTESTERS = ("farmers", "students", "teachers", "nurses", "dock workers", "taxi drivers", "pensioners")
GRIEVANCES = ("fuel prices", "a new pension law", "unpaid wages", "rising food prices", "university fees",
              "power cuts", "a proposed tax on transport")

# kind → (headline, lead) templates; {n} is a count phrase, {when} a date expression
KINDS = {
    "attack": ("{actor} fighters attack army post near {city}",
               "{alias} militants attacked an army post near {city} {when}, killing {n} soldiers, "
               "{demonym} officials said."),
    "protest": ("{group} protest {grievance} in {city}",
                "{n} {group} protested {grievance} in {city} {when}, marching to the regional government offices."),
    "displacement": ("Fighting near {city} forces families to flee",
                     "Fighting near {city} {when} forced {n} families from their homes, aid agencies said."),
    "arrest": ("Police detain demonstrators in {city}",
               "Police in {city} arrested {n} people {when} after a demonstration against {grievance} turned violent."),
    "strike": ("{group} walk out over {grievance} in {city}",
               "{n} {group} went on strike in {city} {when} over {grievance}, closing schools and clinics."),
    "clash": ("Troops and {actor} clash outside {city}",
              "{demonym} troops clashed with {alias} fighters outside {city} {when}; {n} people were killed."),
}
COUNT_FORMS = ("some {v}", "as many as {v}", "at least {v}", "more than {v}", "about {v}", "{v}", "nearly {v}")

BACKGROUND = (
    "The region around {city} has seen repeated unrest over the past year, and residents say basic services "
    "have not recovered since the last round of violence. Local officials have promised investment in roads, "
    "water and schools, but few of the projects announced last spring have started.",
    "{country} has struggled with high inflation and a weak currency, which has pushed up the cost of imported "
    "fuel and food. Economists say the government has limited room to raise spending without new loans, and "
    "the central bank has raised interest rates three times since the start of the year.",
    "Witnesses described crowded streets and long queues at checkpoints on the roads leading into {city}. Shops "
    "in the old market stayed closed for most of the day, and several bus companies suspended their routes "
    "until the security situation becomes clearer.",
    "The {demonym} interior ministry said it was following the situation closely and urged people to stay calm. "
    "A spokesman declined to give further details, saying an investigation had been opened and its findings "
    "would be shared with the public in due course.",
    "Humanitarian groups working in {admin1} have warned that they lack the money to respond to a new crisis. "
    "One aid worker said warehouses were half empty and that convoys carrying blankets and medicine had been "
    "delayed for days by damaged bridges and fuel shortages.",
    "Analysts say the events in {city} reflect a wider pattern across {country}, where frustration with rising "
    "prices and slow reforms has turned into open anger. Opposition parties have seized on the discontent and "
    "are calling for early elections before the end of next year.",
    "Hospitals in {city} said they had extra staff on duty and had postponed routine operations. A doctor at the "
    "main public hospital said the emergency ward was busy but coping, and appealed for blood donations from "
    "residents of the surrounding districts.",
    "The last comparable episode in {admin1} happened two years ago, when a week of disturbances left the city "
    "centre shuttered. A commission set up afterwards recommended better coordination between police and local "
    "government, but its report has never been published in full.",
    "Diplomats in the capital said they were watching developments in {city} with concern. Several embassies "
    "updated their travel advice, telling citizens to avoid large gatherings and to follow the instructions of "
    "the local authorities until further notice.",
    "Residents interviewed by telephone said they feared the situation could get worse in the coming weeks. "
    "\"We have heard promises before,\" said a shopkeeper who asked not to be named. \"What we need is work, "
    "fair prices and a government that listens to people outside the capital.\"",
)
CLOSERS = (
    "Officials said more information would be released later in the day.",
    "The {demonym} government did not respond to a request for comment.",
    "Reporting by the {outlet} desk; editing by the night team.",
)
