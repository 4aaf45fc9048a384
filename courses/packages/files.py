"""Reading a course package from a zip or a folder, safely, and writing one as a zip.

A package is a flat mapping of relative paths (`course.yaml`, `lessons/…`, `quizzes/…`,
`media/…`) to bytes. Whatever the source, the same rules apply: no path outside the package,
no links, only the expected file types in the expected folders, and caps on size and count.
"""

import io
import stat
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings

from lms.core.errors import DomainError

MAX_ZIP_BYTES = 10 * 1024 * 1024  # the largest upload the hub accepts (lms.settings)
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # unpacked
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 500
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
# Folders and what each may hold; media also takes the hub's document types.
TEXT_FOLDERS = {"lessons": (".md",), "quizzes": (".yaml", ".yml")}
IGNORED = ("__MACOSX/", ".DS_Store")


class PackageRefused(DomainError):
    """The zip or folder is not something the hub will open."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("This course package can't be opened: " + "; ".join(problems))


class PackageFiles(dict):
    """Relative path → bytes, with a label for messages (the zip's or folder's name)."""

    def __init__(self, *args, label: str = "package", **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label


def document_suffixes() -> tuple[str, ...]:
    return tuple(f".{ext.lower()}" for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", []))


def _path_problem(name: str) -> str | None:
    """Why a path may not be in a package, or None. `name` is relative to the package root."""
    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    if name == "course.yaml":
        return None
    if len(path.parts) != 2:
        return f"{name}: unexpected file (a package holds course.yaml, lessons/, quizzes/, media/)"
    folder = path.parts[0]
    if folder in TEXT_FOLDERS:
        if suffix in TEXT_FOLDERS[folder]:
            return None
        return f"{name}: only {', '.join(TEXT_FOLDERS[folder])} files go in {folder}/"
    if folder == "media":
        if suffix in IMAGE_SUFFIXES + document_suffixes():
            return None
        return f"{name}: not an image or document type the hub accepts"
    return f"{name}: unexpected file (a package holds course.yaml, lessons/, quizzes/, media/)"


def _unsafe(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return True
    parts = name.split("/")
    return any(part in ("", ".", "..") or ":" in part for part in parts)


def package_files_from_zip(data: bytes, *, label: str = "package.zip") -> PackageFiles:
    if len(data) > MAX_ZIP_BYTES:
        raise PackageRefused([f"the zip is larger than {MAX_ZIP_BYTES // (1024 * 1024)} MB"])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise PackageRefused(["the file is not a zip archive"]) from None
    if len(infos) > MAX_FILES:
        raise PackageRefused([f"the zip holds more than {MAX_FILES} files"])
    problems: list[str] = []
    entries = []
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(IGNORED[0]) or name.rsplit("/", 1)[-1] == IGNORED[1]:
            continue
        if _unsafe(name.rstrip("/")):
            problems.append(f"{name}: a path outside the package")
            continue
        if info.is_dir():
            continue
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            problems.append(f"{name}: a link, not a file")
            continue
        if info.flag_bits & 0x1:
            problems.append(f"{name}: encrypted")
            continue
        if info.file_size > MAX_FILE_BYTES:
            problems.append(f"{name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            continue
        total += info.file_size
        entries.append(info)
    if total > MAX_TOTAL_BYTES:
        problems.append(f"the files add up to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB")
    if problems:
        raise PackageRefused(problems)
    names = [info.filename for info in entries]
    prefix = _common_folder(names)
    files = PackageFiles(label=label)
    for info in entries:
        name = info.filename.removeprefix(prefix)
        problem = _path_problem(name)
        if problem:
            problems.append(problem)
            continue
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError):
            problems.append(f"{name}: can't be read from the zip")
            continue
        if len(content) > MAX_FILE_BYTES or len(content) != info.file_size:
            problems.append(f"{name}: its size doesn't match the zip's directory")
            continue
        files[name] = content
    if not problems and "course.yaml" not in files:
        problems.append("no course.yaml (at the top of the zip, or in its one folder)")
    if problems:
        raise PackageRefused(problems)
    return files


def _common_folder(names: list[str]) -> str:
    """The one folder everything sits in (`ps-eth-40/`), or '' when course.yaml is at the top."""
    if "course.yaml" in names or not names:
        return ""
    first = names[0].split("/", 1)[0] + "/"
    if first + "course.yaml" not in names:
        return ""
    return first if all(name.startswith(first) for name in names) else ""


def package_files_from_folder(folder: Path | str) -> PackageFiles:
    root = Path(folder)
    if not (root / "course.yaml").is_file():
        raise PackageRefused([f"{root}: no course.yaml"])
    files = PackageFiles(label=root.name)
    problems: list[str] = []
    total = 0
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            problems.append(f"{name}: a link, not a file")
            continue
        if path.is_dir():
            continue
        problem = _path_problem(name)
        if problem:
            problems.append(problem)
            continue
        size = path.stat().st_size
        total += size
        if size > MAX_FILE_BYTES:
            problems.append(f"{name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            continue
        files[name] = path.read_bytes()
    if len(files) > MAX_FILES:
        problems.append(f"more than {MAX_FILES} files")
    if total > MAX_TOTAL_BYTES:
        problems.append(f"the files add up to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB")
    if problems:
        raise PackageRefused(problems)
    return files


def package_zip(files: dict[str, bytes], *, folder: str) -> bytes:
    """A zip of the package in one folder; the same files always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def package_folder_write(files: dict[str, bytes], folder: Path | str) -> None:
    root = Path(folder)
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
