"""Fictional wire-style story templates written for newsflow's near-duplicate evaluation (no real events)."""

from __future__ import annotations

# topic -> two stories about the same kind of happening, each a list of paragraph templates
TEMPLATES: dict[str, list[list[str]]] = {
    "strike": [[
        "Dock workers in {town} walked off the job on {day}, halting the loading of ships at the {country} port "
        "for the {nth} time this month, the {org} said.",
        "The union said {n1} of its members had joined the stoppage after talks on pay and night shifts collapsed. "
        "Cranes stood idle along the eastern quay and a queue of container ships formed outside the harbour.",
        "{person}, who speaks for the {org}, told reporters that the port authority had refused to discuss the new "
        "rota. \"Our members have been patient for two years,\" {pronoun} said. \"They will not be patient forever.\"",
        "The port authority said it regretted the action and that its offer of a {n2} percent rise remained on the "
        "table. It said perishable cargo would be moved to other terminals where possible.",
        "Exporters of fruit and grain warned that a long stoppage would cost them contracts abroad. A further "
        "meeting between the two sides is planned for next week.",
    ], [
        "A strike that has closed the port of {town} since {day} entered its second week, with the {org} and "
        "employers still far apart on wages.",
        "Shipping lines have begun sending vessels to rival harbours along the {country} coast, and a trade body "
        "estimated the losses at {n1} thousand dollars a day.",
        "Negotiators met for six hours without agreement. Employers say they cannot go beyond a {n2} percent offer; "
        "the union wants more staff on the night shift before it discusses pay at all.",
        "{person} of the {org} said pickets would stay at the gates. The transport ministry said it was ready to "
        "appoint a mediator if both sides asked for one.",
    ]],
    "flood": [[
        "Heavy rain caused the {river} to burst its banks near {town} on {day}, flooding {n1} homes and forcing "
        "families to leave low-lying streets, officials in {country} said.",
        "Rescue teams in boats moved residents from the old quarter, where water reached the first floor of some "
        "houses. Schools were closed and the main bridge was shut to traffic.",
        "\"The water rose faster than anyone expected,\" said {person}, who runs the regional civil protection "
        "office. {cap_pronoun} said {n2} people had spent the night in sports halls and a church.",
        "Forecasters expect more rain over the next two days, and engineers were checking a dam upstream that "
        "was close to its capacity.",
        "Farmers in the valley said fields of wheat and maize had been under water since the weekend.",
    ], [
        "Residents of {town} began returning home on {day} as the {river} fell back below its banks, leaving mud "
        "and debris across the town centre.",
        "The regional government in {country} said {n1} homes had been damaged and promised emergency grants to "
        "families who had lost furniture and cars.",
        "{person} of the civil protection office said about {n2} people were still in temporary shelters. Power "
        "has been restored to most districts, but drinking water must still be boiled.",
        "Volunteers from neighbouring villages helped clear streets with shovels and tractors. Insurers said it was "
        "too early to estimate the cost of the damage.",
    ]],
    "fire": [[
        "A fire broke out at a {product} factory on the edge of {town} on {day}, sending a column of black smoke "
        "over the city, the fire service in {country} said.",
        "About {n1} firefighters fought the blaze for most of the night. Workers on the evening shift were "
        "evacuated and {n2} of them were treated for smoke inhalation.",
        "Residents living near the plant were told to keep windows closed. {person}, the deputy mayor, said air "
        "quality was being measured every hour.",
        "The company said production would stop for several weeks and that it was cooperating with investigators. "
        "The cause of the fire was not yet known.",
        "The factory is one of the largest employers in the district, with several hundred staff.",
    ], [
        "Investigators said on {day} that an electrical fault was the likely cause of the fire that destroyed part "
        "of a {product} factory in {town} last week.",
        "The report by the fire service in {country} found that alarms had worked and that all {n1} workers on site "
        "had left the building in time.",
        "{person}, the deputy mayor, said {n2} staff would be paid while the plant was rebuilt, under an agreement "
        "between the company and the regional government.",
        "Environmental inspectors said soil samples taken near the factory showed no lasting contamination.",
    ]],
    "election": [[
        "Voters in {town} chose {person} as their new mayor on {day}, ending twelve years of rule by the {org} in "
        "the {country} city, official results showed.",
        "{person} won {n1} percent of the vote in the run-off, against {n2} percent for the outgoing deputy mayor. "
        "Turnout was higher than at the last election.",
        "In a speech to supporters in the main square, the winner promised cheaper buses, more housing and an "
        "audit of the city's finances. \"Tonight the city chose change,\" {pronoun} said.",
        "The {org} conceded defeat and said it would be a constructive opposition on the council.",
        "The new mayor will take office at the start of next month.",
    ], [
        "{person}, the newly elected mayor of {town}, named a cabinet on {day} and announced a review of the city's "
        "budget, a week after defeating the {org}.",
        "The new team of {n1} deputies includes several members of local residents' groups and no one who served "
        "under the previous administration in the {country} city.",
        "The review will look at contracts for waste collection and the tram extension, which has cost {n2} million "
        "more than planned.",
        "Opposition councillors said the review was a political exercise and asked for it to be carried out by an "
        "independent auditor.",
    ]],
    "court": [[
        "A court in {town} on {day} sentenced {person}, a former official of the {org}, to {n1} years in prison for "
        "taking bribes in exchange for public contracts in {country}.",
        "Judges found that the accused had accepted payments from three construction firms over a period of five "
        "years. {cap_pronoun} was also fined {n2} thousand dollars.",
        "Defence lawyers said they would appeal, arguing that the main witness had been promised a lighter sentence.",
        "Prosecutors welcomed the verdict and said investigations into the firms involved were continuing.",
        "The case has drawn attention to the award of road contracts in the region.",
    ], [
        "An appeals court in {town} on {day} upheld the conviction of {person}, a former official of the {org}, "
        "but reduced the prison term to {n1} years.",
        "The judges agreed that bribes had been paid for public contracts in {country}, but said the lower court had "
        "overstated the sums involved, which they put at {n2} thousand dollars.",
        "Lawyers for the former official said they were considering a final appeal to the supreme court.",
        "Anti-corruption campaigners said the shorter sentence sent the wrong message to public servants.",
    ]],
    "protest": [[
        "Some {n1} people marched through {town} on {day} to protest against rising rents, in one of the largest "
        "demonstrations in the {country} city for years.",
        "The march was called by the {org} and tenant associations, who want a cap on rent increases and more "
        "public housing. Many carried banners reading \"A home is a right\".",
        "Police said the protest was largely peaceful, although {n2} people were detained after windows were "
        "broken at an estate agent's office near the station.",
        "{person}, a spokesman for the organisers, said further marches would follow if the city council did not "
        "act before the summer.",
        "The council said it was preparing a housing plan that would be presented in the autumn.",
    ], [
        "The city council of {town} on {day} approved a one-year cap on rent increases, weeks after thousands of "
        "people marched against the cost of housing in the {country} city.",
        "The measure limits rises to {n2} percent for existing tenants and will apply to about {n1} thousand homes, "
        "according to council estimates.",
        "{person} of the {org} said the cap was a first victory but fell short of what tenants needed.",
        "Landlords' groups said the cap would discourage investment and that they would challenge it in court.",
    ]],
}

