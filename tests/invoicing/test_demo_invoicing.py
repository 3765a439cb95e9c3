"""The demo's invoices: at least 10 countries, every treatment, credit notes, and an
overdue invoice with statutory interest."""

from bornglobal import demo
from bornglobal.demo.invoicing import OVERDUE_CHECK, _summary
from bornglobal.invoicing import standing
from bornglobal.invoicing.models import Invoice, Treatment
from bornglobal.money.models import Disclosure


def test_the_demo_invoices_cover_every_treatment_in_many_countries(db):
    # given an empty database
    # when the small demo is loaded
    demo.load(seed=42, size="small")
    summary = _summary(0)
    # then ventures sold to customers in 10+ countries under every treatment
    assert summary.countries >= 10
    assert set(summary.treatments) == set(Treatment.values)
    assert summary.credit_notes >= 2
    # and an unpaid B2B invoice is overdue with interest and the EUR 40 compensation
    overdue = [
        standing.of(i, OVERDUE_CHECK)
        for i in Invoice.objects.filter(kind="invoice", series__issuer_venture__isnull=False)
    ]
    late = [s for s in overdue if s.overdue and s.interest is not None]
    assert late and late[0].interest.is_positive and late[0].compensation.minor == 4_000
    assert Invoice.objects.filter(reminders__isnull=False).exists()
    # and every escrow payment of the money history has its invoice
    assert not Disclosure.objects.filter(invoice__isnull=True).exists()
    assert Invoice.objects.filter(disclosure__isnull=False).count() == Disclosure.objects.count()
    # and an invoice in US dollars states its German VAT in euros (Art. 230)
    assert Invoice.objects.filter(currency="USD", national_tax_minor__gt=0).exists()
