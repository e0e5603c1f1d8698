"""Tasks for editors and developers (`invoke --list`). The Makefile's targets call these.

    invoke build              build the site into output/ (strict: any problem fails, output/ stays as it was)
    invoke build --publish    the same with the live site's settings (publishconf.py)
    invoke preview            build, serve on http://127.0.0.1:8000 and rebuild + reload the browser on every save
    invoke new lieferung "Titel"   a new article (also besuch, kooperation), page (seite), partner
                              (--kurzname), or translation (uebersetzung <datei> --sprache uk)
    invoke check              check all content without building (also the pre-commit hook)
    invoke offen              what the city still has to supply before launch (open items in the texts)
    invoke test               run the whole test suite
    invoke docs               regenerate docs/inhaltsmodell.md and cms/config.yml from the content model
    invoke cms                serve the web editor (Sveltia CMS) on http://localhost:8001/admin/ (local mode)
    invoke i18n               extract the theme's UI strings and update the uk/en catalogs (--check: only check)
    invoke bench              print build-time benchmarks (see bench/README.md)
    German names work too: invoke neu, uebersetzung <datei> --sprache uk, pruefen, vorschau, bauen, hilfe
    invoke publish            build with publishconf.py and upload to our own server over SSH, switching the
                              live site only when the upload is complete (PUBLISH_TARGET=user@host:/srv/…)
    invoke rollback           switch the live site back to the previous release (--to <name>: to that one)
    invoke releases           list the releases on the server, the live one marked
"""

import functools
import os
import sys

from invoke import task

# How this command was started, from where it was started (tasks change into the project folder): the preview
# starts itself again this way when the plugins' code changes.
_STARTED_AS = [os.path.abspath(sys.argv[0]), *sys.argv[1:]]

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ROOT)


def _settings(publish):
    return os.path.join(ROOT, "publishconf.py" if publish else "pelicanconf.py")


@task(aliases=["bauen"], help={"publish": "use publishconf.py (absolute URLs, feeds, no drafts)", "output": "output folder"})
def build(c, publish=False, output=None):
    """Build the site strictly into output/."""
    from sitebuild.__main__ import main

    os.chdir(ROOT)
    status = main(["--settings", _settings(publish)] + (["--output", output] if output else []))
    if status:
        raise SystemExit(status)


@task(aliases=["vorschau"], help={"port": "port on 127.0.0.1 (default 8000)"})
def preview(c, port=8000):
    """Serve the site on localhost and rebuild it, and reload the browser, whenever a file is saved."""
    from editors import preview as preview_server
    from editors import preview_problems
    from sitebuild.build import build as full_build
    from sitebuild.build import rebuild as rebuild_languages
    from sitebuild.build import render_pages as render_open_pages
    from sitebuild.build import warm_up

    os.chdir(ROOT)
    output = os.path.join(ROOT, "output")

    # The search index is built after the browser has reloaded (preview_server.pagefind), not before.
    overrides = {"SEARCH_INDEX": False, "FINISHING_STEPS": []}

    def render_pages(language, pages, saved):
        return render_open_pages(_settings(False), language, pages, saved, overrides=overrides)

    def rebuild(languages):
        if languages is None:
            result = full_build(_settings(False), overrides=overrides)
        else:
            result = rebuild_languages(_settings(False), languages, overrides=overrides)
        preview_problems.record(output, result.ok, result.messages)
        if not result.ok:
            print("Build fehlgeschlagen (siehe oben); die Vorschau zeigt den letzten guten Stand und darüber die "
                  "Probleme.", file=sys.stderr)
        return result.ok

    conf = _site_settings_module()
    try:
        preview_server.serve(ROOT, output, rebuild, conf.SITE_LANGUAGES, conf.ORIGINAL_LANG,
                             port=int(port), search_index=preview_server.pagefind, render_pages=render_pages,
                             warm_up=functools.partial(warm_up, _settings(False), overrides))
    except preview_server.CodeChanged:
        # The same command again in this process (same PID, same terminal, same port): the plugins' new code.
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable, *_STARTED_AS])


def _read_site_settings():
    """The site's settings (pelicanconf.py), with the content_model plugin importable."""
    sys.path.insert(0, os.path.join(ROOT, "plugins"))
    from pelican.settings import read_settings

    settings = read_settings(os.path.join(ROOT, "pelicanconf.py"))
    settings["PATH"] = os.path.relpath(settings["PATH"], ROOT)  # files are named relative to the project
    return settings


