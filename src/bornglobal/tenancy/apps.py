from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "bornglobal.tenancy"
    label = "tenancy"
    verbose_name = "Platform: users, ventures and access"

    def ready(self) -> None:
        from bornglobal.tenancy import checks, signals  # noqa: F401
