"""The domain layer stays pure: no Django, and no float near money."""

import ast
from pathlib import Path

import bornglobal.domain

DOMAIN = Path(bornglobal.domain.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_never_imports_django():
    # given every module under bornglobal/domain
    modules = sorted(DOMAIN.rglob("*.py"))
    # when we read their imports
    offenders = {
        str(path.relative_to(DOMAIN)): name
        for path in modules
        for name in _imported_modules(path)
        if name == "django" or name.startswith(("django.", "ninja", "bornglobal.tenancy"))
    }
    # then none reaches Django or the Django apps
    assert modules, "the domain package has modules"
    assert offenders == {}


def test_the_purity_check_catches_a_django_import(tmp_path):
    # given a module that imports Django
    module = tmp_path / "bad.py"
    module.write_text("from django.db import models\n")
    # when its imports are read, then Django is seen
    assert "django.db" in _imported_modules(module)
