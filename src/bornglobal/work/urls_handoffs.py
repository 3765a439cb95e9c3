"""Pages of tasks and handoffs (see `views_handoffs`)."""

from django.urls import path

from bornglobal.work import views_handoffs as views

urlpatterns = [
    path(
        "ventures/<int:venture_id>/work/projects/<int:project_id>/tasks/",
        views.project_tasks,
        name="work_tasks",
    ),
    path("me/work/projects/<int:project_id>/tasks/", views.project_tasks, name="work_team_tasks"),
    path("me/work/tasks/", views.my_tasks, name="work_my_tasks"),
    path("work/projects/<int:project_id>/tasks/new/", views.create_task, name="work_task_create"),
    path("work/tasks/<int:task_id>/handoff/", views.hand_off, name="work_task_handoff"),
    path("work/tasks/<int:task_id>/done/", views.mark_done, name="work_task_done"),
]
