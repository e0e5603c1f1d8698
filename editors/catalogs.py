"""The theme's translation catalogs: extract, update, check (invoke i18n / i18n --check).

Templates and settings are written with German msgids; theme/translations/<lang>/LC_MESSAGES/messages.po
holds each other language. The localization plugin compiles them in memory at build time.
"""

import os
import subprocess
import sys

from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(ROOT, "theme", "translations")
TEMPLATE = os.path.join(FOLDER, "messages.pot")


def extract(output=TEMPLATE):
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_", "--no-location",
         "--sort-output", "--omit-header", "-o", output, "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    return output


def update(languages):
    for lang in languages:
        po = os.path.join(FOLDER, lang, "LC_MESSAGES", "messages.po")
        command = "update" if os.path.exists(po) else "init"
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", command, "-i", TEMPLATE, "-d", FOLDER, "-l", lang,
             "--no-wrap"] + (["--omit-header"] if command == "update" else []),
            cwd=ROOT, check=True, capture_output=True,
        )


def problems(lang, template=TEMPLATE):
    """Messages of the template that the language's catalog lacks, leaves empty or marks fuzzy."""
    with open(template, "rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    with open(os.path.join(FOLDER, lang, "LC_MESSAGES", "messages.po"), "rb") as handle:
        catalog = read_po(handle, locale=lang)
    found = []
    for msgid in sorted(wanted, key=str):
        message = catalog.get(msgid)
        if message is None:
            found.append(f"{lang}: missing: {msgid!r}")
        elif message.fuzzy:
            found.append(f"{lang}: fuzzy: {msgid!r}")
        elif not (all(message.string) if isinstance(message.string, tuple) else message.string):
            found.append(f"{lang}: untranslated: {msgid!r}")
    return found
