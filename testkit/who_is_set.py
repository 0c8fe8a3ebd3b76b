"""Who-is labels built by reading seeds/: people who appear with a title or role, and every role the texts
give them (past roles and nominations included), for measuring the roles our who-is answers show.

Each role is a regular expression over the role as we show it, lower-cased; `accepted` lists other
wordings the texts also use for the person that are right but are not separate roles (a rank, a role a
reporter gives in a question). A surname, where the seeds use it alone, must resolve to the full name.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    name: str
    roles: dict[str, str]  # role -> regex matching the ways the seeds write it
    surname: str | None = None
    accepted: tuple[str, ...] = field(default_factory=tuple)


PEOPLE = [
    Person("Kurt Campbell", {
        "Indo-Pacific Coordinator, National Security Council": r"indo-pacific (coordinator|affairs)",
        "Deputy Assistant to the President": r"deputy assistant to the president",
        "nominee for Deputy Secretary of State": r"nominee for deputy secretary of state",
        "Assistant Secretary of State for East Asian and Pacific Affairs (2009–2013)":
            r"^assistant secretary of state for east asian",
        "founding Chairman and CEO of The Asia Group": r"asia group",
        "CEO and co-founder of the Center for a New American Security": r"center for a new american security",
        "Director of the Aspen Strategy Group": r"aspen strategy group",
        "Chairman of the Editorial Board of the Washington Quarterly": r"washington quarterly",
        "Deputy Assistant Secretary of Defense for Asian and Pacific Affairs": r"deputy assistant secretary of defense",
        "White House Fellow at the Treasury Department": r"fellow at the treasury",
        "Director of the Democracy Office at the National Security Council": r"democracy office",
    }, surname="Campbell"),
    Person("Jake Sullivan", {"National Security Advisor": r"national security advis[oe]r"}, surname="Sullivan"),
    Person("Wang Yi", {
        "State Councilor": r"state councilor",
        "Foreign Minister": r"foreign minister",
        "Director of the Office of the Foreign Affairs Commission": r"foreign affairs commission",
        "Politburo Member": r"politburo member",
    }, accepted=(r"^director$", r"diplomat")),
    Person("Antony Blinken", {"Secretary of State": r"^secretary( of state)?$"}, surname="Blinken",
           accepted=(r"diplomat",)),
    Person("Xi Jinping", {"President of the People's Republic of China": r"^president$"}, surname="Xi"),
    Person("Joe Biden", {
        "President of the United States": r"^president$",
        "Vice President (before; 'when he was Vice President Biden')": r"^vice president$",
    }, surname="Biden"),
    Person("Daniel Kritenbrink", {
        "Assistant Secretary of State for East Asian and Pacific Affairs": r"assistant secretary",
    }, surname="Kritenbrink", accepted=(r"top diplomat for east asia",)),
    Person("Karine Jean-Pierre", {"Press Secretary": r"press secretary"}, surname="Jean-Pierre"),
    Person("John Kirby", {
        "NSC Coordinator for Strategic Communications": r"coordinator for strategic communications",
    }, surname="Kirby", accepted=(r"^admiral$",)),
    Person("Qin Gang", {"Foreign Minister": r"foreign minister"}),
    Person("Wendy Sherman", {"Deputy Secretary of State": r"deputy secretary"}, surname="Sherman"),
    Person("Ned Price", {"Department Spokesperson": r"spokesperson"}),
    Person("Victoria Nuland", {
        "Acting Deputy Secretary of State": r"acting deputy secretary",
        "Under Secretary": r"under secretary",
    }, surname="Nuland", accepted=(r"acting assistant secretary",)),
    Person("Molly Phee", {"Assistant Secretary of State for African Affairs": r"assistant secretary"}, surname="Phee",
           accepted=(r"^secretary$",)),  # a reporter: "Secretary Phee"
    Person("Anthony Albanese", {"Prime Minister of Australia": r"prime minister"}, surname="Albanese"),
    Person("Rishi Sunak", {"Prime Minister of the United Kingdom": r"prime minister"}, surname="Sunak"),
    Person("Julie Su", {
        "Acting Secretary of Labor": r"acting labor secretary|labor secretary|secretary of labor",
        "nominee for Secretary of Labor": r"nominee|cabinet secretary",
    }),
    Person("Retno Marsudi", {"Foreign Minister of Indonesia": r"foreign minister"}, surname="Retno"),
    Person("Joe Courtney", {
        "Representative": r"^representative$",
        "founder of the bipartisan AUKUS working group": r"aukus working group",
    }),
    Person("Kamala Harris", {"Vice President": r"^vice president$"}, surname="Harris"),
    Person("Michael Schiffer", {"USAID Assistant Administrator for Asia": r"assistant administrator"}),
    Person("Celeste Drake", {"NEC Deputy Director": r"deputy director"}),
    Person("Vladimir Putin", {"President of Russia": r"^(russian )?president$"}, surname="Putin"),
    Person("Gina Raimondo", {"Secretary of Commerce": r"^secretary( of commerce)?$"}, surname="Raimondo"),
    Person("Lloyd Austin", {"Secretary of Defense": r"^secretary( of defense)?$"}, surname="Austin"),
    Person("Nick Burns", {"Ambassador to China": r"ambassador"}),
]
