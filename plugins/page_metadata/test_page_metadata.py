"""Unit tests of the helpers; tests/test_finding.py and tests/test_escaping.py check them in built pages."""

import json

from markupsafe import Markup

from page_metadata.plugin import absolute_url_function, json_ld, og_locale


def test_json_ld_cannot_end_its_script_block():
    data = {"name": '</script><script>alert(1)</script> & "x"'}
    text = json_ld(data)
    assert isinstance(text, Markup)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_open_graph_locales():
    assert [og_locale(lang) for lang in ("de", "uk", "en")] == ["de_DE", "uk_UA", "en_GB"]


def test_absolute_urls():
    absolute_url = absolute_url_function({"SITEURL": "https://example.org/"})
    assert absolute_url() == "https://example.org/"
    assert absolute_url("uk/vizyty/") == "https://example.org/uk/vizyty/"
    assert absolute_url("/partner/") == "https://example.org/partner/"
    assert absolute_url("https://other.example/x") == "https://other.example/x"
