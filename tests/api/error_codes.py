"""Every error code the code base can answer with, found by reading its syntax tree.

Used by `test_error_codes_documented.py`. A code reaches a client in one of these ways,
and each is followed here:

- a `DomainError` subclass raised with `code="..."`, or without one (its class's `code`);
- a helper that takes a `code` parameter and passes it on into such an error, a JSON
  error body (`{"code": ...}`, `error_response(...)`) or a job's `error_code`: the
  constants its callers pass (and its default) are codes; a helper whose caller passes
  its own `code` parameter on is followed the same way, to any depth;
- a local name passed on as the code: the string constants assigned to it in that function;
- an f-string code (`f"milestone_{milestone.state}"`) is a pattern: `milestone_<...>`;
- `apierrors.HTTP_CODES` and hand-written JSON error bodies.

A code that is only passed on (`code=error.code`) was found where it was made. A code
whose origin cannot be read (a name with no constant behind it) is reported as
unresolved, so that the test fails instead of missing it. The command-line modules
(`cli*.py`) and the demo loader are left out: their codes never reach the API.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "bornglobal"
BASE_ERROR = "DomainError"
SINK_KEYWORDS = {"code", "error_code"}


@dataclass
class Found:
    codes: dict[str, set[str]] = field(default_factory=dict)  # code -> "file:line"
    patterns: dict[str, set[str]] = field(default_factory=dict)  # "milestone_<...>" -> where
    statuses: dict[str, set[tuple[int, str]]] = field(default_factory=dict)  # (status, where)
    unresolved: list[str] = field(default_factory=list)

    def add(self, code: str, where: str, status: int | None = None) -> None:
        self.codes.setdefault(code, set()).add(where)
        if status is not None:
            self.statuses.setdefault(code, set()).add((status, where))


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith(("cli", "demo/", "__main__")) or "/migrations/" in relative:
            continue
        found[relative] = ast.parse(path.read_text(), relative)
    return found


def _module_path(dotted: str) -> str | None:
    if not dotted.startswith("bornglobal."):
        return None
    base = dotted.removeprefix("bornglobal.").replace(".", "/")
    return f"{base}.py" if (SRC / f"{base}.py").exists() else f"{base}/__init__.py"


def _imports(tree: ast.Module) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Names imported from our modules (name -> (module, original name)) and module aliases."""
    names, aliases = {}, {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                local = alias.asname or alias.name
                submodule = _module_path(f"{node.module}.{alias.name}")
                if submodule and (SRC / submodule).exists():
                    aliases[local] = submodule
                elif _module_path(node.module):
                    names[local] = (_module_path(node.module), alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and _module_path(alias.name):
                    aliases[alias.asname] = _module_path(alias.name)
    return names, aliases


def _name_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _error_classes(trees: dict[str, ast.Module]) -> dict[str, tuple[str | None, int]]:
    """Every DomainError subclass: its own `code` (if it sets one) and its HTTP status."""
    classes: dict[str, tuple[str | None, int]] = {BASE_ERROR: ("invalid", 400)}
    changed = True
    while changed:
        changed = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef) or node.name in classes:
                    continue
                parents = [classes[n] for n in map(_name_of, node.bases) if n in classes]
                if not parents:
                    continue
                code, status = parents[0]
                for item in node.body:
                    if isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant):
                        for target in item.targets:
                            if _name_of(target) == "code":
                                code = item.value.value
                            if _name_of(target) == "status":
                                status = item.value.value
                classes[node.name] = (code, status)
                changed = True
    return classes


def _functions(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _params(function) -> list[str]:
    arguments = function.args
    return [a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]]


def _is_passed_on(expression: ast.AST, name: str) -> bool:
    """Whether `expression` is the parameter `name` itself (or `name[:64]`, or one branch
    of a conditional): then the function hands its caller's code on."""
    if isinstance(expression, ast.Name):
        return expression.id == name
    if isinstance(expression, ast.Subscript):
        return _is_passed_on(expression.value, name)
    if isinstance(expression, ast.IfExp):
        return _is_passed_on(expression.body, name) or _is_passed_on(expression.orelse, name)
    return False


