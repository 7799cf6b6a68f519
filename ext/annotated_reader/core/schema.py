"""Validation of annotation files against the JSON Schemas shipped in ``schemas/``.

The schemas are the single definition of the file formats: editors use them for completion,
the contributors' guide is generated from them, and this module validates with them.
jsonschema's own messages are written for programmers; :func:`validate` turns each error
into a located problem that says which field is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import enum
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .dates import iso_date_hint
from .problems import Problem, ProblemKind
from .yaml_strict import YamlDocument

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError


class FileKind(enum.Enum):
    """The kinds of annotation file, recognised by the end of their name."""

    GLOSSARY = "glossary"
    ACTORS = "actors"
    TEXT = "text"

    @property
    def suffix(self) -> str:
        """File name ending, e.g. ``.glossary.yaml``."""
        return f".{self.value}.yaml"

    @property
    def schema_name(self) -> str:
        """File name of the JSON Schema in the package."""
        return f"{self.value}.schema.json"

    @classmethod
    def of(cls, name: str) -> FileKind | None:
        """The kind of a file name, or ``None``."""
        for kind in cls:
            if name.endswith(kind.suffix):
                return kind
        return None


SCHEMA_NAMES = ("common.schema.json", *(kind.schema_name for kind in FileKind))


def load_schema(name: str) -> dict[str, Any]:
    """A schema from the package, as plain data."""
    text = resources.files("annotated_reader").joinpath("schemas", name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def inline_references(schema: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``schema`` with every ``$ref`` replaced by what it points to (``schemas``: by ``$id``).

    jsonschema resolves a ``$ref`` each time it meets one, which made validation the
    largest cost of reading a text (tens of milliseconds per file); the inlined schema
    validates the same documents with the same errors, about three times faster.  A
    ``$ref``'s sibling keywords are merged into the target (ours are descriptions only).
    """

    def resolve(reference: str, base: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        address, _sep, pointer = reference.partition("#")
        if address:
            base = schemas[urljoin(base["$id"], address)]
        target: Any = base
        for part in filter(None, pointer.split("/")):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target, base

    def inline(node: Any, base: dict[str, Any], seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, base, seen) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            reference = node["$ref"]
            key = urljoin(base["$id"], reference)
            if key in seen:
                raise ValueError(f"recursive $ref {reference!r} in {base['$id']}")
            target, target_base = resolve(reference, base)
            merged = dict(inline(target, target_base, (*seen, key)))
            for keyword, value in node.items():
                if keyword == "$ref":
                    continue
                if keyword in merged and keyword not in _ANNOTATIONS:
                    raise ValueError(f"$ref {reference!r} has a sibling {keyword!r} its target also sets")
                merged[keyword] = inline(value, base, seen)
            return merged
        return {key: inline(value, base, seen) for key, value in node.items() if key != "$defs"}

    return dict(inline(schema, schema, ()))


_ANNOTATIONS = frozenset({"description", "title", "x-invalid"})


@cache
def _validator(kind: FileKind) -> Draft202012Validator:
    # Imported on first validation: a rebuild that reads no file should not pay for it.
    from jsonschema import Draft202012Validator

    schemas = {schema["$id"]: schema for schema in map(load_schema, SCHEMA_NAMES)}
    return Draft202012Validator(inline_references(load_schema(kind.schema_name), schemas))


def validate(document: YamlDocument, kind: FileKind) -> list[Problem]:
    """All schema problems of ``document``, each at the line of the offending field.

    What goes past a limit of the schema is refused here, before anything else reads it: a
    value longer than its ``maxLength`` is removed from the data (so an entry without its
    required definition is left out), a list longer than its ``maxItems`` is cut to that
    length.  No later stage (markup, locating, rendering) ever sees more than the limits.
    """
    problems: list[Problem] = []
    refused: list[tuple[tuple[str | int, ...], str, Any]] = []
    for error in _validator(kind).iter_errors(document.data):
        problems.extend(_problems_for(error, document))
        if error.validator in ("maxLength", "maxItems"):
            refused.append((tuple(error.absolute_path), str(error.validator), error.validator_value))
    _refuse(document.data, refused)
    return problems


def _refuse(data: Any, refused: list[tuple[tuple[str | int, ...], str, Any]]) -> None:
    """Remove values over ``maxLength`` and cut lists over ``maxItems`` (see :func:`validate`)."""

    # Deepest and last first, so that removing an item does not move the others' paths.
    def order(item: tuple[tuple[str | int, ...], str, Any]) -> tuple[tuple[bool, str | int], ...]:
        return tuple((isinstance(part, str), part) for part in item[0])

    for path, validator, limit in sorted(refused, key=order, reverse=True):
        parent: Any = data
        for part in path[:-1] if path else ():
            parent = parent[part]
        if validator == "maxItems":
            value = parent[path[-1]] if path else parent
            if isinstance(value, list):
                del value[int(limit) :]
        elif path and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif path and isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
            del parent[path[-1]]


def _field_name(path: tuple[str | int, ...]) -> str:
    names = [str(part) for part in path if isinstance(part, str)]
    return f"'{names[-1]}'" if names else "the file"


def _problems_for(error: ValidationError, document: YamlDocument) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    instance: Any = error.instance
    expected: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    name = _field_name(path)
    here = document.location(path)
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
            yield Problem(
                ProblemKind.SCHEMA,
                document.location((*path, key), key=True),
                f"unknown field '{key}'",
                hint,
            )
        return
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.validator_value)
        yield Problem(ProblemKind.SCHEMA, here, f"missing field '{missing}' {_container(path, instance)}")
        return
    if validator == "dependentRequired":
        for trigger, needed in (expected or {}).items():
            if trigger in instance:
                for field in needed:
                    if field not in instance:
                        yield Problem(
                            ProblemKind.SCHEMA,
                            document.location((*path, trigger), key=True),
                            f"field '{field}' is required when '{trigger}' is set",
                        )
        return
    if validator == "type":
        # The first type is the one to write; others are there for editors (see the schemas).
        wanted = (
            error.validator_value[0] if isinstance(error.validator_value, list) else error.validator_value
        )
        expected = {"object": "a mapping of fields", "array": "a list", "string": "text"}.get(
            str(wanted), str(wanted)
        )
        found = _describe(error.instance)
        yield Problem(
            ProblemKind.SCHEMA,
            here,
            f"{name} must be {expected}, not {found}",
            _type_hint(path, str(wanted), error.instance),
        )
        return
    if validator == "enum":
        choices = ", ".join(map(str, expected))
        yield Problem(ProblemKind.SCHEMA, here, f"{name} must be one of: {choices}")
        return
    if validator in ("minItems",):
        yield Problem(ProblemKind.SCHEMA, here, f"{name} must list at least {error.validator_value} item(s)")
        return
    if validator in ("maxItems",):
        yield Problem(
            ProblemKind.LIMIT,
            here,
            f"{name} lists more than {error.validator_value} items; the items after the "
            f"{error.validator_value}th are not used",
            "split the list, or keep only what the text needs",
        )
        return
    if validator == "maxLength":
        yield Problem(
            ProblemKind.LIMIT,
            here,
            f"{name} has {len(str(instance))} characters, more than {expected}; it is not used",
            "shorten it",
        )
        return
    if validator == "minLength" and error.instance == "":
        yield Problem(ProblemKind.SCHEMA, here, f"{name} must not be empty")
        return
    invalid = schema.get("x-invalid")
    if invalid:
        is_date = validator == "pattern" and schema.get("title", "").startswith(("Date", "Day"))
        hint = iso_date_hint(str(error.instance)) if is_date else ""
        yield Problem(ProblemKind.SCHEMA, here, f"{name} {invalid}", hint)
        return
    yield Problem(ProblemKind.SCHEMA, here, f"{name}: {error.message}")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"text {value!r}" if len(str(value)) < 40 else "text"