@task(
    aliases=["neu"],
    positional=["art", "titel"],
    help={
        "art": "besuch, lieferung, kooperation, seite, partner oder uebersetzung",
        "titel": "Titel (Artikel, Seite), Name (Partner) oder Pfad der deutschen Datei (Übersetzung)",
        "datum": "Datum des Ereignisses, JJJJ-MM-TT (Standard: heute)",
        "kurzname": "Kurzname eines neuen Partners, z. B. hanover-helps",
        "sprache": "Sprache einer Übersetzung: uk oder en",
    },
)
def new(c, art, titel, datum=None, kurzname=None, sprache=None):
    """Create a new content file with every field of its kind, each explained."""
    os.chdir(ROOT)
    settings = _read_site_settings()
    from editors import scaffold

    try:
        if art == "seite":
            path = scaffold.new_page(settings, titel)
        elif art == "partner":
            path = scaffold.new_partner(settings, titel, kurzname)
        elif art == "uebersetzung":
            path = scaffold.new_translation(settings, titel, sprache or "")
        else:
            path = scaffold.new_article(settings, art, titel, datum)
    except scaffold.ScaffoldError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None
    print(f"Angelegt: {path}\nFüllen Sie die leeren Felder aus; `invoke check` sagt, was noch fehlt.")


# Editors guess the German word the help text shows (`invoke new uebersetzung …`) as a command of its own.
@task(aliases=["übersetzung", "uebersetzen", "übersetzen"], positional=["datei"],
      help={"datei": "die deutsche Datei, z. B. content/seiten/kontakt.md", "sprache": "uk oder en"})
def uebersetzung(c, datei, sprache=None):
    """A translation of a German file: the same as `invoke new uebersetzung <datei> --sprache uk`."""
    new(c, "uebersetzung", datei, sprache=sprache)


@task(aliases=["veröffentlichen", "publizieren"])
def veroeffentlichen(c):
    """Wie ein Text veröffentlicht wird (die Redaktion veröffentlicht über GitHub, nicht mit einem Befehl)."""
    print("Veröffentlicht wird über GitHub: Im Web-Editor „Zur Prüfung einreichen“, dann „Veröffentlichen“; "
          "lokal: die Änderung committen und einen Pull Request öffnen. Sobald die Prüfungen grün sind und der Pull "
          "Request übernommen ist, geht die Website von selbst online (docs/handbuch/veroeffentlichen.md).\n"
          "Für die technische Betreuung: invoke publish (Hochladen auf den eigenen Server, hosting/README.md).")


@task(aliases=["hilfe"])
def befehle(c):
    """Die Befehle für die Redaktion, auf Deutsch."""
    print(EDITOR_COMMANDS)


EDITOR_COMMANDS = """Befehle für die Redaktion (jeweils mit `invoke` davor):
  neu lieferung "Titel"       neuer Artikel (auch besuch, kooperation), neue Seite (seite), neuer Partner
                              (partner "Name" --kurzname kurzer-name); Datum: --datum JJJJ-MM-TT
  uebersetzung DATEI --sprache uk   Übersetzung einer deutschen Datei (uk oder en)
  pruefen                     alle Texte prüfen, ohne die Website zu bauen
  vorschau                    Vorschau im Browser: http://127.0.0.1:8000/
  offen                       was die Stadt vor dem Start noch liefern muss
  veroeffentlichen            wie ein Text online geht
  cms                         der Web-Editor auf diesem Rechner: http://localhost:8001/admin/
Die englischen Namen (new, check, preview) gehen genauso."""


@task(aliases=["pruefen", "prüfen"], help={"settings": "settings file (default: pelicanconf.py)",
            "staged": "only problems in files staged for commit fail; the others are listed as notes (pre-commit)"})
def check(c, settings="pelicanconf.py", staged=False):
    """Check all content without building: every problem as `file:line: field: what — how to fix`."""
    from sitebuild.__main__ import main

    os.chdir(ROOT)
    status = main(["--check", "--settings", settings] + (["--staged"] if staged else []))
    if status:
        raise SystemExit(status)


@task
def offen(c):
    """What the city still has to supply or confirm before launch: `<!-- offen: … -->` in the texts, and source
    addresses to check (plugins/content_model/open_items.py)."""
    sys.path.insert(0, os.path.join(ROOT, "plugins"))
    from content_model import open_items

    os.chdir(ROOT)
    open_items.main(["content"])


@task(help={"output": "the built site (default: output)", "siteurl": "the SITEURL it was built with"})
def verify(c, output="output", siteurl=""):
    """Check a built site as CI does before publishing: every link and anchor (lychee), every page's HTML (Nu)."""
    from hosting.verify import main

    os.chdir(ROOT)
    status = main([output, "--siteurl", siteurl])
    if status:
        raise SystemExit(status)


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=None):
    """Check the content, then run the whole test suite, on every core, in random order (pytest-randomly; the
    seed is printed at the top; `pytest --randomly-seed=<seed>` repeats that order)."""
    selection = f" -k {k!r}" if k else ""
    if not k:
        check(c)
    c.run(f"{sys.executable} -m pytest -n auto{selection}", pty=False)


