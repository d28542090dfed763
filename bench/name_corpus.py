"""A generated corpus of Dutch interview transcripts full of names, with the truth about them.

Residents and workers of Rotterdam with Dutch, Moroccan, Turkish, Surinamese (Hindustani and
Creole), Polish, Cape Verdean and Antillean names; neighbourhoods, streets, countries and
organisations. Names stand in every position a transcript has them: speaker labels, sentence
starts and vocatives, after titles (``mevrouw Çelik``), possessives (``Fatima's``),
diminutives, plurals (``de Kaya's``), spelled without accents or with a hyphen.

Every mention is recorded with its place in the text and its kind, so that a benchmark can
count which mentions the suggestions cover.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST_LAST = {
    "dutch": (
        ["Ingrid", "Kees", "Annemieke", "Joost", "Marieke", "Henk", "Sanne", "Bram", "Els",
         "Wouter", "Petra", "Ruud", "Lotte", "Gerrit", "Mirjam", "Daan"],
        ["Verbeek", "Brouwer", "van Dijk", "de Jong", "Smits", "van der Linden", "Visser",
         "Mulder", "de Groot", "Kuipers", "van Leeuwen", "Hoekstra", "Dekker", "Bos"],
    ),
    "moroccan": (
        ["Fatima", "Youssef", "Khadija", "Mohamed", "Nadia", "Said", "Samira", "Hamid",
         "Naima", "Karim", "Loubna", "Rachid", "Hafsa", "Bilal", "Souad", "Anouar"],
        ["El Amrani", "Bakkali", "Ouali", "Azzouz", "Benali", "El Idrissi", "Boukhari",
         "Aït Said", "Tahiri", "El Khattabi", "Ziani", "Bouzid", "Amrani", "Haddouchi"],
    ),
    "turkish": (
        ["Mehmet", "Ayşe", "Emre", "Zeynep", "Hatice", "Burak", "Elif", "Murat", "Sevda",
         "Kemal", "Gülşen", "Ömer", "Derya", "Hüseyin", "Esra", "Yusuf"],
        ["Yılmaz", "Kaya", "Demir", "Çelik", "Öztürk", "Şahin", "Aydın", "Arslan", "Doğan",
         "Kılıç", "Koç", "Aksoy", "Güneş", "Erdoğan"],
    ),
    "surinamese": (
        ["Ravindra", "Priscilla", "Winston", "Shanti", "Marlon", "Sharda", "Rajesh", "Glenda",
         "Sunita", "Romeo", "Anjali", "Errol", "Kavita", "Dewanand", "Ingrid", "Roy"],
        ["Ramdin", "Doorson", "Pinas", "Jagessar", "Sedney", "Ramsaran", "Lachmon",
         "Kensenhuis", "Mahabier", "Bhagwandin", "Fung A Loi", "Biharie", "Sewnath", "Tjon"],
    ),
    "polish": (
        ["Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Krzysztof", "Joanna",
         "Paweł", "Małgorzata", "Łukasz", "Anna", "Marek", "Ewa", "Grzegorz"],
        ["Nowak", "Kowalski", "Wiśniewska", "Zieliński", "Wójcik", "Kamińska", "Lewandowski",
         "Dąbrowska", "Szymański", "Kozłowska", "Jankowski", "Mazur"],
    ),
    "caribbean": (
        ["Jair", "Nilda", "Djamila", "Edson", "Ivanilda", "Rudsel", "Shurandy", "Gisela"],
        ["Martina", "Lopes", "Tavares", "Fernandes", "Semedo", "Isenia", "Winklaar", "Brito"],
    ),
}  # fmt: skip
# First names that are also Dutch words: at a sentence start only a name detector knows them.
WORD_NAMES = ["Roos", "Mark", "Frank", "Iris", "Jasmijn", "Bas", "Rik", "Hans", "Sterre",
              "Merel", "Vera", "Hoop", "Bloem", "Storm", "Dirk", "Pim"]  # fmt: skip
AREAS = ["Bospolder-Tussendijken", "Katendrecht", "Afrikaanderwijk", "Tarwewijk", "Carnisse",
         "Hillesluis", "Bloemhof", "Delfshaven", "Spangen", "Oude Westen", "Crooswijk",
         "Lombardijen", "Pendrecht", "Feijenoord", "Middelland", "Ommoord"]  # fmt: skip
STREETS = ["Mathenesserlaan", "Putselaan", "Beijerlandselaan", "Groene Hilledijk",
           "Nieuwe Binnenweg", "West-Kruiskade", "Zwart Janstraat", "Pleinweg",
           "Vierambachtsstraat", "Schiedamseweg", "Wolphaertsbocht", "Dordtselaan"]  # fmt: skip
COUNTRIES = ["Polen", "Marokko", "Turkije", "Suriname", "Kaapverdië", "Curaçao", "Bulgarije"]
ORGANISATIONS = ["Stichting Wijkpaleis", "Woonstad", "Stichting Meedoen", "Humanitas",
                 "Buurthuis De Klimop", "Moskee Mevlana", "Stichting Buurtkracht",
                 "Vereniging Ons Huis", "Speeltuinvereniging Bospolder", "Havensteder",
                 "Stichting Pit", "Voedselbank Rotterdam"]  # fmt: skip
WITHOUT_ACCENTS = str.maketrans("ıçşğöüéëïłńśźżąęóćÇŞÖÜ", "icsgoueeilnszzaeocCSOU")


@dataclass(frozen=True)
class Person:
    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def surname(self) -> str:  # capitalised as it opens a phrase: De Jong, El Amrani
        return self.last[0].upper() + self.last[1:]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # person, place, organisation
    entity: str  # the entity's name as it is meant (the full name of a person)


@dataclass
class Transcript:
    name: str
    text: str = ""
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Corpus:
    transcripts: list[Transcript]
    entities: dict[str, str]  # name -> kind (every person, place and organisation)


def people(rng: random.Random, count: int) -> list[Person]:
    found: dict[str, Person] = {}
    origins = list(FIRST_LAST)
    while len(found) < count:
        firsts, lasts = FIRST_LAST[rng.choice(origins)]
        person = Person(rng.choice(firsts), rng.choice(lasts))
        found.setdefault(person.full, person)
    return list(found.values())


def generate(documents: int = 30, seed: int = 14) -> Corpus:
    rng = random.Random(seed)
    everyone = people(rng, documents * 4)
    entities = {p.full: "person" for p in everyone}
    entities |= {name: "place" for name in AREAS + STREETS + COUNTRIES}
    entities |= {name: "organisation" for name in ORGANISATIONS}
    transcripts = []
    for number in range(documents):
        respondent = everyone[number]
        others = rng.sample([p for p in everyone if p != respondent], 4)
        word_name = Person(WORD_NAMES[number % len(WORD_NAMES)], rng.choice(FIRST_LAST["dutch"][1]))
        entities[word_name.full] = "person"
        transcripts.append(_transcript(rng, number, respondent, others + [word_name]))
    return Corpus(transcripts, entities)


class _Writer:
    def __init__(self, transcript: Transcript) -> None:
        self.t = transcript

    def text(self, text: str) -> None:
        self.t.text += text

    def name(self, text: str, kind: str, entity: str, suffix: str = "") -> None:
        start = len(self.t.text)
        self.t.text += text + suffix
        self.t.mentions.append(Mention(start, start + len(text) + len(suffix), kind, entity))


def _transcript(rng: random.Random, number: int, who: Person, others: list[Person]) -> Transcript:
    a, b, c, d, e = others
    area, street = rng.choice(AREAS), rng.choice(STREETS)
    org, country = rng.choice(ORGANISATIONS), rng.choice(COUNTRIES)
    t = Transcript(f"interview_{who.first}_{who.last.replace(' ', '_')}_{2020 + number % 5}")
    w = _Writer(t)
    label = who.first
    w.text("Interviewer: Goedemiddag. ")
    w.name(who.first, "person", who.full)
    w.text(", fijn dat je er bent. Hoe lang woon je al in ")
    w.name(area, "place", area)
    w.text("?\n\n")
    w.name(label, "person", who.full)
    w.text(": Al twintig jaar. Ik ben ")
    w.name(who.full, "person", who.full)
    w.text(" en ik woon op de ")
    w.name(street, "place", street)
    w.text(". Mijn moeder komt uit ")
    w.name(country, "place", country)
    w.text(".\n\nInterviewer: Graag. ")
    w.name(a.first, "person", a.full)
    w.text(", die je noemde, wie is dat?\n\n")
    w.name(label, "person", who.full)
    w.text(": ")
    w.name(a.first, "person", a.full)
    w.text(" is mijn buurvrouw. ")
    w.name(a.first, "person", a.full, "'s")
    w.text(" zoon helpt mij. Mevrouw ")
    w.name(a.surname if rng.random() < 0.5 else a.last, "person", a.full)
    w.text(" kookt elke vrijdag voor de straat. We noemen haar ")
    w.name(_diminutive(a.first), "person", a.full)
    w.text(".\n\nInterviewer: En bij ")
    w.name(org, "organisation", org)
    w.text("?\n\n")
    w.name(label, "person", who.full)
    w.text(": Daar werkt ")
    w.name(b.full, "person", b.full)
    w.text(". ")
    w.name(b.surname, "person", b.full)
    w.text(" regelt alles. Met ")
    w.name(c.full.translate(WITHOUT_ACCENTS), "person", c.full)
    w.text(" doe ik de moestuin. De ")
    w.name(c.surname, "person", c.full, "s")
    w.text(" wonen al lang in ")
    w.name(area.replace("-", " "), "place", area)
    w.text(".\n\nInterviewer: ")
    w.name(d.first, "person", d.full)
    w.text(", wat zie je hier?\n\n")
    w.name(d.first, "person", d.full)
    w.text(": Ik zie het plein. Dat zei ")
    w.name(d.full, "person", d.full)
    w.text(" al, en ")
    w.name(b.first, "person", b.full)
    w.text(" ook. [lacht] ")
    w.name(d.first, "person", d.full)
    w.text(" weet dat wel. Ze zei: “")
    w.name(a.first.translate(WITHOUT_ACCENTS), "person", a.full)
    w.text(" komt ook.” Meneer ")
    w.name(b.surname, "person", b.full)
    w.text(" (van ")
    w.name(org, "organisation", org)
    w.text(") belde. ")
    w.name(e.first, "person", e.full)  # only here, opening a sentence
    w.text(" zegt dat ook. Soms gaan we naar ")
    w.name(rng.choice(AREAS), "place", "")
    w.text(".\n")
    t.mentions = [m if m.entity else _fix(m, t.text) for m in t.mentions]
    return t


def _fix(mention: Mention, text: str) -> Mention:
    return Mention(mention.start, mention.end, mention.kind, text[mention.start : mention.end])


def _diminutive(first: str) -> str:
    if first[-1] in "aiouy":
        return f"{first}{first[-1]}tje"
    if first[-1] == "e":
        return f"{first}tje"
    return f"{first}tje" if first[-1] in "lnr" else f"{first}je"
