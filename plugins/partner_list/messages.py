"""The plugin's messages to editors, per language: PARTNER_MESSAGES_LANG or else the site's DEFAULT_LANG picks
one (English if unknown).

A site in another language adds its own with the PARTNER_MESSAGES setting: {"fr": {key: text, ...}}.
Each message is "what is wrong" and "how to fix it"; {placeholders} are filled in by the caller.
"""

MESSAGES = {
    "en": {
        "unknown_partner": ("The partner “{name}” is unknown", "{hint}Known short names are the file names in {paths}."),
        "did_you_mean": "did you mean {names}? ",
        "duplicate": ("The short name “{slug}” is already used by {others}", "give each partner its own short name."),
        "missing_name": ("The partner has no name", "add a line “Name: …” to the header."),
        "bad_slug": ("“{value}” is not a usable short name", "use lowercase letters a–z, digits and hyphens only{hint}."),
        "bad_website": ("“{value}” is not a web address", "write the full address beginning with https://."),
        "missing_logo_alt": ("The logo has no alternative text", "add a line “Logo_alt: …” that says what the logo shows."),
        "missing_logo": ("The logo file “{value}” does not exist", "put the file next to the partner file or fix the name."),
        "logo_elsewhere": ("The logo “{value}” is not next to the partner file", "put the logo file in the partner file's folder and write only its name."),
        "unreadable_logo": ("The logo file “{value}” is not an image that can be read", "save the logo as SVG or PNG."),
        "slug_suggestion": ", e.g. “{value}”",
        "unknown_value": ("“{value}” is not one of the allowed values", "allowed: {allowed}."),
        "missing_value": ("This field is required", "add a line “{field}: …” (allowed: {allowed})."),
        "unknown_field": ("This field is unknown", "{hint}allowed fields: {allowed}."),
        "not_text": ("This field takes one line", "write the value on one line."),
        "bad_marker": ("The partner list marker “{marker}” is not understood", "write e.g. <!-- partners side=… kind=… -->."),
        "problems": "{count} problem(s) with partners (see above).",
        "quote": "“{text}”",
    },
    "de": {
        "unknown_partner": ("Den Partner „{name}“ gibt es nicht", "{hint}Bekannte Kurznamen sind die Dateinamen in {paths}."),
        "did_you_mean": "meinten Sie {names}? ",
        "duplicate": ("Den Kurznamen „{slug}“ hat schon {others}", "geben Sie jedem Partner einen eigenen Kurznamen."),
        "missing_name": ("Der Partner hat keinen Namen", "ergänzen Sie im Kopf eine Zeile „Name: …“."),
        "bad_slug": ("„{value}“ ist als Kurzname nicht geeignet", "verwenden Sie nur Kleinbuchstaben a–z, Ziffern und Bindestriche{hint}."),
        "bad_website": ("„{value}“ ist keine Web-Adresse", "schreiben Sie die vollständige Adresse, beginnend mit https://."),
        "missing_logo_alt": ("Das Logo hat keinen Alternativtext", "ergänzen Sie eine Zeile „Logo_alt: …“, die sagt, was das Logo zeigt."),
        "missing_logo": ("Die Logo-Datei „{value}“ gibt es nicht", "legen Sie die Datei neben die Partnerdatei oder korrigieren Sie den Namen."),
        "logo_elsewhere": ("Das Logo „{value}“ liegt nicht neben der Partnerdatei", "legen Sie die Logo-Datei in den Ordner der Partnerdatei und schreiben Sie nur ihren Namen."),
        "unreadable_logo": ("Die Logo-Datei „{value}“ ist kein lesbares Bild", "speichern Sie das Logo als SVG oder PNG."),
        "slug_suggestion": ", z. B. „{value}“ (Umlaute ausgeschrieben: ä → ae, ö → oe, ü → ue, ß → ss)",
        "unknown_value": ("„{value}“ ist kein erlaubter Wert", "erlaubt sind: {allowed}."),
        "missing_value": ("Das Pflichtfeld fehlt", "ergänzen Sie eine Zeile „{field}: …“ (erlaubt: {allowed})."),
        "unknown_field": ("Dieses Feld ist unbekannt", "{hint}erlaubte Felder: {allowed}."),
        "not_text": ("Dieses Feld hat nur eine Zeile", "schreiben Sie den Wert in eine Zeile."),
        "bad_marker": ("Die Markierung „{marker}“ für eine Partnerliste ist unverständlich", "schreiben Sie z. B. <!-- partners side=… kind=… -->."),
        "problems": "{count} Problem(e) mit Partnern (siehe oben).",
        "quote": "„{text}“",
    },
}


class Messages:
    def __init__(self, settings):
        catalogs = dict(MESSAGES)
        catalogs.update(settings.get("PARTNER_MESSAGES", {}))
        lang = settings.get("PARTNER_MESSAGES_LANG") or settings.get("DEFAULT_LANG", "en")
        self.catalog = {**catalogs["en"], **catalogs.get(lang, {})}

    def quote(self, text):
        return self.catalog["quote"].format(text=text)

    def __call__(self, key, **values):
        entry = self.catalog[key]
        if isinstance(entry, tuple):
            return tuple(part.format(**values) for part in entry)
        return entry.format(**values)