@task
def docs(c):
    """Regenerate docs/inhaltsmodell.md and cms/config.yml from plugins/content_model/schema.py."""
    from editors.cms_config import write_cms_config
    from editors.schema_doc import write_schema_doc

    for path in (write_schema_doc(ROOT), write_cms_config(ROOT)):
        print(f"{os.path.relpath(path, ROOT)} geschrieben.")


@task(help={"port": "port on localhost (default 8001)"})
def cms(c, port=8001):
    """Serve the web editor (Sveltia CMS, cms/README.md) on localhost to edit this folder in Chrome or Edge."""
    from editors.cms_config import CmsError
    from editors.cms_local import serve_admin

    os.chdir(ROOT)
    try:
        serve_admin(_read_site_settings(), port=int(port))
    except CmsError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None


@task(help={"check": "only report missing or fuzzy translations; exit 1 if there are any"})
def i18n(c, check=False):
    """Extract the UI strings (templates, settings, plugins) and update theme/translations/<lang>/messages.po."""
    from editors import catalogs

    os.chdir(ROOT)
    import tempfile

    languages = [lang for lang in _site_languages() if lang != "de"]
    if check:
        # Check against what the templates say now, without touching the committed template.
        with tempfile.TemporaryDirectory() as scratch:
            template = catalogs.extract(os.path.join(scratch, "messages.pot"))
            problems = [problem for lang in languages for problem in catalogs.problems(lang, template)]
    else:
        catalogs.extract()
        catalogs.update(languages)
        problems = [problem for lang in languages for problem in catalogs.problems(lang)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} Übersetzung(en) fehlen oder sind unsicher (fuzzy); tragen Sie sie in die .po-Dateien ein.")
        raise SystemExit(1 if check else 0)
    print("Alle Kataloge sind vollständig.")


def _site_settings_module():
    from sitebuild import site_settings

    return site_settings.load(ROOT)


def _site_languages():
    return _site_settings_module().SITE_LANGUAGES


@task(help={"articles": "sizes of the synthetic sites, comma-separated (default 1000,5000)"})
def bench(c, articles="1000,5000"):
    """Print build-time benchmarks: the real site, and our build against bare Pelican on synthetic sites."""
    c.run(f"{sys.executable} bench/build_time.py --articles {articles}", pty=False)


_PUBLISH_HELP = {
    "target": "user@host:/path on the server (default: $PUBLISH_TARGET)",
    "port": "SSH port (default: $PUBLISH_PORT or 22)",
    "identity": "SSH private key file (default: $PUBLISH_IDENTITY or ssh's own keys)",
    "ssh_options": "extra ssh options (default: $PUBLISH_SSH_OPTIONS)",
}


def _publish_command(action, target, port, identity, ssh_options, *extra):
    from hosting.publish import main

    argv = [action]
    for flag, value in (("--target", target), ("--port", port), ("--identity", identity),
                        ("--ssh-options", ssh_options)):
        if value is not None:
            argv += [flag, str(value)]
    status = main(argv + [str(item) for item in extra], project=ROOT)
    if status:
        raise SystemExit(status)


@task(help=dict(_PUBLISH_HELP, keep="releases to keep on the server (default: $PUBLISH_KEEP or 5)",
                allow_dirty="publish even with uncommitted changes (the release is named …-dirty)",
                site="upload this already built folder (from `invoke build --publish`) instead of building",
                rsync_options="extra rsync options, e.g. --bwlimit=2000 (default: $PUBLISH_RSYNC_OPTIONS)"))
def publish(c, target=None, port=None, identity=None, ssh_options=None, keep=None, allow_dirty=False, site=None,
            rsync_options=None):
    """Build with publishconf.py, upload over SSH into a new release, and switch the live site to it atomically."""
    extra = []
    if keep is not None:
        extra += ["--keep", keep]
    if allow_dirty:
        extra.append("--allow-dirty")
    if site is not None:
        extra += ["--site", os.path.abspath(site)]
    if rsync_options is not None:
        extra += ["--rsync-options", rsync_options]
    _publish_command("publish", target, port, identity, ssh_options, *extra)


@task(help=dict(_PUBLISH_HELP, to="the release to switch to (default: the one before the live one)"))
def rollback(c, to=None, target=None, port=None, identity=None, ssh_options=None):
    """Switch the live site back to the previous release (or to --to <name>), atomically."""
    _publish_command("rollback", target, port, identity, ssh_options, *(["--to", to] if to else []))


@task(help=_PUBLISH_HELP)
def releases(c, target=None, port=None, identity=None, ssh_options=None):
    """List the releases on the server, the live one marked."""
    _publish_command("releases", target, port, identity, ssh_options)
