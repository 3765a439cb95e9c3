from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "bornglobal.money"
    label = "money"
    verbose_name = "Money: ledger, escrow, FX and payouts"
