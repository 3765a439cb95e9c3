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


MONEY_CODE = [
    *(DOMAIN / name for name in ("money.py", "fx.py", "ledger.py", "fees.py")),
    *sorted((DOMAIN.parent / "money").glob("*.py")),
]


def _floats_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and type(node.value) is float:
            found.append(f"{path.name}:{node.lineno} float literal {node.value!r}")
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "float":
            found.append(f"{path.name}:{node.lineno} float() call")
        elif isinstance(node, ast.Attribute) and node.attr == "FloatField":
            found.append(f"{path.name}:{node.lineno} FloatField")
    return found


def test_no_float_touches_money():
    # given the money domain and the money app
    assert len(MONEY_CODE) > 8
    # when every module is scanned for float literals, float() calls and FloatFields
    found = [hit for path in MONEY_CODE for hit in _floats_in(path)]
    # then there are none
    assert found == []


def test_the_float_scan_sees_a_float(tmp_path):
    # given code that converts money to float
    module = tmp_path / "bad.py"
    module.write_text("total = float(amount) * 1.1\n")
    # then the scan reports both
    assert len(_floats_in(module)) == 2
