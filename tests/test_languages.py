"""Three complete sites: German at /, Ukrainian at /uk/, English at /en/, linked to each other."""

import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from translitua import UkrainianKMU, translit

from conftest import ROOT, TEST_SITEURL, copy_fixture_site, originals, run_build
from content_model.translations import text_slug

LANGUAGES = {"de": "", "uk": "uk/", "en": "en/"}


def text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).replace("\xa0", " ").strip()


def site_pages(build, lang):
    pages = []
    for path in build.files("**/*.html"):
        first = path.relative_to(build.output).parts[0]
        if (lang == "de" and first not in ("uk", "en")) or first == lang:
            pages.append(path)
    return pages


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def local(build, url):
    """The output file of an absolute URL of the test site."""
    assert url.startswith(TEST_SITEURL + "/"), url
    path = build.output / url[len(TEST_SITEURL) + 1 :]
    return path / "index.html" if url.endswith("/") else path


def test_every_text_exists_in_every_language(real_site):
    for folder in ("artikel/besuche", "artikel/lieferungen", "artikel/kooperationen", "seiten", "partner"):
        for original in originals((ROOT / "content" / folder).glob("*.md")):
            for lang in ("uk", "en"):
                assert original.with_suffix(f".{lang}.md").is_file(), f"{original.name}: no {lang} translation"
    counts = {lang: len(site_pages(real_site, lang)) for lang in LANGUAGES}
    assert counts["de"] == counts["uk"] == counts["en"] > 50, counts


@pytest.mark.parametrize("lang", ["de", "uk", "en"])
def test_every_page_has_its_language(real_site, lang):
    for path in site_pages(real_site, lang):
        assert parse(path).html["lang"] == lang, path


def german_ui_strings():
    """The templates' German strings that read differently in Ukrainian or English, per language."""
    strings = {}
    for lang in ("uk", "en"):
        with open(ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
            catalog = read_po(handle, locale=lang)
        found = set()
        for message in catalog:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            translated = message.string if isinstance(message.string, tuple) else (message.string,)
            for msgid in ids:
                for part in re.split(r"%\(\w+\)[sd]", msgid or ""):
                    part = part.strip(" :.,–()")
                    if len(part) >= 5 and part not in translated and not any(part in t for t in translated):
                        found.add(part)
        strings[lang] = found
    return strings


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_no_german_template_text_on_the_other_sites(real_site, lang):
    strings = german_ui_strings()[lang]
    assert len(strings) > 30
    for path in site_pages(real_site, lang):
        soup = parse(path)
        # Texts from content files are not template text: the German partner names and any German original
        # shown because it is not translated yet carry lang="de" or come from the registry.
        for element in soup.select('[lang="de"], .article__body, .page__body, .partner__description, .facts dd, '
                                   '.partner-list, .partner-columns, .sources, .article-card__summary, '
                                   '.article-card__title, .partner-inline-list, .page-intro__lead + p, '
                                   '.partner h1'):
            element.decompose()
        for element in soup.select("title"):
            element.decompose()
        visible = text(soup.body)
        for string in strings:
            assert string not in visible, f"{path.relative_to(real_site.output)}: German UI text {string!r}"


def test_hreflang_alternates_are_reciprocal_complete_and_resolve(real_site):
    checked = 0
    for lang in LANGUAGES:
        for path in site_pages(real_site, lang):
            soup = parse(path)
            links = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
            if path.name == "404.html":
                continue
            assert set(links) == {"de", "uk", "en", "x-default"}, (path, links)
            assert links["x-default"] == links["de"]
            assert local(real_site, links[lang]) == path, (path, links[lang])
            for other, url in links.items():
                target = local(real_site, url)
                assert target.is_file(), (path, url)
                back = {
                    link["hreflang"]: link["href"] for link in parse(target).select('link[rel="alternate"][hreflang]')
                }
                assert back == links, (path, target)
            checked += 1
    assert checked > 150


def test_the_language_switch_leads_to_the_same_content(real_site):
    page = parse(real_site.output / "lieferungen" / "2022-12-07-zehn-spezialfahrzeuge" / "index.html")
    switch = {link["hreflang"]: link["href"] for link in page.select(".language-switch a")}
    assert set(switch) == {"uk", "en"}
    english = parse(local(real_site, switch["en"]))
    assert text(english.find("h1")) == "Ten special vehicles and power generators for Mykolaiv"
    ukrainian = parse(local(real_site, switch["uk"]))
    assert "Миколаєва" in text(ukrainian.find("h1"))
    current = page.select_one('.language-switch [aria-current]')
    assert current["lang"] == "de"
    for link in page.select(".language-switch a"):
        assert link["lang"] == link["hreflang"]


def test_passages_in_another_language_are_marked(real_site):
    for path in site_pages(real_site, "en"):
        soup = parse(path)
        for string in soup.find("main").find_all(string=re.compile("[А-Яа-яҐґЄєІіЇї]")):
            assert string.find_parent(attrs={"lang": "uk"}), (path, string)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("kooperationen/2025-11-06-enercity-wasserversorgung/", "„Solidaritätsbetreiberpartnerschaft“"),
        ("uk/spivpratsia/", "«Свій Дім»"),
        ("en/cooperations/", "Svii Dim"),
    ],
)
def test_typography_per_language(real_site, url, expected):
    page_text = text(parse(real_site.output / url / "index.html").find("main"))
    assert expected in page_text


