"""The field reference of the annotation files, read from their JSON Schemas.

:func:`describe` walks the schema of one kind of file and returns every object it
describes (the file itself, then the objects nested in it: a term, a source, a note …)
with every field: its name, type, whether it is required, what it means, and the rules its
value must follow.  The contributors' guide renders this (see
:mod:`annotated_reader.sphinxext.reference_pages`), so the guide cannot drift from the schemas
that validate the files.  The strings are the schemas' own (English); the Sphinx layer
translates them through the reference catalog.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .schema import FileKind, load_schema

Rule = tuple[str, str]
"""A rule as a message template and its argument (``("at most %s characters", "300")``)."""


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One field of an object."""

    name: str
    type: str
    """Title of the value's type, e.g. ``Line of text``, ``Source``."""
    is_list: bool
    required: bool
    description: str
    rules: tuple[Rule, ...] = ()
    required_with: str = ""
    """The field whose presence makes this one required (``title`` with ``date``)."""
    object: str = ""
    """Key of the nested object that describes the value (or each item), if any."""


@dataclass(frozen=True, slots=True)
class ObjectDoc:
    """An object of an annotation file: the file itself, or one nested in it."""

    key: str
    """``glossary`` for the file itself, else the definition's name (``term``, ``source``)."""
    title: str
    description: str
    fields: tuple[FieldDoc, ...]
    one_of: tuple[str, ...] = ()
    """Fields of which exactly one must be given."""
    rule: str = ""
    """The object's own rule (its ``x-invalid``), if any."""


@dataclass(frozen=True, slots=True)
class _Node:
    schema_name: str
    key: str
    schema: dict[str, Any]


def describe(kind: FileKind) -> list[ObjectDoc]:
    """The file's own object first, then each nested object in the order first met."""
    top = _Node(kind.schema_name, kind.value, load_schema(kind.schema_name))
    objects: list[ObjectDoc] = []
    queue = [top]
    seen = {(top.schema_name, top.key)}
    while queue:
        node = queue.pop(0)
        doc, nested = _object(node)
        objects.append(doc)
        for child in nested:
            if (child.schema_name, child.key) not in seen:
                seen.add((child.schema_name, child.key))
                queue.append(child)
    return objects


def iter_strings(kind: FileKind) -> Iterator[str]:
    """Every string of the reference that is shown to readers (for the catalog)."""
    for doc in describe(kind):
        yield from (doc.title, doc.description, doc.rule)
        for field in doc.fields:
            yield from (field.type, field.description)
            yield from (template for template, _ in field.rules)


def _resolve(schema_name: str, ref: str) -> _Node:
    document, _, pointer = ref.partition("#")
    name = document or schema_name
    schema = load_schema(name)
    key = ""
    for part in pointer.strip("/").split("/") if pointer else ():
        schema = schema[part]
        key = part
    return _Node(name, key, schema)


def _merged(schema_name: str, schema: dict[str, Any]) -> tuple[_Node, dict[str, Any]]:
    """The node a ``$ref`` points at (or the schema itself) and the schema with local overrides."""
    if "$ref" in schema:
        target = _resolve(schema_name, schema["$ref"])
        merged = {**target.schema, **{k: v for k, v in schema.items() if k != "$ref"}}
        return target, merged
    return _Node(schema_name, "", schema), schema


def _object(node: _Node) -> tuple[ObjectDoc, list[_Node]]:
    schema = node.schema
    required = set(schema.get("required", ()))
    dependent = {
        field: trigger for trigger, fields in schema.get("dependentRequired", {}).items() for field in fields
    }
    one_of = tuple(name for option in schema.get("oneOf", ()) for name in option.get("required", ()))
    fields = []
    nested = []
    for name, prop in schema.get("properties", {}).items():
        field, child = _field(node.schema_name, name, prop, name in required, dependent.get(name, ""))
        fields.append(field)
        if child is not None:
            nested.append(child)
    doc = ObjectDoc(
        key=node.key,
        title=schema.get("title", node.key),
        description=schema.get("description", ""),
        fields=tuple(fields),
        one_of=one_of,
        rule=schema.get("x-invalid", "") if one_of else "",
    )
    return doc, nested


def _field(
    schema_name: str, name: str, prop: dict[str, Any], required: bool, required_with: str
) -> tuple[FieldDoc, _Node | None]:
    target, merged = _merged(schema_name, prop)
    is_list = merged.get("type") == "array"
    value_node, value = target, merged
    if is_list:
        value_node, value = _merged(target.schema_name, merged.get("items", {}))
    child = value_node if "properties" in value else None
    type_title = value.get("title") or {"string": "Text", "object": "Mapping"}.get(
        value.get("type", ""), "Text"
    )
    description = prop.get("description") or merged.get("description") or value.get("description", "")
    return (
        FieldDoc(
            name=name,
            type=type_title,
            is_list=is_list,
            required=required,
            description=description,
            rules=_rules(merged, value if is_list else None),
            required_with=required_with,
            object=child.key if child is not None else "",
        ),
        child,
    )


def _rules(schema: dict[str, Any], items: dict[str, Any] | None) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    if "maxItems" in schema:
        rules.append(("at most %s items", str(schema["maxItems"])))
    value = items if items is not None else schema
    if value.get("x-invalid") and "properties" not in value:
        rules.append((value["x-invalid"], ""))
    elif "maxLength" in value:
        rules.append(("at most %s characters", str(value["maxLength"])))
    if value.get("minLength") and not value.get("x-invalid"):
        rules.append(("not empty", ""))
    return tuple(rules)
