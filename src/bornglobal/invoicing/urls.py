from django.urls import path

from bornglobal.invoicing import views, views_mine, views_reports, views_tax

BOOKS = "ventures/<int:venture_id>/invoices/"
ONE = f"{BOOKS}<int:invoice_id>/"

urlpatterns = [
    path("invoices/", views.current, name="invoicing_current"),
    path("invoices/reports/", views_reports.reports_current, name="invoicing_reports_current"),
    path("tax/check/", views_tax.tax_check, name="invoicing_tax_check"),
    path(BOOKS, views.invoice_list, name="invoicing_list"),
    path(f"{BOOKS}billing/", views.billing, name="invoicing_billing"),
    path(f"{BOOKS}customers/", views.customer_add, name="invoicing_customer_add"),
    path(f"{BOOKS}self-billing/", views.agreement_propose, name="invoicing_agreement_propose"),
    path(f"{BOOKS}new/", views.invoice_issue, name="invoicing_issue"),
    path(f"{BOOKS}reports/", views_reports.report_page, name="invoicing_reports"),
    path(f"{BOOKS}reports/<slug:kind>.csv", views_reports.report_csv, name="invoicing_report_csv"),
    path(ONE, views.invoice_detail, name="invoicing_detail"),
    path(f"{ONE}pdf/", views.invoice_pdf, name="invoicing_pdf"),
    path(f"{ONE}credit/", views.invoice_credit, name="invoicing_credit"),
    path(f"{ONE}payments/", views.invoice_payment, name="invoicing_payment"),
    path("me/invoices/", views_mine.mine, name="invoicing_mine"),
    path("me/invoices/billing/", views_mine.my_billing, name="invoicing_my_billing"),
    path("me/invoices/<int:invoice_id>/", views_mine.my_detail, name="invoicing_my_detail"),
    path("me/invoices/<int:invoice_id>/pdf/", views_mine.my_pdf, name="invoicing_my_pdf"),
    path(
        "me/self-billing/<int:agreement_id>/accept/",
        views_mine.agreement_accept,
        name="invoicing_agreement_accept",
    ),
    path(
        "me/self-billing/<int:agreement_id>/end/",
        views_mine.agreement_end,
        name="invoicing_agreement_end",
    ),
]