def test_ukrainian_apostrophe_and_quotes(real_site):
    body = " ".join(text(parse(path).find("main")) for path in site_pages(real_site, "uk"))
    assert "ʼ" in body  # U+02BC, e.g. «пʼять», «обʼєднання»
    assert not re.search(r"[А-Яа-яҐґЄєІіЇї][’'][А-Яа-яҐґЄєІіЇї]", body), "apostrophe in a Ukrainian word is not ʼ"
    assert "«" in body and "»" in body
    english = " ".join(text(parse(path).find("main")) for path in site_pages(real_site, "en"))
    assert "“" in english and "„" not in english


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("kooperationen/2022-09-15-solidaritaetspartnerschaft-unterzeichnet/", "15. September 2022"),
        ("uk/spivpratsia/", "15 вересня 2022\u202fр."),
        ("en/cooperations/", "15 September 2022"),
    ],
)
def test_dates_per_language(real_site, url, date):
    times = [time.get_text() for time in parse(real_site.output / url / "index.html").select("time")]
    assert date in times


def test_ukrainian_urls_use_the_official_transliteration(real_site):
    assert text_slug("Миколаїв", "uk") == "mykolaiv"
    assert text_slug("Згорани", "uk") == "zghorany"
    assert text_slug("Олександр Сєнкевич", "uk") == "oleksandr-sienkevych"
    for path in site_pages(real_site, "uk"):
        relative = path.relative_to(real_site.output).as_posix()
        assert relative.isascii(), relative
    for source in (ROOT / "content" / "artikel").rglob("*.uk.md"):
        header = source.read_text(encoding="utf-8").split("\n\n", 1)[0]
        if "\nSlug:" in header:
            continue
        title = re.search(r"^Title: (.*)$", header, re.MULTILINE).group(1)
        words = [w for w in re.split(r"[^a-z0-9]+", translit(title, UkrainianKMU).lower()) if w]
        prefix = re.match(r"^(\d{4}-\d{2}(?:-\d{2})?)-", source.name).group(1)
        built = [p.name for p in (real_site.output / "uk").glob(f"*/{prefix}-*") if p.is_dir()]
        assert any(name.startswith(f"{prefix}-{'-'.join(words[:2])}") for name in built), (source.name, built)


def test_the_theme_catalogs_are_complete(tmp_path):
    from editors import catalogs

    template = catalogs.extract(str(tmp_path / "messages-check.pot"))
    for lang in ("uk", "en"):
        assert catalogs.problems(lang, template) == []


# --- missing translations and mistakes with translations -------------------------------------------------


