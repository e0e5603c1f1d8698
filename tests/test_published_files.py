"""Published files are an allowlist (issue 13): only files a published text uses, of the types the site serves;
never a symbolic link, a hidden file, a backup, an office document or a draft's photo. And the whole-output
gate (sitebuild/output_gate.py) finds what slips into the finished site by any other way.
"""

import os
import shutil

import pytest
from PIL import Image

from conftest import TEST_SITEURL, copy_fixture_site, run_build
from sitebuild import output_gate

DELIVERIES = "artikel/lieferungen"
ARTICLE = f"{DELIVERIES}/2022-12-07-fahrzeuge.md"
DRAFT = """Title: Noch nicht fertig
Date: 2024-02-01
Kind: lieferung
Summary: Ein Entwurf.
Donors: lhh
Items: 1 fahrzeuge Ein Fahrzeug
Sources: https://example.org/entwurf Quelle
Status: draft

Das Foto zeigt schon, was noch geheim ist:

![Ein Lastwagen vor dem Rathaus](geheim.jpg)
"""


def write_photo(path, colour=(120, 40, 40)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 480), colour).save(path)


@pytest.fixture(scope="module")
def cluttered(tmp_path_factory):
    """The minimal site with everything that lies around in a real content folder, built for the live site."""
    root = tmp_path_factory.mktemp("cluttered")
    content = copy_fixture_site(root / "site")
    folder = content / DELIVERIES
    (folder / ".env").write_text("GITHUB_TOKEN=geheim\n")
    (folder / "2022-12-07-fahrzeuge.md~").write_text((content / ARTICLE).read_text() + "\nEin alter Entwurf.\n")
    (folder / ".2022-12-07-fahrzeuge.md.swp").write_bytes(b"b0VIM 9.0")
    (folder / "notizen.txt").write_text("Nur für uns.\n")
    (folder / "antrag.docx").write_bytes(b"PK\x03\x04")
    (folder / "liste.bak").write_text("alt\n")
    write_photo(folder / "unbenutzt.jpg")
    (folder / "2024-02-01-entwurf.md").write_text(DRAFT, encoding="utf-8")
    write_photo(folder / "geheim.jpg", (10, 200, 10))
    build = run_build(root / "output", content=content, settings="publishconf.py", siteurl=TEST_SITEURL,
                      cwd=root / "site")
    assert build.returncode == 0, build.stderr
    return build


def test_only_files_published_texts_use_are_published(cluttered):
    published = {path.name for path in cluttered.output.rglob("*") if path.is_file()}
    assert "bild.png" in published, "the image the article shows"
    for name in (".env", "2022-12-07-fahrzeuge.md~", ".2022-12-07-fahrzeuge.md.swp", "notizen.txt", "antrag.docx",
                 "liste.bak", "unbenutzt.jpg", "geheim.jpg"):
        assert name not in published, name
    assert not [name for name in published if name.startswith("geheim.") or name.startswith("unbenutzt.")], \
        "no rendition of an unused photo or of a draft's photo either"


def test_the_preview_shows_a_drafts_photo_with_the_draft(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / DELIVERIES / "2024-02-01-entwurf.md").write_text(DRAFT, encoding="utf-8")
    write_photo(content / DELIVERIES / "geheim.jpg")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")  # local settings: drafts shown
    assert build.returncode == 0, build.stderr
    assert (build.output / "entwuerfe" / "2024-02-01-entwurf" / "index.html").is_file()
    assert list(build.output.rglob("geheim.*")), "the draft's own page shows its photo"


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ", "bild.png"])
def test_a_symbolic_link_in_the_content_folder_fails_the_build(tmp_path, target):
    content = copy_fixture_site(tmp_path / "site")
    link = content / DELIVERIES / "verknuepfung.png"
    link.symlink_to(target)
    article = content / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\n![Ein Radlader](verknuepfung.png)\n", encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 1
    assert f"content/{DELIVERIES}/verknuepfung.png: Diese Datei ist eine symbolische Verknüpfung" in build.stderr
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


def test_a_symbolic_link_to_a_folder_fails_the_build_even_unused(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / "bilder").mkdir(exist_ok=True)
    (content / "bilder" / "etc").symlink_to("/etc")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 1
    assert "content/bilder/etc: Diese Datei ist eine symbolische Verknüpfung" in build.stderr


