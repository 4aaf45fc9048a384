"""The PDF renderer's URL fetcher reads our shipped fonts and inline data, and nothing else."""

import pytest

from certificates.rendering import FONTS_DIR, OfflineURLFetcher

FONT = FONTS_DIR / "DejaVuSerif.ttf"
UP = "/".join([".."] * 12)


def read(url: str) -> bytes:
    response = OfflineURLFetcher().fetch(url)
    try:
        return response.read()
    finally:
        response.close()


def test_the_shipped_fonts_and_inline_data_are_fetched():
    assert read(FONT.as_uri()) == FONT.read_bytes()
    assert read(f"file://localhost{FONT}") == FONT.read_bytes()
    assert read("data:text/plain,hello") == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        # Percent-encoded dots and slashes: decoded only after the check before the fix.
        f"{FONTS_DIR.as_uri()}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{FONTS_DIR.as_uri()}/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        f"{FONTS_DIR.as_uri()}/..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd",
        f"{FONTS_DIR.as_uri()}/{UP}/etc/passwd",
        # Other spellings of the file scheme, or no // at all.
        "file:/etc/passwd",
        "FILE:///etc/passwd",
        "File://localhost/etc/passwd",
        f"file:{FONTS_DIR}/{UP}/etc/passwd",
        # Another host, a NUL byte, a directory, a file next to the fonts but not under them.
        "file://evil.example.org/etc/passwd",
        f"{FONTS_DIR.as_uri()}/DejaVuSerif.ttf%00.png",
        FONTS_DIR.as_uri(),
        f"{FONTS_DIR.as_uri()}-evil/x.ttf",
        # Other schemes, including ones urllib would open.
        "http://127.0.0.1:6379/",
        "https://example.org/font.ttf",
        "ftp://example.org/font.ttf",
        "//example.org/font.ttf",
        "/etc/passwd",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(ValueError, match="does not fetch"):
        OfflineURLFetcher().fetch(url)


def test_a_symlink_out_of_the_fonts_directory_is_refused(tmp_path, monkeypatch):
    from certificates import rendering

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "escape.ttf").symlink_to("/etc/passwd")
    monkeypatch.setattr(rendering, "FONTS_DIR", fonts.resolve())
    with pytest.raises(ValueError, match="does not fetch"):
        OfflineURLFetcher().fetch((fonts / "escape.ttf").as_uri())


def test_a_certificate_stylesheet_pointing_outside_renders_without_reading_it(tmp_path):
    """End to end through WeasyPrint: the escaping font is refused, the PDF still renders."""
    from weasyprint import HTML

    secret = tmp_path / "secret.txt"
    secret.write_text("not for certificates")
    seen = []

    class Recording(OfflineURLFetcher):
        def fetch(self, url, headers=None):
            try:
                return super().fetch(url, headers)
            except ValueError:
                seen.append(url)
                raise

    escape = f"{FONTS_DIR.as_uri()}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/{secret}"
    html = f'<img src="{escape}"><p>Certificate</p>'
    pdf = HTML(string=html, url_fetcher=Recording(), base_url="/").write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert seen == [escape]
