from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "bornglobal.work"
    label = "work"
    verbose_name = "Work: projects, roles, offers, contracts and milestones"
