"""msgspec's tagged unions: the member models of a discriminated union become tagged Structs.

msgspec tells Structs apart in a union only by a tag (``tag_field``/``tag`` in the class
definition); the tag key is then not a field of the Struct but written by msgspec itself, so the
member's own literal field becomes a ``ClassVar`` of its value (``cat.type`` still reads
``"cat"``). A tagged Struct decoded on its own takes a document without the tag, which the other
styles reject: so a model is tagged only when nothing refers to it but tagged unions, and its
from_dict/from_json decode it as ``Union[Model, _NoTag_<key>]``, which needs the tag.

A discriminated union msgspec cannot express this way (a bool or int tag, a member also used on its own
or in an untagged union, a model tagged by two keys) is decoded by the module itself, by its tag
(``msgspec_unions``): its members stay plain Structs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from generator.emit.decoder_source import union_tags
from generator.model.ir import Model, Spec, UnionDef, refs_of
from generator.pysrc.literals import py_str


@dataclass(frozen=True)
class StructTag:
    key: str  # the wire key (msgspec's tag_field)
    value: Union[str, int]  # this model's tag


def _direct_uses(spec: Spec) -> set[str]:
    """Models named by a field (not through a tagged union) or by an untagged union."""
    used = {n for m in spec.models for f in m.fields for n in refs_of(f.type)}
    used |= {n for u in spec.unions if u.discriminator is None for m in u.members for n in refs_of(m)}
    return {n for n in used if isinstance(spec.get(n), Model)}


def _problem(union: UnionDef, spec: Spec, direct: set[str], tags: dict[str, StructTag]) -> str:
    for value, model in union_tags(union, spec):
        if isinstance(value, bool):
            return f"its tag {value!r} is a bool (msgspec tags are strings or integers)"
        if not isinstance(value, str):  # msgspec refuses a union of int- and str-tagged Structs
            return f"its tag {value!r} is an integer (a model decoded on its own is checked by a str tag)"
        if model in direct:
            return f"its member {model} is also used on its own (a tagged Struct reads a document without the tag)"
        if model in tags and tags[model].key != union.discriminator:
            return f"its member {model} is tagged by {tags[model].key!r} in another union"
    return ""


def struct_tags(spec: Spec) -> tuple[dict[str, StructTag], dict[str, str]]:
    """Model name → its tag, for the members of the discriminated unions msgspec can tag; and the
    discriminated unions it cannot, each with the reason (the module decodes them by the tag)."""
    direct = _direct_uses(spec)
    tags: dict[str, StructTag] = {}
    untagged: dict[str, str] = {}
    for union in spec.unions:
        if union.discriminator is None:
            continue
        problem = _problem(union, spec, direct, tags)
        if problem:
            untagged[union.name] = problem
            continue
        for value, model in union_tags(union, spec):
            assert not isinstance(value, bool)
            tags[model] = StructTag(union.discriminator, value)
    return tags, untagged


def class_keywords(tag: StructTag) -> str:
    """What follows ``_Model, kw_only=True`` in the class line."""
    return f", tag_field={py_str(tag.key)}, tag={py_str(tag.value)}"
