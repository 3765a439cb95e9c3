from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "bornglobal.jobs"
    label = "jobs"
    verbose_name = "Jobs: long work in the background worker"
