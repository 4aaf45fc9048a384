"""Supply chain: installs come from hashed lock files, and `.ci/audit` never prints a pass it
did not check (pip-audit says "No known vulnerabilities found" even when it audited nothing)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
LOCKS = ("requirements.lock", "requirements-dev.lock")


def checkout(tmp_path: Path, pip_audit: str | None = None) -> Path:
    """A copy of the files the checks read, with this interpreter as .venv's python and, when
    given, a stand-in pip-audit that prints what the real one prints here."""
    (tmp_path / ".ci").mkdir()
    for name in ("audit", "check_locks.py"):
        shutil.copy2(ROOT / ".ci" / name, tmp_path / ".ci" / name)
    for name in ("requirements.txt", "requirements-dev.txt", *LOCKS):
        shutil.copy2(ROOT / name, tmp_path / name)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    if pip_audit is not None:
        fake = bin_dir / "pip-audit"
        fake.write_text(pip_audit)
        fake.chmod(0o755)
    return tmp_path


def run(tree: Path, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*args],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_the_locks_are_complete_hashed_current_and_installed_here():
    result = run(ROOT, sys.executable, ".ci/check_locks.py")
    assert result.returncode == 0, result.stderr
    assert "this environment has exactly the dev lock's" in result.stdout


@pytest.mark.parametrize(
    ("lock", "change"),
    [
        ("requirements.lock", lambda text: text.replace("    --hash=sha256:", "    # ", 10**6)),
        ("requirements-dev.lock", lambda text: text.replace("pytest==", "pytest>=", 1)),
        ("requirements.lock", lambda text: text + "\nrequests\n"),
    ],
    ids=["no-hashes", "not-pinned", "unpinned-extra"],
)
def test_a_lock_without_hashes_or_pins_fails(tmp_path, lock, change):
    tree = checkout(tmp_path)
    (tree / lock).write_text(change((tree / lock).read_text()))
    result = run(tree, sys.executable, ".ci/check_locks.py")
    assert result.returncode == 1
    assert "FAILED" in result.stderr


def test_a_pin_changed_without_relocking_fails(tmp_path):
    tree = checkout(tmp_path)
    text = (tree / "requirements.txt").read_text()
    (tree / "requirements.txt").write_text(text.replace("Django==", "Django==9.9.9\n# was ", 1))
    result = run(tree, sys.executable, ".ci/check_locks.py")
    assert result.returncode == 1
    assert "run make lock" in result.stderr


def test_the_makefile_installs_only_from_the_hashed_locks():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes" in makefile
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes" in line for line in installs if "bench" not in line)
    assert "-r requirements.lock" in makefile and "-r requirements-dev.lock" in makefile


# What pip-audit prints on this machine: every package skipped, and still the all-clear.
SKIPPING_AUDIT = """#!/usr/bin/env bash
out=""; while [ $# -gt 0 ]; do [ "$1" = "--output" ] && out=$2; shift; done
cat > "$out" <<'JSON'
{"dependencies": [
  {"name": "django", "version": "5.2.19",
   "skip_reason": "Dependency not found on PyPI and could not be audited"},
  {"name": "wagtail", "version": "8.0.1",
   "skip_reason": "Dependency not found on PyPI and could not be audited"}],
 "fixes": []}
JSON
echo "No known vulnerabilities found" >&2
"""

VULNERABLE_AUDIT = SKIPPING_AUDIT.replace(
    '"skip_reason": "Dependency not found on PyPI and could not be audited"}],',
    '"vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["9"]}]}],',
).replace("exit 0", "exit 1")

CLEAN_AUDIT = """#!/usr/bin/env bash
out=""; while [ $# -gt 0 ]; do [ "$1" = "--output" ] && out=$2; shift; done
echo '{"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}' \\
  > "$out"
echo "No known vulnerabilities found" >&2
"""


def test_an_audit_that_skipped_every_package_is_not_reported_as_a_pass(tmp_path):
    tree = checkout(tmp_path, SKIPPING_AUDIT)
    result = run(tree, "bash", ".ci/audit")
    output = result.stdout + result.stderr
    assert result.returncode == 0
    assert "NOT RUN" in output
    assert "No known vulnerabilities" not in output
    assert "no known vulnerabilities" not in output.lower().replace("not run", "")


def test_an_incomplete_audit_fails_when_the_audit_is_required(tmp_path):
    tree = checkout(tmp_path, SKIPPING_AUDIT)
    result = run(tree, "bash", ".ci/audit", env={"AUDIT_REQUIRED": "1"})
    assert result.returncode == 1
    assert "was not completed" in result.stderr


def test_a_known_vulnerability_fails(tmp_path):
    tree = checkout(tmp_path, VULNERABLE_AUDIT)
    result = run(tree, "bash", ".ci/audit")
    assert result.returncode == 1
    assert "FAILED" in result.stderr


def test_a_complete_audit_says_how_many_packages_it_checked(tmp_path):
    tree = checkout(tmp_path, CLEAN_AUDIT)
    result = run(tree, "bash", ".ci/audit")
    assert result.returncode == 0, result.stderr
    assert "1 packages audited, no known vulnerabilities" in result.stdout
