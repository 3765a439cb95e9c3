from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "bornglobal.notifications"
    label = "notifications"
    verbose_name = "Notifications: in-app and e-mail"
