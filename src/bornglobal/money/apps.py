from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "bornglobal.money"
    label = "money"
    verbose_name = "Money: ledger, escrow, FX and payouts"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from bornglobal.money import rates
        from bornglobal.money.models import OperatorRate

        def forget_rates(**kwargs) -> None:
            rates.forget()

        post_save.connect(
            forget_rates, sender=OperatorRate, weak=False, dispatch_uid="money.forget_rates_on_save"
        )
        post_delete.connect(
            forget_rates,
            sender=OperatorRate,
            weak=False,
            dispatch_uid="money.forget_rates_on_delete",
        )
