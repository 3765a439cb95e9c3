from django.urls import path

from bornglobal.jobs import views

urlpatterns = [
    path("jobs/<int:job_id>/", views.job_page, name="job_page"),
    path("jobs/<int:job_id>/progress/", views.job_fragment, name="job_fragment"),
]
