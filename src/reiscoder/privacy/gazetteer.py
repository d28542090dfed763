"""What kind a capitalised word is, from what a Rotterdam researcher's transcripts contain.

Places the general Dutch lists (``deduce``) do not know: Rotterdam's districts and
neighbourhoods, and countries and regions people come from; words for nationalities and
languages (not a person: ``Turkse``, ``Pools``); words that head an organisation's name
(``Stichting Wijkpaleis``) and organisations every Rotterdam social worker names.
"""

from __future__ import annotations

from reiscoder.model.privacy import NameKind
from reiscoder.text.name_text import fold

ROTTERDAM_AREAS = frozenset(
    fold(name)
    for name in (
        "Afrikaanderwijk", "Agniesebuurt", "Beverwaard", "Bergpolder", "Blijdorp", "Bloemhof",
        "Bospolder", "Bospolder-Tussendijken", "Carnisse", "Charlois", "Cool", "Crooswijk",
        "Delfshaven", "Feijenoord", "Feyenoord", "Groot-IJsselmonde", "Heijplaat", "Hillegersberg",
        "Hillesluis", "Hoogvliet", "IJsselmonde", "Katendrecht", "Kleinpolder", "Kop van Zuid",
        "Kralingen", "Kralingen-Crooswijk", "Lombardijen", "Liskwartier", "Middelland",
        "Nesselande", "Nieuw-Crooswijk", "Nieuwe Westen", "Noordereiland", "Ommoord",
        "Oosterflank", "Oud-Charlois", "Oud-Crooswijk", "Oud-IJsselmonde", "Oud-Mathenesse",
        "Oude Noorden", "Oude Westen", "Overschie", "Pendrecht", "Pernis", "Prins Alexander",
        "Provenierswijk", "Rozenburg", "Rubroek", "Schiebroek", "Schiemond", "Spangen",
        "Stadsdriehoek", "Tarwewijk", "Tussendijken", "Vreewijk", "Wielewaal", "Witte Dorp",
        "Zevenkamp", "Zuidplein", "Zuidwijk", "Zestienhoven", "Lage Land", "Het Lage Land",
        "Rotterdam-Zuid", "Rotterdam-West", "Rotterdam-Noord", "Hoek van Holland", "Maasstad",
    )
)  # fmt: skip
COUNTRIES = frozenset(
    fold(name)
    for name in (
        "Nederland", "België", "Duitsland", "Frankrijk", "Spanje", "Portugal", "Italië", "Polen",
        "Roemenië", "Bulgarije", "Hongarije", "Litouwen", "Letland", "Oekraïne", "Rusland",
        "Turkije", "Marokko", "Algerije", "Tunesië", "Egypte", "Syrië", "Irak", "Iran",
        "Afghanistan", "Pakistan", "India", "China", "Indonesië", "Suriname", "Curaçao",
        "Aruba", "Bonaire", "Antillen", "Kaapverdië", "Ghana", "Nigeria", "Somalië",
        "Eritrea", "Ethiopië", "Sudan", "Jemen", "Libanon", "Griekenland", "Servië",
        "Bosnië", "Kosovo", "Albanië", "Engeland", "Amerika", "Brazilië", "Colombia",
        "Venezuela", "Molukken", "Rif", "Anatolië", "Istanbul", "Ankara", "Casablanca",
        "Tanger", "Nador", "Paramaribo", "Warschau", "Krakau", "Den Haag", "Amsterdam",
        "Utrecht", "Schiedam", "Vlaardingen", "Capelle", "Barendrecht", "Ridderkerk",
    )
)  # fmt: skip
# Nationalities and languages, with their adjectives and plurals (a word, not a name).
_PEOPLES = (
    "Nederland", "Marokka", "Turk", "Turks", "Surinam", "Antilliaan", "Pool", "Pools",
    "Roemeen", "Bulgaar", "Syriër", "Syrisch", "Somali", "Somalisch", "Eritreeër", "Eritrees",
    "Kaapverdiaan", "Hindoestaan", "Creool", "Molukker", "Moluks", "Koerd", "Koerdisch",
    "Berber", "Arabier", "Arabisch", "Afghaan", "Irakees", "Iraniër", "Iraans", "Chinees",
    "Indonesiër", "Indisch", "Ghanees", "Nigeriaan", "Duitser", "Duits", "Belg", "Belgisch",
    "Fransman", "Frans", "Engels", "Brit", "Brits", "Spanjaard", "Spaans", "Portugees",
    "Italiaan", "Italiaans", "Griek", "Grieks", "Rus", "Russisch", "Oekraïner", "Oekraïens",
    "Hongaar", "Hongaars", "Litouwer", "Litouws", "Letlander", "Lets", "Serviër", "Servisch",
    "Bosniër", "Bosnisch", "Albanees", "Egyptenaar", "Egyptisch", "Tunesiër", "Tunesisch",
    "Algerijn", "Algerijns", "Papiamento", "Sranantongo", "Tamazight", "Europeaan",
    "Europees", "Afrikaan", "Afrikaans", "Aziaat", "Aziatisch", "Amerikaan", "Amerikaans",
    "Braziliaan", "Braziliaans", "Rotterdammer", "Amsterdammer", "Hagenaar", "Islam",
    "Islamitisch", "Moslim", "Christen", "Christelijk", "Joods", "Hindoe", "Hindoeïstisch",
)  # fmt: skip
_ENDINGS = ("", "e", "en", "s", "se", "ers", "er", "ische", "isch", "ans", "aanse", "aans")
NATIONALITIES = frozenset(fold(word + ending) for word in _PEOPLES for ending in _ENDINGS) | {
    fold(w)
    for w in (
        "Marokkaan",
        "Marokkaans",
        "Marokkaanse",
        "Marokkanen",
        "Surinamer",
        "Surinaams",
        "Surinaamse",
        "Surinamers",
        "Turkse",
        "Turken",
        "Polen",
        "Poolse",
        "Roemeense",
        "Bulgaarse",
        "Somalische",
        "Kaapverdiaanse",
        "Antilliaanse",
        "Hindoestaanse",
        "Creoolse",
        "Nederlandse",
        "Duitse",
        "Franse",
        "Engelse",
        "Spaanse",
        "Portugese",
        "Griekse",
        "Chinese",
        "Arabische",
        "Koerdische",
        "Eritrese",
        "Syrische",
    )
} - {fold("Polen")}  # Polen is the country
ORGANISATION_HEADS = frozenset(
    fold(word)
    for word in (
        "Stichting", "Vereniging", "Buurthuis", "Wijkcentrum", "Wijkteam", "Gemeente",
        "Coöperatie", "Moskee", "Kerk", "Basisschool", "School", "College", "Hogeschool",
        "Universiteit", "Bibliotheek", "Voedselbank", "Woningcorporatie", "Huurdersvereniging",
        "Bewonersorganisatie", "Bewonerscommissie", "Speeltuin", "Speeltuinvereniging",
        "Sportvereniging", "Jongerencentrum", "Zorgcentrum", "Verzorgingshuis",
        "Huisartsenpraktijk",
        "Kinderopvang", "Kerkgemeenschap", "Platform", "Coalitie", "Wijkraad", "Wijkcomité",
        "Buurtwerk", "Buurtcentrum", "Welzijn", "Welzijnsorganisatie", "Stadsdeel",
    )
)  # fmt: skip
ORGANISATIONS = frozenset(
    fold(name)
    for name in (
        "Woonstad", "Havensteder", "Vestia", "Humanitas", "Dock", "SOL", "Ikwilwerken",
        "Gemeente Rotterdam", "Wijkpaleis", "Hogeschool Rotterdam", "Erasmus MC", "GGD",
        "Leger des Heils", "Pameijer", "Antes", "Laurens", "Aafje", "Buurtwerk", "Wmo-radar",
        "Stichting Wijkpaleis", "Roteb", "RET", "Stadsbibliotheek", "Vluchtelingenwerk",
        "Kinderpostzegels", "Rode Kruis", "Albert Heijn", "Lidl", "Jumbo", "Aldi", "Hema",
    )
)  # fmt: skip
PLACE_ENDINGS = (
    "wijk", "straat", "plein", "laan", "weg", "dijk", "kade", "park", "buurt", "dorp",
    "stad", "haven", "oord", "veen", "dam", "singel", "hof", "polder", "brug", "markt",
    "gracht", "dreef", "steeg", "plantsoen", "kwartier", "eiland", "bocht", "kade", "pad",
)  # fmt: skip


def known_kind(name: str) -> NameKind | None:
    """The kind of a name these lists know, or None."""
    key = fold(name)
    words = key.split()
    if key in ROTTERDAM_AREAS or key in COUNTRIES:
        return NameKind.PLACE
    if key in ORGANISATIONS or (len(words) > 1 and words[0] in ORGANISATION_HEADS):
        return NameKind.ORGANISATION
    if key in NATIONALITIES:
        return NameKind.OTHER
    return None


def looks_like_place(name: str) -> bool:
    last = fold(name).split()[-1] if name.split() else ""
    return any(last.endswith(ending) and last != ending for ending in PLACE_ENDINGS)
