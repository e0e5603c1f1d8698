"""The preview's failure box: when a rebuild fails, every page the preview serves shows the problems (file, line,
field, what is wrong, how to fix it) in a German box at its top, above the last good state of the page.

Editors look at the browser, not the terminal; a failed build used to leave the old page on screen without a word.
The box is put into the HTML by the server (no JavaScript needed to see it), from a small file the rebuild writes
when it fails and removes when it succeeds, so the box disappears with the first good build. The state lives in a
file rather than in this process so that it holds whichever process builds and whichever serves.
"""

import base64
import hashlib
import html
import json
import os

from sitebuild import problem_lines

STATE_NAME = "vorschau-probleme.json"

# overflow-anchor: on reload Chrome keeps the old first line in view (scroll anchoring), which would push the new
# box just above the window, out of sight.
STYLE = """
html,body{overflow-anchor:none}
.vorschau-probleme{margin:0;padding:1rem 1.25rem;background:#fff4e5;color:#1a1a1a;border-bottom:4px solid #b35c00;
font:1rem/1.5 system-ui,sans-serif}
.vorschau-probleme h2{margin:0 0 .5rem;font-size:1.25rem}
.vorschau-probleme ol{margin:.5rem 0 0;padding-left:1.5rem}
.vorschau-probleme li{margin:.25rem 0}
.vorschau-probleme code{font-family:monospace;background:#fff;padding:0 .2em}
"""
STYLE_ELEMENT = f"<style>{STYLE}</style>".encode()
# The pages' Content-Security-Policy allows no inline styles; the preview allows exactly this one by its hash.
STYLE_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode() + "'"


def state_path(output):
    """Beside the output folder, in the project's cache: never part of the built site."""
    return os.path.join(os.path.dirname(os.path.abspath(output)), ".cache", STATE_NAME)


def record(output, ok, messages):
    """After each preview build: keep its problems for the box, or remove the box when it was clean."""
    path = state_path(output)
    if ok:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    problems = [problem.__dict__ for problem in problem_lines.parse_all(messages)]
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump({"problems": problems}, handle, ensure_ascii=False)
    os.replace(temporary, path)  # a page served meanwhile reads the old state or the new, never half of one


def problems(output):
    try:
        with open(state_path(output), encoding="utf-8") as handle:
            return [problem_lines.ProblemLine(**problem) for problem in json.load(handle)["problems"]]
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return []


def box(found):
    """The box in HTML: every problem as the editor needs it to find and fix it."""
    items = []
    for problem in found:
        where = []
        if problem.path:
            where.append(f"<code>{html.escape(problem.path)}</code>")
        if problem.line:
            where.append(f"Zeile {problem.line}")
        if problem.field:
            where.append(f"Feld „{html.escape(problem.field)}“")
        text = (", ".join(where) + ": " if where else "") + html.escape(problem.message)
        if problem.fix:
            text += f"<br><strong>So beheben Sie es:</strong> {html.escape(problem.fix)}"
        items.append(f"<li>{text}</li>")
    count = "ein Problem" if len(found) == 1 else f"{len(found)} Probleme"
    return (
        '<section class="vorschau-probleme" role="alert" aria-labelledby="vorschau-probleme-titel">'
        f'<h2 id="vorschau-probleme-titel">Ihre letzte Änderung ist noch nicht zu sehen: {count}</h2>'
        "<p>Darunter sehen Sie den letzten guten Stand. Beheben Sie die Probleme und speichern Sie die Datei; "
        "dieser Kasten verschwindet dann von selbst.</p>"
        f"<ol>{''.join(items)}</ol></section>"
    ).encode()


def with_problems(page, output):
    """The HTML page with the box at the top of its body when the last build failed; else unchanged."""
    found = problems(output)
    if not found:
        return page
    page = page.replace(b"style-src 'self'", b"style-src 'self' " + STYLE_HASH.encode(), 1)
    head_end = page.find(b"</head>")
    if head_end >= 0:
        page = page[:head_end] + STYLE_ELEMENT + page[head_end:]
    body = page.find(b"<body")
    body_end = page.find(b">", body) + 1 if body >= 0 else 0
    return page[:body_end] + box(found) + page[body_end:]
