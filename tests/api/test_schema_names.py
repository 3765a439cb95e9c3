"""django-ninja names each OpenAPI component after its class: two different schemas with
one name would silently share one component, and one endpoint would document the other's
shape (schemathesis caught `MemberOut` of teams answering for venture memberships)."""

import json

from ninja import Schema

import bornglobal.api  # noqa: F401  (imports every router, so every schema class exists)


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_no_two_different_schemas_share_a_component_name():
    # given every request and response schema the API defines
    by_name: dict[str, set[str]] = {}
    for schema in _subclasses(Schema):
        if schema.__module__.startswith("bornglobal."):
            shape = json.dumps(schema.model_json_schema(), sort_keys=True)
            by_name.setdefault(schema.__name__, set()).add(shape)
    # when names are compared, then a shared name always means the same shape
    assert sorted(name for name, shapes in by_name.items() if len(shapes) > 1) == []
