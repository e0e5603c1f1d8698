"""The GitHub Actions workflows are valid and keep their promises: checks before publishing, pinned actions,
least privilege, deployment only from main after every check passed.

Validity is checked by check-jsonschema's built-in GitHub workflow schema (offline; actionlint cannot be
installed here: its PyPI package downloads the binary at install time). The rest is read from the YAML.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def validate(*paths):
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def load(path):
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


@pytest.fixture(scope="module")
def site():
    return load(ROOT / ".github" / "workflows" / "site.yml")


def test_every_workflow_is_valid():
    assert WORKFLOWS, "no workflows in .github/workflows"
    result = validate(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04", 1), encoding="utf-8")
    assert validate(broken).returncode != 0


def steps(job):
    return job.get("steps", [])


def test_every_action_is_pinned_to_a_commit_with_its_release_named():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", line)
            if match:
                assert PINNED.match(match.group(1)), f"{path.name}: {match.group(1)} is not pinned to a commit SHA"
                assert re.search(r"#\s*v\d", match.group(2)), f"{path.name}: {match.group(1)} does not name its release"


def test_pull_requests_and_main_run_every_check_before_anything_is_published(site):
    assert {"pull_request", "push"} <= set(site["on"])
    assert site["on"]["push"]["branches"] == ["main"]
    check = site["jobs"]["check"]
    commands = [step.get("run", "") for step in steps(check)]
    expected_order = [".ci/run", "invoke check", "invoke build --publish", "invoke verify"]
    positions = [next((i for i, command in enumerate(commands) if needle in command), None) for needle in expected_order]
    assert None not in positions, f"missing steps: {dict(zip(expected_order, positions))}"
    assert positions == sorted(positions), "the checks run in the wrong order"
    # .ci/run is what our CI runs: it ends in the README's test command.
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    uploads = [step for step in steps(check) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "output"
    assert commands.index(next(c for c in commands if "invoke verify" in c)) < steps(check).index(uploads[0])


def test_only_main_is_deployed_and_only_after_the_checks_passed(site):
    deploy = site["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert "github.event_name == 'push'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert [step["uses"].split("@")[0] for step in steps(deploy)] == ["actions/deploy-pages"]
    pages_upload = [step for step in steps(site["jobs"]["check"])
                    if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(pages_upload) == 1 and "refs/heads/main" in pages_upload[0]["if"]
    # A deployment is never cancelled halfway.
    assert deploy["concurrency"]["cancel-in-progress"] is False


def test_permissions_are_the_least_each_job_needs(site):
    assert site["permissions"] == {"contents": "read"}
    assert site["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in site["jobs"]["check"]
    checkout = next(step for step in steps(site["jobs"]["check"]) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
