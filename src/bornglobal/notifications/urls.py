from django.urls import path

from bornglobal.notifications import views

urlpatterns = [
    path("notifications/", views.inbox, name="notifications"),
    path("notifications/read-all/", views.read_all, name="notifications_read_all"),
    path("notifications/email/", views.email_choices, name="notifications_email"),
    path("notifications/<int:notification_id>/read/", views.read, name="notifications_read"),
    path("notifications/<int:notification_id>/open/", views.open_link, name="notifications_open"),
]
