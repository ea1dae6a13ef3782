"""Specs msgspec cannot decode by itself (unions it cannot tell apart, tags it cannot write, models
in lists of lists), each with payloads that every style must round-trip and bad payloads with the
path every style's error must name."""

from __future__ import annotations

from typing import Any

from generator.model.ir import (
    AnyType,
    EnumDef,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    ObjectType,
    Ref,
    Scalar,
    Spec,
    UnionDef,
    UnionOf,
)
from tests.emit.union_specs import CAT, DOG, PET, fld

TEXT = Model("Text", (fld("text", Scalar("str")), fld("type", LiteralOf(("text",)), required=False)))
IMAGE = Model("Image", (fld("url", Scalar("str")), fld("detail", Scalar("float"), required=False)))
COLOR = EnumDef("Color", ("red", "blue"))
# two models without a tag; a model or a list of it; an enum or a str; two lists; Any beside a model
CHUNK = UnionDef("Chunk", (Ref("Text"), Ref("Image")))
ONE_OR_MANY = UnionDef("OneOrMany", (Ref("Text"), ListOf(Ref("Text"))))
COLOR_OR_STR = UnionDef("ColorOrStr", (Ref("Color"), Scalar("str")))
LISTS = UnionDef("Lists", (ListOf(Scalar("int")), ListOf(Scalar("str"))))
TEXT_OR_ANY = UnionDef("TextOrAny", (Ref("Text"), AnyType()))
# a union of them in a list, and a union with a str (a union item as a member of another)
CONTENT = UnionDef("Content", (Scalar("str"), ListOf(Ref("Chunk"))))
MESSAGE = Model(
    "Message",
    (
        fld("content", Ref("Content")),
        fld("chunks", ListOf(Ref("Chunk")), required=False),
        fld("input", Ref("OneOrMany"), required=False),
        fld("color", Ref("ColorOrStr"), required=False, nullable=True),
        fld("lists", Ref("Lists"), required=False),
        fld("anything", Ref("TextOrAny"), required=False, nullable=True),
        fld("inline", UnionOf((Ref("Text"), MapOf(Scalar("int")))), required=False),
        fld("grid", ListOf(ListOf(Ref("Image"))), required=False),
        fld("pages", MapOf(ListOf(Ref("Text"))), required=False),
        fld("deep", ListOf(MapOf(ListOf(Ref("Image")))), required=False),
        fld("pet_grid", MapOf(ListOf(Ref("Pet"))), required=False),  # tagged Structs, deeper
    ),
)
UNIONS_SPEC = Spec(
    (
        CAT,
        DOG,
        PET,
        TEXT,
        IMAGE,
        COLOR,
        CHUNK,
        ONE_OR_MANY,
        COLOR_OR_STR,
        LISTS,
        TEXT_OR_ANY,
        CONTENT,
        MESSAGE,
    )
)
MESSAGE_DOCS: list[dict[str, Any]] = [
    {"content": "plain"},
    {
        "content": [{"text": "a", "type": "text"}, {"url": "u", "detail": 1}, {"url": "v", "more": [1]}],
        "chunks": [{"text": "b", "other": {"k": None}}, {"url": "w", "detail": 0.5}],
        "input": {"text": "one"},
        "color": "red",
        "lists": [1, 2],
        "anything": {"text": "t"},
        "inline": {"text": "x"},
        "grid": [[{"url": "a"}, {"url": "b", "k": 1}], []],
        "pages": {"p": [{"text": "x", "k": 2}], "q": []},
        "deep": [{"a": [{"url": "z", "kk": True}]}, {}],
        "pet_grid": {"x": [{"type": "dog", "name": "R", "k": 1}, {"type": "cat", "name": "C"}]},
    },
    {
        "content": [],
        "input": [{"text": "1"}, {"text": "2", "extra": "kept"}],
        "color": "green",
        "lists": ["a"],
        "anything": [None, {"x": 1.5}],
        "inline": {"a": 1},
    },
    {"content": "x", "color": None, "lists": []},
]
BAD_MESSAGE_DOCS: list[tuple[dict[str, Any], str]] = [
    ({"content": 5}, "content"),
    ({"content": [{"nope": 1}]}, "content[0]"),
    ({"content": "x", "chunks": [{"text": 1}]}, "chunks[0]"),
    ({"content": "x", "input": [{"text": "1"}, 3]}, "input"),
    ({"content": "x", "color": 7}, "color"),
    ({"content": "x", "lists": [1, "a"]}, "lists"),
    ({"content": "x", "inline": {"a": "b"}}, "inline"),
    ({"content": "x", "grid": [[{"url": 1}]]}, "grid[0][0].url"),
    ({"content": "x", "pages": {"p": [{"text": None}]}}, "pages.p[0].text"),
    ({"content": "x", "deep": [{"a": [{"detail": 1}]}]}, "deep[0].a[0].url"),
    ({"content": "x", "pet_grid": {"x": [{"type": "dog", "name": 1}]}}, "pet_grid.x[0].name"),
]

