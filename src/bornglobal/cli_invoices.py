"""`bornglobal invoices …`: invoice documents and reminders from the command line.

`invoices pdf NUMBER` writes the PDF of an issued invoice or credit note, found by
its printed number (e.g. INV-000012). Numbers are unique per issuer, so when two
issuers have used the same number, name the issuer with `--issuer` (a venture id,
or a freelancer's email). `invoices remind` sends every reminder that is due now,
as the worker does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bornglobal.domain.errors import DomainError, NotFound


def _with_django(func):
    def run(args: argparse.Namespace) -> int:
        from bornglobal.cli import _setup_django

        _setup_django()
        return func(args)

    return run


def find_invoice(number: str, issuer: str | None):
    """The one document printed with `number` (of `issuer`, if given)."""
    from bornglobal.invoicing.models import Invoice

    found = Invoice.objects.filter(reference=number.strip().upper())
    if issuer and issuer.strip().isdigit():
        found = found.filter(series__issuer_venture_id=int(issuer))
    elif issuer:
        found = found.filter(series__issuer_person__email=issuer.strip().lower())
    matches = list(found.select_related("series__issuer_venture", "series__issuer_person")[:10])
    if not matches:
        raise NotFound(
            f"no invoice is numbered {number}" + (f" by {issuer}" if issuer else ""),
            code="invoice_not_found",
        )
    if len(matches) > 1:
        issuers = ", ".join(_issuer_label(m) for m in matches)
        raise DomainError(
            f"{number} was issued by several issuers ({issuers}); name one with --issuer",
            code="ambiguous_number",
        )
    return matches[0]


def _issuer_label(invoice) -> str:
    series = invoice.series
    if series.issuer_venture_id:
        return f"venture {series.issuer_venture_id}"
    return series.issuer_person.email


@_with_django
def cmd_pdf(args: argparse.Namespace) -> int:
    from bornglobal.invoicing import pdf, standing

    invoice = find_invoice(args.number, args.issuer)
    content = pdf.render(invoice, standing=standing.of(invoice).summary())
    target = args.output or pdf.filename(invoice)
    if target == "-":
        sys.stdout.buffer.write(content)
        return 0
    Path(target).write_bytes(content)
    print(
        f"{invoice.reference} ({invoice.seller_name} to {invoice.buyer_name}) written to {target}"
    )
    return 0


@_with_django
def cmd_remind(args: argparse.Namespace) -> int:
    from bornglobal.invoicing import reminders

    sent = reminders.send_due()
    for reminder in sent:
        print(
            f"{reminder.invoice.reference}: reminder {reminder.stage}, "
            f"{reminder.days_overdue} days overdue"
        )
    print(f"{len(sent)} reminder(s) sent.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `invoices` command group to the main parser."""
    invoices = sub.add_parser(
        "invoices",
        help="invoice PDFs and payment reminders",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = invoices.add_subparsers(dest="invoices_command", required=True, metavar="ACTION")
    pdf = actions.add_parser(
        "pdf",
        help="write an invoice's PDF",
        description="Write the PDF of an issued invoice or credit note.",
    )
    pdf.add_argument("number", metavar="NUMBER", help="the printed number, e.g. INV-000012")
    pdf.add_argument("--issuer", help="venture id or freelancer email, if the number is shared")
    pdf.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write it (default NUMBER.pdf; - for standard output)",
    )
    pdf.set_defaults(func=cmd_pdf)
    remind = actions.add_parser(
        "remind",
        help="send the reminders that are due",
        description="Send a reminder for every overdue invoice whose "
        "next reminder is due (the worker does this on its own).",
    )
    remind.set_defaults(func=cmd_remind)
