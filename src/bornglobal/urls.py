from django.contrib import admin
from django.urls import include, path, re_path

from bornglobal.api import api, unknown_endpoint

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_endpoint),
    path("admin/", admin.site.urls),
    path("", include("bornglobal.money.urls")),
    path("", include("bornglobal.network.urls")),
    path("", include("bornglobal.work.urls")),
    path("", include("bornglobal.notifications.urls")),
    path("", include("bornglobal.invoicing.urls")),
    path("", include("bornglobal.jobs.urls")),
    path("", include("bornglobal.tenancy.urls")),
]

handler400 = "bornglobal.tenancy.views.bad_request"
handler404 = "bornglobal.tenancy.views.page_not_found"
handler403 = "bornglobal.tenancy.views.forbidden"
handler500 = "bornglobal.tenancy.views.server_error"