# a discriminated union msgspec cannot tag: Cat is used on its own too, and Cat and Dog are also
# told apart by a second key in another union
CAT2 = Model("Cat", (*CAT.fields, fld("kind", LiteralOf(("feline",)), required=False)))
KIND_CAT = Model("KindCat", (fld("kind", LiteralOf(("feline",))), fld("name", Scalar("str"))))
BIRD = Model("Bird", (fld("kind", LiteralOf(("avian",))), fld("flies", Scalar("bool"))))
BY_KIND = UnionDef("ByKind", (Ref("KindCat"), Ref("Bird")), discriminator="kind")
OWNER = Model(
    "Owner",
    (
        fld("cat", Ref("Cat")),
        fld("pet", Ref("Pet")),
        fld("pets", ListOf(Ref("Pet")), required=False),
        fld("animal", Ref("ByKind"), required=False, nullable=True),
    ),
)
TAGS_SPEC = Spec((CAT, DOG, PET, KIND_CAT, BIRD, BY_KIND, OWNER))
# KindCat is tagged by "kind" here and by "type" in Pet2: two keys
KIND_CAT_TYPED = Model("KindCat", (*KIND_CAT.fields, fld("type", LiteralOf(("cat",)))))
PET2 = UnionDef("Pet2", (Ref("KindCat"), Ref("Dog")), discriminator="type")
TWO_KEYS_OWNER = Model("Owner", (fld("a", Ref("ByKind")), fld("b", Ref("Pet2"))))
TWO_KEYS_SPEC = Spec((DOG, KIND_CAT_TYPED, BIRD, BY_KIND, PET2, TWO_KEYS_OWNER))
OWNER_DOCS: list[dict[str, Any]] = [
    {"cat": {"type": "cat", "name": "Tom"}, "pet": {"type": "dog", "name": "Rex", "good": True}},
    {
        "cat": {"type": "cat", "name": "Tom", "unknown": [1]},
        "pet": {"type": "cat", "name": "Kit", "lives": 9, "x": None},
        "pets": [{"type": "dog", "name": "A"}, {"type": "cat", "name": "B"}],
        "animal": {"kind": "avian", "flies": False},
    },
    {"cat": {"type": "cat", "name": "Z"}, "pet": {"type": "dog", "name": "R"}, "animal": None},
]
BAD_OWNER_DOCS: list[tuple[dict[str, Any], str]] = [
    ({"cat": {"type": "cat", "name": "Tom"}, "pet": {"type": "bird", "name": "x"}}, "pet.type"),
    ({"cat": {"type": "cat", "name": "Tom"}, "pet": {"name": "x"}}, "pet.type"),
    ({"cat": {"type": "cat", "name": "Tom"}, "pet": {"type": "dog", "name": 1}}, "pet.name"),
    ({"cat": {"type": "cat", "name": "Tom"}, "pet": "dog"}, "pet"),
    ({"cat": {"name": "Tom"}, "pet": {"type": "dog", "name": "x"}}, "cat.type"),
    (
        {"cat": {"type": "cat", "name": "T"}, "pet": {"type": "dog", "name": "x"}, "animal": {"kind": 1}},
        "animal.kind",
    ),
]
TWO_KEYS_DOCS: list[dict[str, Any]] = [
    {
        "a": {"kind": "feline", "name": "x", "type": "cat"},
        "b": {"kind": "feline", "name": "y", "type": "cat"},
    },
    {"a": {"kind": "avian", "flies": True}, "b": {"type": "dog", "name": "d", "k": 1}},
]

# a recursive union: a group of conditions or groups (Mistral's FilterGroup)
CONDITION = Model("Condition", (fld("field", Scalar("str")), fld("value", Scalar("float"))))
GROUP = Model("Group", (fld("all", ListOf(Ref("Filter"))),))
FILTER = UnionDef("Filter", (Ref("Condition"), Ref("Group")))
RECURSIVE_SPEC = Spec((CONDITION, GROUP, FILTER))

# every pair of these (but Any: dataclass and attrs let a union with Any take a null where the
# field is not nullable; and Literal[1, 2]: pydantic lets true through Union[float, Literal[1, 2]];
# the generated tests reject both) as a union written in place, in a field, a list and a map: msgspec decodes
# some pairs by itself, the module the others; the generated tests compare every style on them
OPTIONS = (
    Ref("Text"),
    Ref("Pet"),
    Ref("Chunk"),
    Ref("Color"),
    Scalar("str"),
    Scalar("float"),
    LiteralOf(("a", "b")),
    ListOf(Ref("Image")),
    MapOf(Ref("Image")),
    ListOf(ListOf(Ref("Text"))),
    ListOf(Scalar("int")),
    ObjectType(),
    Scalar("int"),
    Scalar("bool"),
)
PAIRS = [(a, b) for i, a in enumerate(OPTIONS) for b in OPTIONS[i + 1 :]]
PAIRS_MODEL = Model(
    "Pairs",
    tuple(
        fld(f"f{i}_{how}", wrap(UnionOf(pair)), required=False)
        for i, pair in enumerate(PAIRS)
        for how, wrap in (("one", lambda t: t), ("list", ListOf), ("map", MapOf))
    ),
)
PAIRS_SPEC = Spec((CAT, DOG, PET, TEXT, IMAGE, COLOR, CHUNK, PAIRS_MODEL))
