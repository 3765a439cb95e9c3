from django.urls import path

from bornglobal.network import views

urlpatterns = [
    path("network/skills/", views.skills, name="network_skills"),
    path("network/skills/search/", views.skills_search, name="network_skills_search"),
    path("network/skills/suggest/", views.skills_suggest, name="network_skills_suggest"),
]