def _container(path: tuple[str | int, ...], instance: Any) -> str:
    """``in 'terms' entry 2 (id 'eawu')``, ``at the top of the file``: where a field is missing."""
    if not path:
        return "at the top of the file"
    names = [part for part in path if isinstance(part, str)]
    where = f"'{names[-1]}'" if names else "the file"
    if isinstance(path[-1], int):
        where = f"{where} entry {path[-1] + 1}"
        if isinstance(instance, dict) and isinstance(instance.get("id"), str):
            where += f" (id '{instance['id']}')"
    return f"in {where}"


def _type_hint(path: tuple[str | int, ...], expected: str, value: Any) -> str:
    """How to write a value of the expected type, shown with the contributor's own value."""
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    if expected == "array" and isinstance(value, str):
        return f"write a list: {key}: [{value}]" if len(value) < 60 else f"write a list: {key}: [...]"
    if expected == "object" and isinstance(value, str) and key == "quote":
        return "write the passage under 'exact': quote: {exact: \"...\"}"
    if expected == "string" and isinstance(value, dict):
        return "a colon followed by a space starts a mapping: put the whole text in double quotes"
    if expected == "string" and isinstance(value, list):
        return "a leading '-' or '[' starts a list: put the whole text in double quotes"
    if expected == "string" and value is None:
        return "write a value after the colon, or remove the field"
    return ""
