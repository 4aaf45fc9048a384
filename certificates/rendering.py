"""Certificate PDFs with WeasyPrint. Nothing is fetched over the network while rendering."""

import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .models import Credential

FONTS_DIR = (Path(settings.BASE_DIR) / "static" / "fonts").resolve()


class OfflineURLFetcher(URLFetcher):
    """Allow only our shipped fonts and inline data; refuse everything else.

    A file URL is judged by the file it would open: scheme case-folded, host empty or
    localhost, path percent-decoded and resolved (``..`` and symlinks followed) first, and
    then opened by that checked path only, so ``%2e%2e``, ``FILE:`` or ``file:/…`` spellings
    cannot reach a file outside the fonts directory.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return super().fetch(allowed_font_path(url).as_uri(), headers)
        raise ValueError(f"Certificate rendering does not fetch {url!r}")


def allowed_font_path(url: str) -> Path:
    """The shipped font file a ``file:`` URL names, or ValueError for anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise ValueError(f"Certificate rendering does not fetch {url!r}")
    decoded = unquote(parts.path, errors="strict")
    if "\x00" in decoded or not decoded.startswith("/"):
        raise ValueError(f"Certificate rendering does not fetch {url!r}")
    path = Path(decoded).resolve()
    if not path.is_relative_to(FONTS_DIR) or not path.is_file():
        raise ValueError(f"Certificate rendering does not fetch {url!r}")
    return path


def verification_url(credential: Credential) -> str:
    return settings.SITE_URL + reverse("certificates:verify_code", args=[credential.display_code])


def certificate_html(credential: Credential) -> str:
    url = verification_url(credential)
    # A fixed mask skips segno's scoring of all eight (the slowest step); a PNG is far cheaper
    # for WeasyPrint to draw than an SVG of hundreds of paths.
    qr = segno.make_qr(url, error="m", mask=0, boost_error=False)
    return render_to_string(
        "certificates/pdf/certificate.html",
        {
            "credential": credential,
            "verification_url": url,
            "qr_data_uri": qr.png_data_uri(scale=6, border=0, dark="#1f2933"),
            "hub_name": settings.HUB_NAME,
        },
    )


_per_thread = threading.local()


def _stylesheet() -> tuple[CSS, FontConfiguration]:
    """The certificate stylesheet and its fonts, parsed once per thread and then reused.

    Parsing CSS and loading font faces is a large share of a render; Pango objects are not
    shared between threads, hence one copy per thread.
    """
    if not hasattr(_per_thread, "stylesheet"):
        font_config = FontConfiguration()
        css = render_to_string(
            "certificates/pdf/certificate.css", {"fonts_url": FONTS_DIR.as_uri()}
        )
        _per_thread.stylesheet = (
            CSS(string=css, font_config=font_config, url_fetcher=OfflineURLFetcher()),
            font_config,
        )
    return _per_thread.stylesheet


def render_certificate_pdf(credential: Credential, *, attachments=()) -> bytes:
    stylesheet, font_config = _stylesheet()
    html = HTML(string=certificate_html(credential), url_fetcher=OfflineURLFetcher(), base_url="/")
    # PDF/A-3b: an archival PDF that may carry attachments (the Open Badges credential, #16,
    # as WeasyPrint `Attachment`s: `openbadges.pdf_attachments`).
    return html.write_pdf(
        stylesheets=[stylesheet],
        font_config=font_config,
        pdf_variant="pdf/a-3b",
        attachments=list(attachments),
    )
