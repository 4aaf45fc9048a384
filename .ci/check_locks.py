"""Offline supply-chain check (run by .ci/audit): the lock files are complete, hashed and
current, and this environment is exactly what they install.

- every requirement in requirements.lock and requirements-dev.lock is pinned with `==` and
  carries at least one sha256 hash, so `pip install --require-hashes` installs those bytes
  or nothing;
- every pin in requirements.txt / requirements-dev.txt is in its lock at the same version
  (a pin changed without `make lock` fails here);
- the dev lock holds every runtime package at the runtime lock's version, so what CI tests
  is what production installs;
- the packages installed here are exactly the dev lock's versions.

Prints one line per check it actually made; exits 1 on the first failure.
"""

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(path: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes), from a pip-compile --generate-hashes file."""
    entries: dict[str, tuple[str, int]] = {}
    logical = re.sub(r"\\\n", " ", path.read_text())
    for line in logical.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            fail(f"{path.name}: options are not allowed in a lock file: {line}")
        match = PIN.match(line)
        if not match:
            fail(f"{path.name}: not pinned with ==: {line}")
        hashes = re.findall(r"--hash=sha256:[0-9a-f]{64}\b", line)
        if not hashes:
            fail(f"{path.name}: {match[1]}=={match[3]} has no sha256 hash")
        entries[canonical(match[1])] = (match[3], len(hashes))
    if not entries:
        fail(f"{path.name}: no requirements")
    return entries


def top_level_pins(path: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r"):
            continue
        match = PIN.match(line)
        if not match:
            fail(f"{path.name}: not pinned with ==: {line}")
        pins[canonical(match[1])] = match[3]
    return pins


def fail(message: str) -> None:
    print(f"locks: FAILED - {message}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    runtime = lock_entries(ROOT / "requirements.lock")
    dev = lock_entries(ROOT / "requirements-dev.lock")
    hashes = sum(count for _, count in runtime.values()) + sum(c for _, c in dev.values())
    print(
        f"locks: {len(runtime)} runtime and {len(dev)} dev packages pinned, {hashes} sha256 hashes"
    )

    for source, lock, lock_name in [
        ("requirements.txt", runtime, "requirements.lock"),
        ("requirements-dev.txt", dev, "requirements-dev.lock"),
    ]:
        for name, version in top_level_pins(ROOT / source).items():
            if name not in lock:
                fail(f"{name} is pinned in {source} but missing from {lock_name}; run make lock")
            if lock[name][0] != version:
                fail(
                    f"{name}=={version} in {source} but {lock[name][0]} in {lock_name}; "
                    "run make lock"
                )
    print("locks: every pin in requirements.txt and requirements-dev.txt is in its lock")

    for name, (version, _) in runtime.items():
        if dev.get(name, (None,))[0] != version:
            fail(f"{name}=={version} in requirements.lock but {dev.get(name)} in the dev lock")
    print("locks: the dev lock holds every runtime package at the same version")

    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = [
        f"{name} {installed.get(name, 'missing')} (lock {version})"
        for name, (version, _) in sorted(dev.items())
        if installed.get(name) != version
    ]
    if wrong:
        fail("installed packages differ from requirements-dev.lock: " + ", ".join(wrong))
    print(f"locks: this environment has exactly the dev lock's {len(dev)} versions")


if __name__ == "__main__":
    main()