def test_a_used_file_of_a_type_the_site_does_not_serve_is_refused_at_its_link(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / DELIVERIES / "antrag.docx").write_bytes(b"PK\x03\x04")
    article = content / ARTICLE
    text = article.read_text(encoding="utf-8") + "\nDer [Antrag]({static}antrag.docx) zum Herunterladen.\n"
    article.write_text(text, encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 1
    line = text.split("\n").index("Der [Antrag]({static}antrag.docx) zum Herunterladen.") + 1
    assert f"content/{ARTICLE}:{line}: „antrag.docx“ ist eine Datei vom Typ „.docx“" in build.stderr


def test_an_svg_with_a_script_is_refused_with_the_line_that_shows_it(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / DELIVERIES / "plan.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')
    article = content / ARTICLE
    text = article.read_text(encoding="utf-8") + "\n![Der Plan der Lieferung](plan.svg)\n"
    article.write_text(text, encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 1
    line = text.split("\n").index("![Der Plan der Lieferung](plan.svg)") + 1
    assert (f"content/{ARTICLE}:{line}: Text: Die Grafik „plan.svg“ wird nicht veröffentlicht: das Element <script>"
            in build.stderr), build.stderr


# --- The whole-output gate ------------------------------------------------------------------------------------

@pytest.fixture
def sabotaged(cluttered, tmp_path):
    """A copy of a good publish build, to break on purpose."""
    copy = tmp_path / "output"
    shutil.copytree(cluttered.output, copy)
    return copy


def gate(site):
    from pelican.settings import read_settings

    from conftest import ROOT

    return output_gate.check(str(site), read_settings(str(ROOT / "publishconf.py"), override={"SITEURL": TEST_SITEURL}))


def test_the_output_gate_passes_a_good_build(sabotaged):
    assert gate(sabotaged) == []


@pytest.mark.parametrize(("sabotage", "expected"), [
    ('<script>alert(1)</script>', "ein <script> mit Programmcode"),
    ('<script src="https://evil.example/x.js"></script>', "<script src=\"https://evil.example/x.js\">"),
    ('<a href="javascript:alert(1)">x</a>', "(javascript:)"),
    ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "(javascript:)"),
    ('<img src="https://evil.example/pixel.gif" alt="">', "von einem anderen Server"),
    ('<img src="//evil.example/pixel.gif" alt="">', "von einem anderen Server"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', '<meta http-equiv="refresh">'),
    ('<base href="https://evil.example/">', "<base>"),
    ('<p onclick="alert(1)">x</p>', "„onclick“"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe>"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "von einem anderen Server"),
    # The theme may draw inline SVG (plugins/charts), but nothing in it may run or load.
    ('<svg><script>alert(1)</script></svg>', "<script>"),
    ('<svg><foreignObject><p>x</p></foreignObject></svg>', "<foreignObject>"),
    ('<svg onload="alert(1)"><rect></rect></svg>', "„onload“"),
    ('<svg><image href="https://evil.example/x.png"></image></svg>', "<image>"),
    ('<svg><rect style="fill:url(https://evil.example/x)"></rect></svg>', "„style“"),
])
def test_the_output_gate_finds_what_a_template_or_plugin_could_let_in(sabotaged, sabotage, expected):
    page = sabotaged / "ueber" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", sabotage + "</main>"), encoding="utf-8")
    found = gate(sabotaged)
    assert found and all(problem.startswith("ueber/index.html: ") for problem in found), found
    assert any(expected in problem for problem in found), found


def test_the_output_gate_checks_files_feeds_and_svgs(sabotaged):
    os.symlink("/etc/passwd", sabotaged / "passwd.txt")
    (sabotaged / ".env").write_text("x")
    (sabotaged / "antrag.docx").write_bytes(b"PK")
    (sabotaged / "theme" / "images" / "bild.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>')
    feed = sabotaged / "feeds" / "all.atom.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace(
        "&lt;p&gt;", "&lt;p&gt;&lt;img src=x onerror=alert(1)&gt;", 1), encoding="utf-8")
    found = "\n".join(gate(sabotaged))
    for expected in ("passwd.txt: ist eine symbolische Verknüpfung", ".env: ist eine versteckte Datei",
                     "antrag.docx: Dateien vom Typ „.docx“", "theme/images/bild.svg: die Grafik ist nicht erlaubt",
                     "feeds/all.atom.xml: Eintrag"):
        assert expected in found, (expected, found)
