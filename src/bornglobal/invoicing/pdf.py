"""The PDF of an issued document, made with WeasyPrint from the same template as the
page. The stylesheet asks for DejaVu Sans, which has glyphs for every currency sign
the platform prints (€ ₹ ₦ ₴ ...); WeasyPrint embeds the subset it uses."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from bornglobal.invoicing.models import Invoice
from bornglobal.invoicing.presenting import printed

# The page links this file; the PDF, rendered from a string with no server to fetch
# from, carries it inline.
DOCUMENT_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "invoice-document.css"


def filename(invoice: Invoice) -> str:
    return f"{invoice.reference}.pdf"


def render(invoice: Invoice, locale: str = "en", standing: str = "") -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango and fonts

    html = render_to_string(
        "invoicing/pdf.html",
        {
            "doc": printed(invoice, locale),
            "standing": standing,
            "document_css": DOCUMENT_CSS.read_text(encoding="utf-8"),
        },
    )
    return HTML(string=html).write_pdf()
