from django.urls import path

from bornglobal.money import views, views_earnings, views_escrow, views_payouts

BOOKS = "ventures/<int:venture_id>/money/"
MILESTONE = f"{BOOKS}milestones/<int:milestone_id>/"
BATCH = f"{BOOKS}payouts/<int:batch_id>/"

urlpatterns = [
    path(BOOKS, views.money_home, name="money_home"),
    path(f"{BOOKS}deposit/", views.deposit, name="money_deposit"),
    path(f"{BOOKS}escrows/new/", views.escrow_open, name="money_escrow_open"),
    path(f"{BOOKS}accounts/<int:account_id>/", views.statement, name="money_statement"),
    path(f"{MILESTONE}fund/", views_escrow.milestone_fund, name="money_fund"),
    path(f"{MILESTONE}release/", views_escrow.milestone_release, name="money_release"),
    path(f"{MILESTONE}refund/", views_escrow.milestone_refund, name="money_refund"),
    path(f"{MILESTONE}dispute/", views_escrow.milestone_dispute, name="money_dispute"),
    path(f"{MILESTONE}resolve/", views_escrow.milestone_resolve, name="money_resolve"),
    path(f"{BOOKS}payouts/", views_payouts.batch_create, name="money_batch_create"),
    path(f"{BATCH}sepa.xml", views_payouts.batch_sepa, name="money_batch_sepa"),
    path(f"{BATCH}lines.csv", views_payouts.batch_csv, name="money_batch_csv"),
    path(f"{BATCH}lines/<int:line_id>/failed/", views_payouts.line_failed,
         name="money_line_failed"),
    path("me/earnings/", views_earnings.earnings, name="money_earnings"),
]
