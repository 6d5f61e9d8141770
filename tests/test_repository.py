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


def test_ci_and_pull_requests_run_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/dev.sh test" in readme and "bash scripts/dev.sh serve" in readme
    assert "bash scripts/dev.sh test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    checks = yaml.safe_load((ROOT / ".github" / "workflows" / "checks.yml").read_text(encoding="utf-8"))
    assert "bash .ci/run" in [s.get("run") for s in checks["jobs"]["test"]["steps"]]
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert deploy["jobs"]["build"]["needs"] == "checks" and deploy["jobs"]["deploy"]["needs"] == "build"