def test_a_missing_translation_shows_the_german_text_with_a_note(tmp_path):
    content = copy_fixture_site(tmp_path)
    visit = content / "artikel" / "besuche" / "2023-04-17-besuch-zur-messe.md"
    visit.with_suffix(".uk.md").write_text(
        "Title: Візит на виставку\nSummary: Делегація відвідує виставку.\nDelegation: Делегація з міста-партнера\n"
        "Sources: https://example.org/messe Приклад, квітень 2023\n\nДелегація відвідала виставку.\n",
        encoding="utf-8",
    )
    build = run_build(tmp_path / "output", content=content)
    assert build.returncode == 0, build.stderr
    # The minimal site has 3 articles, 2 pages and 2 partners; one article is translated into Ukrainian.
    assert "Übersetzungen uk: 6 Text(e) noch nicht übersetzt" in build.stdout
    assert "artikel/lieferungen/2022-12-07-fahrzeuge.md → artikel/lieferungen/2022-12-07-fahrzeuge.uk.md fehlt" in (
        build.stdout
    )
    assert "Übersetzungen en: 7 Text(e) noch nicht übersetzt" in build.stdout
    translated = build.page("uk/vizyty/2023-04-17-vizyt-na-vystavku/")
    assert text(translated.find("h1")) == "Візит на виставку"
    assert not translated.select(".untranslated-note")
    fallback = build.page("uk/postavky/2022-12-07-fahrzeuge/")
    assert fallback.html["lang"] == "uk"
    assert text(fallback.select_one(".untranslated-note")) == "Цей текст ще не перекладено. Ви читаєте німецький оригінал."
    assert fallback.find("h1")["lang"] == "de"
    assert fallback.select_one(".article__body")["lang"] == "de"
    assert text(fallback.select_one(".facts dt")) == "Передано"
    english = build.page("en/deliveries/2022-12-07-fahrzeuge/")
    assert text(english.select_one(".untranslated-note")).startswith("This text has not been translated yet.")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"artikel/besuche/2023-04-17-besuch-zur-messe.fr.md": "Title: Visite\nSummary: x\n\nx\n"},
         "content/artikel/besuche/2023-04-17-besuch-zur-messe.fr.md:1: lang: Die Sprache „fr“ im Dateinamen gibt es hier nicht"),
        ({"artikel/besuche/2023-05-01-ohne-original.uk.md": "Title: Сирота\nSummary: x\n\nx\n"},
         "content/artikel/besuche/2023-05-01-ohne-original.uk.md:1: Zu dieser Übersetzung gibt es kein Original „2023-05-01-ohne-original.md“"),
        ({"artikel/besuche/2023-04-17-besuch-zur-messe.uk.md": "Title: Візит\nSummary: x\nDate: 2023-04-18\n\nx\n"},
         "content/artikel/besuche/2023-04-17-besuch-zur-messe.uk.md:3: date: Dieses Feld steht nur im Original"),
        ({"artikel/lieferungen/2022-12-07-fahrzeuge.en.md": "Title: Vehicles\nSummary: x\nItems: 9 fahrzeuge special\n\nx\n"},
         "content/artikel/lieferungen/2022-12-07-fahrzeuge.en.md:3: items: Anzahlen und Einheiten weichen vom Original ab"),
        ({"seiten/ueber.uk.md": "Title: Про нас\n\nx\n", "seiten/ueber.uk.markdown": "Title: Про нас 2\n\nx\n"},
         "content/seiten/ueber.uk.markdown:1: lang: Auch content/seiten/ueber.uk.md ist die Fassung „uk“ von „seiten/ueber“"),
    ],
    ids=["unknown-language", "translation-without-original", "field-of-the-original", "items-differ",
         "two-files-claim-one-translation"],
)
def test_mistakes_with_translations_fail_the_build(tmp_path, files, expected):
    content = copy_fixture_site(tmp_path)
    for relative, body in files.items():
        (content / relative).write_text(body, encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path)
    assert build.returncode == 1
    assert any(line.startswith(expected) for line in build.stderr.splitlines()), build.stderr
    assert not (tmp_path / "output").exists()

