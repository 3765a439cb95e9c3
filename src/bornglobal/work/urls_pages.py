"""Routes of the work pages: forms, contract pages, timesheets and disputes."""

from django.urls import path

from bornglobal.work import (
    views_contract,
    views_disputes,
    views_files,
    views_forms,
    views_timesheets,
)

WORK = "ventures/<int:venture_id>/work/"
CONTRACT = f"{WORK}contracts/<int:contract_id>/"
MINE = "me/work/contracts/<int:contract_id>/"
DISPUTE = "work/disputes/<int:milestone_id>/"

urlpatterns = [
    path(f"{WORK}projects/new/", views_forms.new_project, name="work_project_new"),
    path(f"{WORK}projects/<int:project_id>/roles/new/", views_forms.new_role, name="work_role_new"),
    path(
        f"{WORK}projects/<int:project_id>/offers/new/", views_forms.new_offer, name="work_offer_new"
    ),
    path("work/skill-options/", views_forms.skill_options, name="work_skill_options"),
    path(CONTRACT, views_contract.venture_contract, name="work_contract"),
    path(MINE, views_contract.my_contract, name="work_my_contract"),
    path(f"{CONTRACT}time/", views_timesheets.venture_timesheet, name="work_timesheet"),
    path(f"{CONTRACT}time/approve/", views_timesheets.approve, name="work_timesheet_approve"),
    path(f"{CONTRACT}time/fund/", views_timesheets.fund, name="work_timesheet_fund"),
    path(f"{CONTRACT}time/end/", views_timesheets.end, name="work_timesheet_end"),
    path(f"{MINE}time/", views_timesheets.my_timesheet, name="work_my_timesheet"),
    path(DISPUTE, views_disputes.dispute, name="work_dispute"),
    path(f"{DISPUTE}open/", views_disputes.open_dispute, name="work_dispute_open"),
    path(f"{DISPUTE}evidence/", views_disputes.add_evidence, name="work_dispute_evidence"),
    path(f"{DISPUTE}resolve/", views_disputes.resolve, name="work_dispute_resolve"),
    path("work/files/<int:attachment_id>/", views_files.download, name="work_attachment"),
]
