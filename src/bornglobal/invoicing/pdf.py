"""The PDF of an issued document, made with WeasyPrint from the same template as the
page. The stylesheet asks for DejaVu Sans, which has glyphs for every currency sign
the platform prints (€ ₹ ₦ ₴ ...); WeasyPrint embeds the subset it uses."""

from __future__ import annotations

from django.template.loader import render_to_string

from bornglobal.invoicing.models import Invoice
from bornglobal.invoicing.presenting import printed


def filename(invoice: Invoice) -> str:
    return f"{invoice.reference}.pdf"


def render(invoice: Invoice, locale: str = "en", standing: str = "") -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango and fonts

    html = render_to_string(
        "invoicing/pdf.html", {"doc": printed(invoice, locale), "standing": standing}
    )
    return HTML(string=html).write_pdf()
