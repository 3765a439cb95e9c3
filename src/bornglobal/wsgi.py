import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bornglobal.settings")
application = get_wsgi_application()

# The ESCO phrase indexes behind free-text search take seconds to build: build them as
# the worker starts rather than in the first search request.
from bornglobal.network import taxonomy  # noqa: E402

taxonomy.warm()
