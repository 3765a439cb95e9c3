from django.urls import path

from bornglobal.tenancy import views

urlpatterns = [
    path("", views.home, name="home"),
]
