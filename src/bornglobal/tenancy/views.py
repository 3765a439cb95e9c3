from django.http import HttpResponse


def home(request):
    return HttpResponse("Born Global")


def page_not_found(request, exception=None):
    return HttpResponse("Not found", status=404)


def forbidden(request, exception=None):
    return HttpResponse("Forbidden", status=403)


def server_error(request):
    return HttpResponse("Server error", status=500)
