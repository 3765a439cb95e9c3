from django.urls import path

from bornglobal.work import (
    urls_handoffs,
    urls_pages,
    urls_teams,
    views,
    views_assemble,
    views_forms,
)

WORK = "ventures/<int:venture_id>/work/"

urlpatterns = [
    path(WORK, views.projects, name="work_projects"),
    path(f"{WORK}projects/<int:project_id>/", views.board, name="work_board"),
    path(
        f"{WORK}projects/<int:project_id>/assemble/",
        views_assemble.assemble_team,
        name="work_assemble",
    ),
    path(
        f"{WORK}projects/<int:project_id>/assemble/offers/",
        views_assemble.assemble_offers,
        name="work_assemble_offers",
    ),
    path(
        f"{WORK}projects/<int:project_id>/clock/", views_assemble.team_clock, name="work_team_clock"
    ),
    path(
        f"{WORK}milestones/<int:milestone_id>/<slug:action>/",
        views.venture_milestone,
        name="work_venture_milestone",
    ),
    path(
        f"{WORK}offers/<int:offer_id>/withdraw/",
        views_forms.withdraw_offer,
        name="work_offer_withdraw",
    ),
    path("me/work/", views.my_contracts, name="work_my_contracts"),
    path("me/work/offers/<int:offer_id>/<slug:action>/", views.my_offer, name="work_my_offer"),
    path(
        "me/work/milestones/<int:milestone_id>/<slug:action>/",
        views.my_milestone,
        name="work_my_milestone",
    ),
]
urlpatterns += urls_handoffs.urlpatterns + urls_pages.urlpatterns + urls_teams.urlpatterns
