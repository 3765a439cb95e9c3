"""The Teams capability's pages (url names start with "teams_" for the navigation), and the
posts that start its jobs from the Assemble and team clock pages."""

from django.urls import path

from bornglobal.work import views_assemble, views_teams

TEAMS = "ventures/<int:venture_id>/teams/"
PROJECT = "ventures/<int:venture_id>/work/projects/<int:project_id>/"

urlpatterns: list = [
    path(TEAMS, views_teams.teams_home, name="teams_home"),
    path(f"{TEAMS}solve/", views_teams.teams_solve, name="teams_solve"),
    path(
        f"{PROJECT}assemble/propose/",
        views_assemble.assemble_propose,
        name="work_assemble_propose",
    ),
    path(f"{PROJECT}clock/rota/", views_assemble.team_clock_rota, name="work_team_clock_rota"),
]
