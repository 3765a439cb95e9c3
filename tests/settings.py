"""Test settings: the real settings, on SQLite by default or on the PostgreSQL
named by BORNGLOBAL_TEST_DATABASE_URL."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("BORNGLOBAL_DATA_DIR", tempfile.mkdtemp(prefix="bornglobal-tests-"))
os.environ["DATABASE_URL"] = os.environ.get("BORNGLOBAL_TEST_DATABASE_URL", "")

from bornglobal.settings import *  # noqa: F403

# Argon2 stays the production hasher (a test proves it); most tests hash faster.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
