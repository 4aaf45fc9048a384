"""Certificate PDFs with WeasyPrint. Nothing is fetched over the network while rendering."""

from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .models import Credential

FONTS_DIR = (Path(settings.BASE_DIR) / "static" / "fonts").resolve()


class OfflineURLFetcher(URLFetcher):
    """Allow only our shipped fonts and inline data; refuse everything else."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url, headers=None):
        if url.startswith("file://"):
            path = Path(url.removeprefix("file://")).resolve()
            if not path.is_relative_to(FONTS_DIR):
                raise ValueError(f"Certificate rendering does not fetch {url!r}")
        return super().fetch(url, headers)


def verification_url(credential: Credential) -> str:
    return settings.SITE_URL + reverse("certificates:verify_code", args=[credential.display_code])


def certificate_html(credential: Credential) -> str:
    url = verification_url(credential)
    qr = segno.make(url, error="m")
    return render_to_string(
        "certificates/pdf/certificate.html",
        {
            "credential": credential,
            "verification_url": url,
            "qr_data_uri": qr.svg_data_uri(scale=4, border=0, dark="#1f2933"),
            "fonts_url": FONTS_DIR.as_uri(),
            "hub_name": settings.HUB_NAME,
        },
    )


def render_certificate_pdf(credential: Credential) -> bytes:
    html = HTML(string=certificate_html(credential), url_fetcher=OfflineURLFetcher(), base_url="/")
    return html.write_pdf()