@dataclass(frozen=True)
class Sink:
    """A function that turns its parameter `param` (at `index`, if positional) into a code."""

    param: str
    index: int | None
    default: ast.AST | None


class Scanner:
    def __init__(self) -> None:
        self.trees = modules()
        self.classes = _error_classes(self.trees)
        self.sinks: dict[tuple[str, str], Sink] = {}  # (module, function name) -> sink
        self.imports = {module: _imports(tree) for module, tree in self.trees.items()}
        self.found = Found()

    def sink_of(self, module: str, call: ast.Call) -> Sink | None:
        """The sink a call goes to: a function of this module, an imported one, or one of
        an imported module (`services.fail(...)`)."""
        names, aliases = self.imports[module]
        func = call.func
        if isinstance(func, ast.Name):
            target = names.get(func.id, (module, func.id))
            return self.sinks.get(target)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = func.value.id
            if owner in aliases:
                return self.sinks.get((aliases[owner], func.attr))
            if owner in ("self", "cls"):
                return self.sinks.get((module, func.attr))
        return None

    # -- where a code goes -------------------------------------------------------------
    def code_arguments(self, module: str, call: ast.Call) -> list[ast.AST]:
        """The expressions a call turns into a code."""
        name = _name_of(call.func)
        values = [kw.value for kw in call.keywords if kw.arg in SINK_KEYWORDS
                  and (name in self.classes or kw.arg == "error_code")]
        sink = self.sink_of(module, call)
        if sink is not None:
            values += [kw.value for kw in call.keywords if kw.arg == sink.param]
            values += self._positional(module, call, sink.index)
        return values

    def _positional(self, module: str, call: ast.Call, index: int | None) -> list[ast.AST]:
        """The argument at `index`; inside `*f()` it is that element of what f returns."""
        for position, argument in enumerate(call.args if index is not None else []):
            if isinstance(argument, ast.Starred):
                spread = argument.value
                if not (isinstance(spread, ast.Call) and isinstance(spread.func, ast.Name)):
                    return []
                returned = self._returns(module, spread.func.id)
                return [value.elts[index - position] for value in returned
                        if isinstance(value, ast.Tuple) and len(value.elts) > index - position]
            if position == index:
                return [argument]
        return []

    def code_values(self, module: str, function) -> list[tuple[ast.AST, int | None]]:
        """Every expression the function body turns into a code, with the status if known."""
        values = []
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                status = self.classes.get(_name_of(node.func), (None, None))[1]
                values += [(value, status) for value in self.code_arguments(module, node)]
            elif isinstance(node, ast.Dict):
                values += [(value, None) for key, value in zip(node.keys, node.values, strict=True)
                           if isinstance(key, ast.Constant) and key.value == "code"]
        return values

    def find_sinks(self) -> None:
        changed = True
        while changed:
            changed = False
            for module, tree in self.trees.items():
                for function in _functions(tree):
                    if (module, function.name) in self.sinks:
                        continue
                    values = self.code_values(module, function)
                    for param in _params(function):
                        if any(_is_passed_on(value, param) for value, _ in values):
                            self.sinks[(module, function.name)] = self._sink(function, param)
                            changed = True
                            break

    @staticmethod
    def _sink(function, param: str) -> Sink:
        arguments = function.args
        positional = [a.arg for a in [*arguments.posonlyargs, *arguments.args]]
        index = positional.index(param) if param in positional else None
        if index is not None and positional[:1] in (["self"], ["cls"]):
            index -= 1
        defaults = dict(zip(positional[::-1], arguments.defaults[::-1], strict=False))
        defaults |= {a.arg: d for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults,
                                               strict=True) if d is not None}
        return Sink(param, index, defaults.get(param))

    # -- what a code is ----------------------------------------------------------------
    def resolve(self, value, status, where: str, function, params: list[str]) -> None:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            if value.value:  # "" is no code (a filter such as error_code="")
                self.found.add(value.value, where, status)
        elif isinstance(value, ast.IfExp):
            self.resolve(value.body, status, where, function, params)
            self.resolve(value.orelse, status, where, function, params)
        elif isinstance(value, ast.JoinedStr):
            pattern = "".join(part.value if isinstance(part, ast.Constant) else "<...>"
                              for part in value.values)
            self.found.patterns.setdefault(pattern, set()).add(where)
        elif isinstance(value, ast.Subscript):  # code[:64]
            self.resolve(value.value, status, where, function, params)
        elif isinstance(value, ast.Name):
            if value.id in params:
                return  # the callers' constants are collected at the calls
            assigned = self._assigned(function, value.id) if function is not None else []
            if not assigned:
                self.found.unresolved.append(f"{where}: {value.id}")
            for expression, position in assigned:
                self._resolve_assigned(expression, position, status, where, function, params)
        elif isinstance(value, ast.Attribute | ast.Call):
            return  # passed on (error.code) or computed from a code found elsewhere
        else:
            self.found.unresolved.append(f"{where}: {ast.unparse(value)}")

    def _resolve_assigned(self, expression, position, status, where, function, params) -> None:
        """`code = expression`, or the `position`-th name of `a, code = expression`."""
        if position is not None and isinstance(expression, ast.Tuple | ast.List):
            expression, position = expression.elts[position], None
        if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Name):
            for returned in self._returns(where.split(":")[0], expression.func.id):
                self._resolve_assigned(returned, position, status, where, None, [])
        elif position is None and isinstance(expression, ast.Constant | ast.IfExp | ast.JoinedStr):
            self.resolve(expression, status, where, function, params)
        # anything else hands on a code made elsewhere (an unpacked outcome, error.code)

    def _returns(self, module: str, name: str) -> list[ast.AST]:
        names, _ = self.imports.get(module, ({}, {}))
        module, name = names.get(name, (module, name))
        tree = self.trees.get(module)
        functions = [f for f in _functions(tree) if f.name == name] if tree else []
        return [node.value for f in functions for node in ast.walk(f)
                if isinstance(node, ast.Return) and node.value is not None]

    @staticmethod
    def _assigned(function, name: str) -> list[tuple[ast.AST, int | None]]:
        """What `name` is assigned in the function: (expression, position in a tuple)."""
        values = []
        for node in ast.walk(function):
            if isinstance(node, ast.For) and isinstance(node.target, ast.Name) \
                    and node.target.id == name and isinstance(node.iter, ast.Tuple | ast.List):
                values += [(item, None) for item in node.iter.elts]
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id == name:
                    values.append((node.value, None))
                elif isinstance(target, ast.Tuple):
                    values += [(node.value, index) for index, element in enumerate(target.elts)
                               if isinstance(element, ast.Name) and element.id == name]
        return values

    def collect(self) -> Found:
        self.find_sinks()
        for relative, tree in self.trees.items():
            self._collect_module(relative, tree)
        for sink in self.sinks.values():
            if sink.default is not None:
                self.resolve(sink.default, None, "default", None, [])
        return self.found

    def _collect_module(self, relative: str, tree: ast.Module) -> None:
        enclosing = {}
        for function in _functions(tree):
            for node in ast.walk(function):
                enclosing.setdefault(id(node), function)
        for node in ast.walk(tree):
            where = f"{relative}:{getattr(node, 'lineno', 0)}"
            function = enclosing.get(id(node))
            params = _params(function) if function is not None else []
            if isinstance(node, ast.Call):
                name = _name_of(node.func)
                status = self.classes.get(name, (None, None))[1]
                values = self.code_arguments(relative, node)
                for value in values:
                    self.resolve(value, status, where, function, params)
                if name in self.classes and not any(k.arg == "code" for k in node.keywords):
                    self._class_default(name, where)
            elif isinstance(node, ast.Raise) and _name_of(node.exc) in self.classes:
                self._class_default(_name_of(node.exc), where)
            elif isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "code":
                        self.resolve(value, None, where, function, params)
            elif isinstance(node, ast.Assign) and any(
                    _name_of(t) == "HTTP_CODES" for t in node.targets):
                for key, value in zip(node.value.keys, node.value.values, strict=True):
                    self.found.add(value.value, where, key.value)

    def _class_default(self, name: str, where: str) -> None:
        code, status = self.classes[name]
        if code is not None:
            self.found.add(code, where, status)


@cache
def raised_codes() -> Found:
    return Scanner().collect()
