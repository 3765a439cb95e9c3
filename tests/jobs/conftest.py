"""The jobs tests reuse the work app's venture with a project (`kestrel`)."""

from tests.work.conftest import kestrel, monday, priya  # noqa: F401  (fixtures)
