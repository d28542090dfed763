"""What counts as a speaker label or a timestamp: configurable per import, Dutch defaults."""

from __future__ import annotations

from dataclasses import dataclass, field

# Words that name a role in a conversation. A label that starts with one of them ("Respondent",
# "Respondent 2", "Interviewer Sanne") is a speaker wherever it stands at a line start.
DEFAULT_ROLE_WORDS: frozenset[str] = frozenset(
    {
        "interviewer", "interviewster", "interviewee", "geïnterviewde", "geinterviewde",
        "respondent", "respondente", "spreker", "spreekster", "deelnemer", "deelneemster",
        "gespreksleider", "gespreksleidster", "moderator", "facilitator", "onderzoeker",
        "onderzoekster", "student", "studente", "docent", "bewoner", "bewoonster", "werker",
        "jongerenwerker", "buurtwerker", "opbouwwerker", "wijkagent", "vrijwilliger",
        "begeleider", "tolk", "notulist", "vraag", "antwoord", "man", "vrouw", "persoon",
        "stem", "speaker", "participant", "host", "gast",
    }
)  # fmt: skip

# Courtesy titles: "Mevr. El Amrani", "Dhr. de Vries", "De heer Jansen".
DEFAULT_TITLES: frozenset[str] = frozenset(
    {
        "mevr.", "mevr", "mevrouw", "mw.", "mw", "dhr.", "dhr", "de heer", "meneer", "mr.",
        "dr.", "drs.", "ir.", "ing.", "prof.", "ds.", "juf", "meester", "mrs.", "mr",
        "ms.",
    }
)  # fmt: skip

# Lower-case words that may stand inside a name: "Jan van der Berg", "Fatima El Amrani".
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "’t", "el", "al",
        "bin", "ben", "da", "di", "du", "dos", "le", "la", "von", "zu", "ibn", "abu", "op",
    }
)  # fmt: skip

# Capitalised words that end in a colon at a line start without naming a speaker:
# "Kortom: ...", "Datum: 12 maart", "Zij zei: ...".
DEFAULT_NOT_SPEAKERS: frozenset[str] = frozenset(
    {
        # header and document words
        "datum", "tijd", "tijdstip", "duur", "locatie", "plaats", "plek", "adres", "onderwerp",
        "titel", "thema", "project", "etappe", "wijk", "buurt", "bron", "bestand",
        "transcript", "transcriptie", "opname", "aanwezig", "aanwezigen", "deelnemers",
        "sprekers", "respondenten", "interviewers", "codes", "code", "opmerking",
        "opmerkingen", "noot", "noten", "notitie", "notities", "let op", "tip", "waarschuwing",
        "samenvatting", "conclusie", "conclusies", "inleiding", "vragen", "antwoorden",
        "bijlage", "bijlagen", "toelichting", "context", "doel", "methode", "resultaat",
        "resultaten", "agenda", "actiepunten", "actiepunt", "pagina", "versie", "status",
        "leeftijd", "geslacht", "beroep", "functie", "rol", "organisatie", "naam", "email",
        "e-mail", "telefoon", "tel", "website", "link", "zie", "nb", "n.b", "ps", "p.s",
        "ok", "oké", "oke", "note", "date", "time", "location", "subject", "title",
        "abstract", "summary", "keywords", "trefwoorden", "kernwoorden", "introduction",
        "discussie", "discussion", "literatuur", "referenties", "references", "figuur",
        "tabel", "figure", "table", "casus", "case", "achtergrond", "aanleiding",
        # function words and discourse markers that can open a sentence with a colon
        "ik", "jij", "je", "u", "hij", "zij", "ze", "wij", "we", "jullie", "men", "het",
        "de", "een", "dit", "dat", "deze", "die", "dus", "maar", "en", "of", "want", "toen",
        "nou", "ja", "nee", "kortom", "oftewel", "namelijk", "bijvoorbeeld", "bijv",
        "eerst", "daarna", "vervolgens", "tenslotte", "ten slotte", "dan", "daarom",
        "waarom", "hoe", "wat", "wie", "waar", "wanneer", "welke", "zo", "toch", "wel",
        "niet", "ook", "nog", "al", "alles", "niets", "iets", "iemand", "niemand",
        "belangrijk", "probleem", "punt", "vraag is", "antwoord is", "feit", "stelling",
        "voorbeeld", "voorbeelden", "citaat", "quote", "eh", "uh", "ehm", "hm", "hmm",
        "goed", "prima", "precies", "klopt", "juist", "inderdaad", "zeker", "natuurlijk",
        "hallo", "hoi", "dag", "welkom", "bedankt", "dank", "dankjewel", "sorry",
        "overigens", "trouwens", "eigenlijk", "gewoon", "echt", "nu", "later", "vroeger",
        "vandaag", "gisteren", "morgen", "vanavond", "straks", "ondertussen", "intussen",
        "daarnaast", "bovendien", "verder", "ten eerste", "ten tweede", "ten derde",
        "enerzijds", "anderzijds", "let wel", "stel", "stel je voor", "kijk", "luister",
        "dit is", "dat is", "het is", "er is", "dus ja", "mijn", "zijn", "haar", "onze",
        "ons", "jouw", "uw", "hun", "hen", "hem", "elk", "ieder", "iedereen", "alle",
    }
)  # fmt: skip

# Timestamp shapes: [00:12:31], [12:31], (12:31), 00:12:31 -, 00:12:31.250, {00:12:31}.
# Each pattern must define the groups m and s and may define h and ms.
_CLOCK = r"(?:(?P<h>\d{1,2}):(?=\d{2}:))?(?P<m>\d{1,3}):(?P<s>[0-5]\d)(?:[.,](?P<ms>\d{1,3}))?"
DEFAULT_TIMESTAMP_PATTERNS: tuple[str, ...] = (
    r"\[" + _CLOCK + r"\]",
    r"\(" + _CLOCK + r"\)",
    r"\{" + _CLOCK + r"\}",
    # bare: with hours, or followed by a dash, or alone at the end of the line
    r"(?<![\d:.,])" + _CLOCK + r"(?![\d:])(?=[ \t]*[-–—|]|[ \t]*$|(?(h)[ \t]|(?!)))",
)


@dataclass
class TurnPatterns:
    """How to find speaker turns; the defaults suit Dutch interview transcripts.

    role_words: labels that start with one of these words always count as speakers.
    titles: courtesy titles that make a following name a speaker ("Mevr. El Amrani").
    speakers: names the user says are speakers in this file; always recognised.
    extra_label_patterns: regular expressions; a label that matches one in full is a speaker.
    not_speakers: labels that never count ("Datum", "Kortom", "Let op", ...), lower case.
    accept_names: whether labels that look like names ("Fatima:", "Jan-Willem:") count.
    min_name_repeats: how often a name label must open a line before it counts by itself;
        a name seen fewer times counts only in a conversation whose other labels are
        certain and when the word does not also occur in lower case in the text.
    max_label_chars, max_label_words: longer labels are read as sentences.
    timestamp_patterns: regular expressions with groups m and s (h and ms optional).
    """

    role_words: frozenset[str] = DEFAULT_ROLE_WORDS
    titles: frozenset[str] = DEFAULT_TITLES
    speakers: tuple[str, ...] = ()
    extra_label_patterns: tuple[str, ...] = ()
    not_speakers: frozenset[str] = DEFAULT_NOT_SPEAKERS
    accept_names: bool = True
    min_name_repeats: int = 2
    max_label_chars: int = 40
    max_label_words: int = 5
    timestamp_patterns: tuple[str, ...] = field(default=DEFAULT_TIMESTAMP_PATTERNS)
