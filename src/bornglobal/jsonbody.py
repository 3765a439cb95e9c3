"""The one reader of JSON request bodies: an object, of bounded size and depth.

Every JSON body of the REST API goes through `parse_object`: django-ninja's
parser (`bornglobal.api.JsonBodyParser`) and the raw documents of the teams and
clock endpoints (`work.clock_inputs.json_document`). No Django import here:
`settings.py` reads `MAX_BODY_BYTES` for Django's own limit. A body is
refused, in the error model, when it is

- larger than `MAX_BODY_BYTES` (5 MB): 413 `too_large`, `details.limit_bytes`
  (Django refuses larger bodies before they are read, with the same answer:
  `DATA_UPLOAD_MAX_MEMORY_SIZE` is this limit);
- nested deeper than `MAX_DEPTH` arrays and objects: 400 `too_deep`,
  `details.limit_depth`, found by a scan that runs before `json.loads` (which
  would recurse, and fail with a RecursionError past ~1,000 levels);
- not UTF-8, not JSON, a number spelled NaN or Infinity, an object with the same
  key twice, or anything but a JSON object at the top (a string, a number, an
  array, null): 400 `malformed_json`, with `details.reason`.
"""

from __future__ import annotations

import json
import re
from array import array
from itertools import accumulate
from typing import Any

from bornglobal.domain.errors import DomainError

MAX_BODY_BYTES = 5_000_000
MAX_DEPTH = 64

# A JSON string, escapes included (unrolled so it never backtracks).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(rb"[^\[\]{}]+")
# "[" and "{" count +1, "]" and "}" count -1 (as signed bytes).
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


class TooLarge(DomainError):
    code = "too_large"
    status = 413


class TooDeep(DomainError):
    code = "too_deep"
    status = 400


def malformed(reason: str) -> DomainError:
    return DomainError(
        "The request body is not a valid JSON object.",
        code="malformed_json",
        details={"reason": reason},
    )


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in `raw`, brackets in strings aside.

    Linear and without recursion, so it is safe on any input; for text that is not
    JSON the number means little, and `json.loads` refuses the text afterwards.
    """
    brackets = _NOT_A_BRACKET.sub(b"", _STRING.sub(b"", raw)).translate(_STEPS)
    return max(accumulate(array("b", brackets)), default=0)


def _no_constant(name: str) -> Any:
    raise malformed(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise malformed(f"the key {key!r} appears more than once in one object")
        document[key] = value
    return document


def parse_object(
    raw: bytes | str, *, limit: int = MAX_BODY_BYTES, depth: int = MAX_DEPTH
) -> dict[str, Any]:
    """The JSON object in `raw`, or a DomainError in the error model (see above)."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if len(data) > limit:
        raise TooLarge(
            f"The body is larger than {limit:,} bytes.", details={"limit_bytes": limit}
        )
    if nesting_depth(data) > depth:
        raise TooDeep(
            f"The body nests arrays and objects more than {depth} levels deep.",
            details={"limit_depth": depth},
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise malformed("the body is not UTF-8 text") from None
    try:
        document = json.loads(
            text, parse_constant=_no_constant, object_pairs_hook=_unique_keys
        )
    except json.JSONDecodeError as error:
        raise malformed(f"{error.msg} (line {error.lineno}, column {error.colno})") from None
    except RecursionError:  # pragma: no cover - the depth scan comes first
        raise malformed("the body is nested too deeply") from None
    if not isinstance(document, dict):
        raise malformed(f"the body is a JSON {_kind(document)}, not an object")
    return document


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "number"
