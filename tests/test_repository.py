"""Repository rules CI relies on: pinned actions, least privilege, the README's commands."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers import ROOT

pytestmark = pytest.mark.unit

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_every_action_is_pinned_by_commit_sha():
    uses = [(w.name, u) for w in WORKFLOWS for u in re.findall(r"uses:\s*(\S+)", w.read_text(encoding="utf-8"))]
    assert uses
    unpinned = [(w, u) for w, u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u)]
    assert not unpinned, unpinned


def test_workflows_default_to_read_only_and_grant_more_per_job():
    for workflow in WORKFLOWS:
        spec = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert spec["permissions"] == {"contents": "read"}, workflow.name
        for name, job in spec["jobs"].items():
            extra = set(job.get("permissions", {})) - {"contents"}
            assert extra <= {"pages", "id-token"}, (workflow.name, name, extra)


def workflow(name: str) -> dict:
    spec = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    spec["on"] = spec.pop(True, spec.get("on"))  # YAML 1.1 reads the key `on` as true
    return spec


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_ci_and_pull_requests_run_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/dev.sh test" in readme and "bash scripts/dev.sh serve" in readme
    assert "bash scripts/dev.sh test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    checks = workflow("checks.yml")
    assert set(checks["on"]) == {"pull_request", "push"}
    assert "bash scripts/dev.sh test" in runs(checks["jobs"]["test"])


def test_content_checks_run_first_as_pull_request_annotations_then_the_suite_once():
    """A fast first job annotates the pull request's lines; the whole suite runs after it, in one job
    of one workflow: no other workflow runs the test command again."""
    jobs = workflow("checks.yml")["jobs"]
    assert runs(jobs["content"])[-1] == "bash scripts/dev.sh check --format github"
    # the change-notes check reads the history since the first edition: a shallow clone would hide it
    checkout = next(s for s in jobs["content"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert "needs" not in jobs["content"] and jobs["test"]["needs"] == "content"
    script = (ROOT / "scripts" / "dev.sh").read_text(encoding="utf-8")
    assert 'exec "$VENV/bin/guidance" check "${@:2}"' in script  # `dev.sh check` is `guidance check`
    suites = [(w.name, name) for w in WORKFLOWS for name, job in workflow(w.name)["jobs"].items()
              if any("dev.sh test" in run or ".ci/run" in run for run in runs(job))]
    assert suites == [("checks.yml", "test")]


def test_deploy_publishes_the_commit_the_checks_passed_on_main_built_with_guidance_build():
    deploy = workflow("deploy.yml")
    assert deploy["on"] == {"workflow_run": {"workflows": [workflow("checks.yml")["name"]], "types": ["completed"],
                                             "branches": ["main"]}}
    build = deploy["jobs"]["build"]
    assert "conclusion == 'success'" in build["if"] and "event == 'push'" in build["if"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    assert ".venv/bin/guidance build" in runs(build)
    assert deploy["jobs"]["deploy"]["needs"] == "build"


def test_screenshots_are_uploaded_for_every_pull_request():
    steps = workflow("checks.yml")["jobs"]["test"]["steps"]
    shots = next(s for s in steps if s.get("name") == "Screenshots")
    assert "guidance screenshots" in shots["run"] and shots["if"] == "success() || failure()"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "screenshots" and upload["with"]["path"] == "build/screenshots/"