TOWNS = ["Westhaven", "Carrow", "Port Elsin", "Dunmere", "Valbrook", "Ostrana", "Mirelle", "Tarvik", "Sennholm",
         "Brackwater", "Lindor", "Castemar", "Orvell", "Pellan", "Quarry Hill", "Rosk"]
COUNTRIES = ["Arvenia", "Kestland", "Morvania", "Deloria", "Ustria", "Baltora", "Corvinia", "Sardan"]
ORGS = ["Harbour Workers' Union", "People's Alliance", "Civic Front", "National Renewal Party", "Tenants' League",
        "Transport Guild", "Green Assembly", "Workers' Federation"]
PEOPLE = [("Mara Ellison", "she"), ("Tomas Rieder", "he"), ("Ines Valcourt", "she"), ("Jonah Pettersen", "he"),
          ("Lucia Moravec", "she"), ("Anselm Kade", "he"), ("Petra Lindqvist", "she"), ("Oskar Brandt", "he")]
RIVERS = ["Elsin", "Marrow", "Tavy", "Ostra", "Vell"]
PRODUCTS = ["paint", "furniture", "tyre", "plastics", "textile", "fertiliser"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NTH = ["second", "third", "fourth"]

# edits applied to make syndicated or lightly edited copies
HEADERS = ["Independent news since 1987", "Your window on the region", "Breaking news, every hour",
           "By our correspondent", "Wire staff"]
FOOTERS = ["This story was provided by a news agency and has not been edited by our staff.",
           "Copyright the wire service. All rights reserved. Redistribution is prohibited without permission.",
           "Share this article: Facebook, X, Email. Sign up for our morning newsletter.",
           "Read more: Weather warnings extended across the north",
           "Reporting by the regional desk; editing by the night editor."]
EXTRA_PARAGRAPHS = ["Local officials said they would publish more details later in the day.",
                    "The area has seen several similar incidents in recent years, according to local media.",
                    "Our correspondent reports that the mood in the town centre was tense but calm by evening.",
                    "The national government has not yet commented on the events."]
SUBSTITUTIONS = {"said": "stated", "about": "around", "officials": "authorities", "city": "town",
                 "percent": "per cent", "people": "residents", "week": "seven days", "began": "started"}
