"""The Teams capability's pages (url names start with "teams_" for the navigation)."""

from django.urls import path

from bornglobal.work import views_teams

TEAMS = "ventures/<int:venture_id>/teams/"

urlpatterns: list = [
    path(TEAMS, views_teams.teams_home, name="teams_home"),
    path(f"{TEAMS}solve/", views_teams.teams_solve, name="teams_solve"),
]
