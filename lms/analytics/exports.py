"""The funder report's files: figures from the selectors, a PDF with its charts (WeasyPrint,
fetching nothing over the network) and an XLSX workbook (openpyxl). Counts only: nothing here
reads a person's name or email."""

import io
import logging
from datetime import date

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from .figures import funder_charts
from .models import FunderReport
from .selectors import funder_report_figures

logger = logging.getLogger(__name__)


def _progress(report: FunderReport, percent: int, **fields) -> None:
    report.progress = percent
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=["progress", *fields])


def _jsonable(figures: dict) -> dict:
    """Dates as ISO strings and Decimals as strings, for the JSON field."""

    def convert(value):
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        if isinstance(value, list):
            return [convert(item) for item in value]
        if isinstance(value, date):
            return value.isoformat()
        if hasattr(value, "quantize"):
            return str(value)
        return value

    return convert(figures)


def funder_report_pdf(figures: dict) -> bytes:
    # WeasyPrint loads in the worker only (decision 0006: heavy libraries import inside the
    # function that uses them); the certificate renderer's offline fetcher and fonts.
    from weasyprint import HTML

    from certificates.rendering import FONTS_DIR, OfflineURLFetcher

    html = render_to_string(
        "analytics/pdf/funder_report.html",
        {
            "figures": figures,
            "charts": funder_charts(figures),
            "fonts_url": FONTS_DIR.as_uri(),
            "generated": timezone.localtime(),
        },
    )
    return HTML(string=html, url_fetcher=OfflineURLFetcher(), base_url="/").write_pdf()


def funder_report_xlsx(figures: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Summary"
    sheet.append(["Funder report", f"{figures['start']} to {figures['end']}"])
    sheet.append(["Tracks", ", ".join(figures["tracks"])])
    sheet.append(["Peers trained", figures["trained_total"]])
    sheet.append(["Hours delivered", float(figures["hours_total"])])
    sheet.append(["Approved CE hours", float(figures["ce_total"])])
    sheet["A1"].font = Font(bold=True)
    tables = [
        (
            "Peers trained",
            ["Track", "Peers"],
            [[r["track"], r["peers"]] for r in figures["trained_by_track"]],
        ),
        (
            "Hours delivered",
            ["Track", "Delivery", "In person (h)", "Online (h)", "Total (h)"],
            [
                [
                    r["track"],
                    r["delivery"],
                    float(r["in_person"]),
                    float(r["online"]),
                    float(r["total"]),
                ]
                for r in figures["hours"]
            ],
        ),
        (
            "Certifications",
            ["Credential type", "Issued", "Renewed"],
            [[r["type"], r["issued"], r["renewed"]] for r in figures["certifications"]],
        ),
        (
            "CE hours",
            ["Category", "Approved hours", "People"],
            [[r["category"], float(r["hours"]), r["people"]] for r in figures["ce"]],
        ),
    ]
    for title, header, rows in tables:
        ws = book.create_sheet(title)
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def funder_report_build(*, report_id: int) -> None:
    """Compute the figures, then the PDF and the workbook, saving progress as it goes. Safe to
    run twice: a finished report is left as it is."""
    report = FunderReport.objects.get(pk=report_id)
    if report.status == FunderReport.Status.DONE:
        return
    _progress(report, 5, status=FunderReport.Status.RUNNING)
    try:
        figures = funder_report_figures(
            start=report.period_start, end=report.period_end, track_ids=report.track_ids
        )
        _progress(report, 40, figures=_jsonable(figures))
        pdf = funder_report_pdf(figures)
        report.pdf.save(f"funder-report-{report.pk}.pdf", ContentFile(pdf), save=False)
        _progress(report, 80, pdf=report.pdf)
        workbook = funder_report_xlsx(figures)
        report.xlsx.save(f"funder-report-{report.pk}.xlsx", ContentFile(workbook), save=False)
        _progress(
            report,
            100,
            xlsx=report.xlsx,
            status=FunderReport.Status.DONE,
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("Funder report %s could not be built", report_id)
        _progress(report, report.progress, status=FunderReport.Status.FAILED)
        raise
