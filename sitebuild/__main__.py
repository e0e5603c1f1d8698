"""Build the site strictly: `python -m sitebuild [--settings publishconf.py] [--output DIR]`.

Exit status 0 when the build was clean and the output folder now holds the new site; 1 when anything was
wrong, with every problem printed, and the output folder as it was before. With `--check`, run every check on
the content without building (faster; the output folder is not touched): `invoke check` and the pre-commit hook.
"""

import argparse
import gc
import io
import os
import sys

from . import github, staged, system_errors


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file (default: pelicanconf.py)")
    parser.add_argument("--output", help="output folder (default: OUTPUT_PATH of the settings)")
    parser.add_argument("--content", help="content folder (default: PATH of the settings)")
    parser.add_argument("--siteurl", help="override SITEURL, e.g. for a test server")
    parser.add_argument("--languages", help="build only these languages, comma-separated (default: all)")
    parser.add_argument("--check", action="store_true", help="check the content only; build and keep nothing")
    parser.add_argument("--staged", action="store_true",
                        help="with --check: only problems in files staged for commit fail (the pre-commit hook)")
    parser.add_argument("--verbose", action="store_true", help="also print what Pelican says about each language")
    args = parser.parse_args(argv)
    if args.check:
        # Importing Pelican and the plugins makes some 50,000 objects that live until the process ends; the garbage
        # collections during the imports found nothing and took about 45 ms. Enabled again once the language
        # workers are forked (build.py), which freezes these objects first.
        gc.disable()
    from .build import build, check

    overrides = {"VERBOSE": True} if args.verbose else {}
    if args.content:
        overrides["PATH"] = os.path.abspath(args.content)
    if args.siteurl is not None:
        overrides["SITEURL"] = args.siteurl.rstrip("/")
        overrides["FEED_DOMAIN"] = overrides["SITEURL"]
    languages = args.languages.split(",") if args.languages else None
    staged_files = staged.staged_paths() if args.check and args.staged else None
    # The problems are printed here, after the build: judged against the staged files, or also as annotations.
    stream = io.StringIO()
    try:
        if args.check:
            result = check(args.settings, overrides, stream=stream)
        else:
            result = build(args.settings, args.output, overrides, languages_to_build=languages, stream=stream)
    except KeyboardInterrupt:
        print("\nAbgebrochen (Strg+C). Der Ausgabeordner ist unverändert.", file=sys.stderr)
        return 130
    except OSError as error:
        line = system_errors.describe(error, os.path.dirname(os.path.abspath(args.output)) if args.output else None)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 1
    blocking, notes = (staged.split(result.messages, staged_files) if staged_files is not None
                       else (result.messages, []))
    for message in blocking:
        sys.stderr.write(message + "\n")
    if notes:
        print(("\n" if blocking else "") + staged.NOTES_HEADING, file=sys.stderr)
        for message in notes:
            sys.stderr.write("  " + message + "\n")
    if github.active():
        github.report(result.messages, "Prüfung" if args.check else "Build", result.ok, sys.stdout)
    if result.report:
        print(result.report)
    if result.ok:
        print(_open_items_line(result.content_path))
    if args.check:
        if result.ok:
            print(f"Geprüft in {result.seconds:.2f} s: keine Probleme.")
            return 0
        if not blocking:
            print(f"Geprüft in {result.seconds:.2f} s: keine Probleme in den Dateien dieses Commits "
                  f"({len(notes)} Hinweis(e) zu anderen Dateien, siehe oben).")
            return 0
        print(f"\nPrüfung: {len(blocking)} Problem(e), siehe oben.", file=sys.stderr)
        return 1
    if result.ok:
        print(f"Fertig: {result.output_path} in {result.seconds:.2f} s gebaut.")
        return 0
    print(
        f"\nBuild fehlgeschlagen: {len(result.messages)} Meldung(en), siehe oben. "
        f"{result.output_path} ist unverändert.",
        file=sys.stderr,
    )
    return 1


def _open_items_line(content_path):
    """What the city must still supply (`<!-- offen: … -->` in the texts; plugins/content_model/open_items.py)."""
    from content_model import open_items

    items = open_items.collect(content_path)
    # Without the fact sheet (../shared/sources/, outside the repository) the addresses cannot be compared with
    # it; "0 to check" would then claim what nobody checked.
    facts_found = os.path.isfile(open_items.default_facts_path(content_path))
    addresses = sum(1 for item in items if item.text.startswith("Link vor dem Start prüfen"))
    checked = (f"Adressen vor dem Start zu prüfen: {addresses}" if facts_found
               else "Adressen nicht mit der Faktensammlung verglichen (nicht gefunden)")
    if not items and facts_found:
        return "Offene Angaben: keine."
    return f"Offene Angaben für die Stadt: {len(items) - addresses}, {checked} (die Liste: invoke offen)."


if __name__ == "__main__":
    sys.exit(main())
