from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "bornglobal.network"
    label = "network"
    verbose_name = "Network: skills (ESCO), profiles and matching"
