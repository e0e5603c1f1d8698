"""The content model: which header fields each kind of content has, of which type, and what they mean.

This module is the one definition. The reader enforces it, `docs/inhaltsmodell.md` is generated from it
(`invoke docs`; a test fails when the two differ), and templates, the chronicle and the open data read the typed
values it produces.
"""

from dataclasses import dataclass

from .values import (
    Choice,
    Date,
    DateOrUnknown,
    Integer,
    Items,
    NameList,
    Slug,
    Sources,
    Text,
    ValueType,
)


@dataclass(frozen=True)
class Field:
    name: str
    type: ValueType
    required: bool
    meaning: str
    example: str


TITLE = Field("title", Text(120), True, "Überschrift, reiner Text", "Zehn Spezialfahrzeuge für Mykolajiw")
SUMMARY = Field(
    "summary",
    Text(300),
    True,
    "Ein bis zwei Sätze für Übersichten, Suchmaschinen und Link-Vorschauen",
    "Hannover schickt Rettungswagen, Radlader und Transporter in die Partnerstadt.",
)
SOURCES = Field(
    "sources",
    Sources(),
    True,
    "Belege für jede Angabe im Text; Leserinnen und Leser können sie nachprüfen",
    "https://www.ndr.de/… NDR, 15. September 2022",
)
SOURCE_NOTE = Field(
    "source_note",
    Text(600),
    False,
    "Hinweis „Zu den Quellen“ unter der Quellenliste: worin die Quellen voneinander abweichen oder was sie "
    "offenlassen (der Text nennt nur, was sicher ist)",
    "Die Quellen nennen 13 oder 14 Personen.",
)
SLUG = Field(
    "slug",
    Slug(),
    False,
    "Letzter Teil der Adresse; ohne Angabe der Dateiname ohne .md",
    "zehn-spezialfahrzeuge",
)
LANG = Field(
    "lang",
    Choice("SITE_LANGUAGES"),
    False,
    "Sprache des Textes; ergibt sich aus dem Dateinamen (kontakt.uk.md), muss dazu passen",
    "uk",
)
STATUS = Field(
    "status",
    Choice(choices=["published", "draft", "hidden"]),
    False,
    "`draft`: Entwurf, wird nicht veröffentlicht; `hidden`: veröffentlicht, aber in keiner Liste",
    "draft",
)


def partners_field(required):
    return Field(
        "partners",
        NameList(),
        required,
        "Beteiligte Organisationen (Kurznamen aus content/partner/)",
        "lhh, mykolajiw",
    )


ARTICLE_COMMON = [
    TITLE,
    Field("date", Date(), True, "Datum des Ereignisses; bestimmt die Reihenfolge", "2022-12-07"),
    Field("kind", Choice("ARTICLE_KINDS"), True, "Art des Artikels; muss zum Ordner passen", "lieferung"),
    SUMMARY,
    SOURCES,
    SOURCE_NOTE,
    SLUG,
    LANG,
    STATUS,
]

KIND_FIELDS = {
    "besuch": [
        partners_field(True),
        Field(
            "delegation",
            Text(200),
            True,
            "Wer gereist ist, in einem Satzteil",
            "Bürgermeister Oleksandr Sienkevych und eine Delegation aus Mykolajiw",
        ),
        Field("start", Date(), True, "Erster Tag des Besuchs", "2023-04-17"),
        Field("end", Date(), True, "Letzter Tag des Besuchs; nicht vor dem ersten", "2023-04-20"),
    ],
    "lieferung": [
        partners_field(False),
        Field("items", Items(), True, "Was geliefert wurde, mit Anzahl und Einheit", "10 fahrzeuge Spezialfahrzeuge"),
        Field("donors", NameList(), True, "Wer die Güter gespendet oder bezahlt hat (Kurznamen)", "lhh, bmz"),
    ],
    "kooperation": [
        partners_field(False),
        Field(
            "parties",
            NameList(),
            True,
            "Wer die Vereinbarung geschlossen hat, von beiden Seiten (Kurznamen)",
            "hanova, svii-dim",
        ),
        Field("signed", DateOrUnknown(), True, "Tag der Unterzeichnung", "2025-10-13"),
        Field(
            "subject",
            Text(200),
            True,
            "Gegenstand der Vereinbarung, in einem Satzteil",
            "Zusammenarbeit beim Aufbau kommunaler Wohnungsverwaltung",
        ),
    ],
}

PAGE_FIELDS = [
    TITLE,
    Field(
        "summary",
        Text(300),
        False,
        "Ein Satz für Suchmaschinen und Link-Vorschauen",
        "Wer wir sind und wie Sie uns erreichen.",
    ),
    SLUG,
    Field("nav", Choice("NAV_MENUS"), False, "Menü, in dem die Seite erscheint: `main` oder `footer`", "main"),
    Field("order", Integer(), False, "Position im Menü (1 = zuerst)", "2"),
    Field(
        "sources",
        Sources(),
        False,
        "Belege für Tatsachen auf der Seite",
        "https://www.hannover.de/… Landeshauptstadt Hannover",
    ),
    SOURCE_NOTE,
    partners_field(False),
    LANG,
    STATUS,
]

# What a translation (kontakt.uk.md) may say for itself; everything else it takes from its original.
TRANSLATABLE_FIELDS = {
    "article": {
        "title", "summary", "delegation", "subject", "items", "sources", "source_note", "slug", "lang", "status",
    },
    "page": {"title", "summary", "sources", "source_note", "slug", "lang", "status"},
    "other": {"name", "label", "sources", "lang", "status"},
}

# Fields whose text the reader escapes and sets typographically, like a title.
TEXT_FIELDS = ("title", "summary", "delegation", "subject", "source_note")
# Fields that name partners; the partner plugin resolves them.
PARTNER_FIELDS = ("partners", "donors", "parties")


def article_fields(kind):
    return ARTICLE_COMMON + KIND_FIELDS.get(kind, [])


def all_article_field_names():
    names = {field.name for field in ARTICLE_COMMON}
    for fields in KIND_FIELDS.values():
        names.update(field.name for field in fields)
    return names


# The text `invoke new` puts where the body goes (editors/scaffold.py): it must not reach the live site.
BODY_PLACEHOLDER = (
    "Schreiben Sie hier den Text, in Absätzen; Zwischenüberschriften beginnen mit „## “.\n"
    "Jede Angabe muss durch eine der Quellen im Kopf belegt sein."
)
