"""`bornglobal invoices pdf NUMBER` and `bornglobal invoices remind`, run in-process."""

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from bornglobal import clock
from bornglobal.cli import main
from bornglobal.invoicing.models import BillingProfile
from bornglobal.tenancy.actors import Actor
from tests.invoicing.conftest import issue
from tests.invoicing.factories import BillingProfileFactory, CustomerFactory


def test_pdf_writes_the_invoice_to_a_file(seller, french_business, tmp_path, capsys):
    # given an issued invoice
    issue(seller, french_business)
    target = tmp_path / "out.pdf"
    # when its PDF is asked for by number
    code = main(["invoices", "pdf", "INV-000001", "-o", str(target)])
    # then the file holds the invoice
    assert code == 0
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "INV-000001" in text and "Atelier Lumière SARL" in text
    assert "written to" in capsys.readouterr().out


def test_a_number_two_issuers_used_needs_the_issuer(
    seller, french_business, other_venture, tmp_path, capsys
):
    # given two ventures that both issued INV-000001
    issue(seller, french_business)
    BillingProfileFactory(venture=other_venture)
    other = {"venture": other_venture, "actor": Actor(other_venture.memberships.get().user)}
    issue(other, CustomerFactory(venture=other_venture))
    # when the number alone is given, then it is refused with a hint
    assert main(["invoices", "pdf", "INV-000001", "-o", str(tmp_path / "a.pdf")]) == 2
    assert "--issuer" in capsys.readouterr().err
    # and with --issuer it is found
    target = tmp_path / "b.pdf"
    assert (
        main(
            ["invoices", "pdf", "INV-000001", "--issuer", str(other_venture.id), "-o", str(target)]
        )
        == 0
    )
    assert BillingProfile.objects.get(venture=other_venture).legal_name in (
        PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    )


def test_an_unknown_number_is_a_clear_error(db, capsys):
    # when no invoice has the number
    code = main(["invoices", "pdf", "INV-999999"])
    # then the command says so and exits non-zero
    assert code == 2
    assert "no invoice is numbered INV-999999" in capsys.readouterr().err


def test_remind_sends_what_is_due(seller, french_business, capsys):
    # given an invoice due on 2026-07-15
    issue(seller, french_business)
    # when the operator runs the reminders on 1 August
    with clock.travel_to(datetime(2026, 8, 1, 9, tzinfo=UTC)):
        code = main(["invoices", "remind"])
    # then the first reminder is sent
    assert code == 0
    assert "INV-000001: reminder 1" in capsys.readouterr().out
