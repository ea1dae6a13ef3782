"""Hand-built Specs with UnionDef items (nothing upstream produces them yet), and payloads."""

from __future__ import annotations

from typing import Any

from generator.model.ir import AnyType, Field, ListOf, LiteralOf, Model, Ref, Scalar, Spec, UnionDef


def fld(wire: str, t: Any, required: bool = True, nullable: bool = False, py: str = "") -> Field:
    return Field(wire, py or wire, t, required, nullable)


CAT = Model(
    "Cat", (fld("type", LiteralOf(("cat",))), fld("name", Scalar("str")), fld("lives", Scalar("int"), False))
)
DOG = Model(
    "Dog", (fld("type", LiteralOf(("dog",))), fld("name", Scalar("str")), fld("good", Scalar("bool"), False))
)
PET = UnionDef("Pet", (Ref("Cat"), Ref("Dog")), discriminator="type", description="A cat or a dog.")
# no tag: a model, a scalar or a list, tried in that order
NOTE = Model("Note", (fld("text", Scalar("str")),))
LABEL = UnionDef("Label", (Ref("Note"), Scalar("str"), ListOf(Scalar("int"))))
ANYTHING = UnionDef("Anything", (AnyType(),))
OWNER = Model(
    "Owner",
    (
        fld("pet", Ref("Pet")),
        fld("pets", ListOf(Ref("Pet"))),
        fld("label", Ref("Label"), required=False),
        fld("maybe_pet", Ref("Pet"), nullable=True),
        fld("meta", Ref("Anything"), required=False, nullable=True),
    ),
)
SPEC = Spec((CAT, DOG, PET, NOTE, LABEL, ANYTHING, OWNER))
# Cat also on its own: msgspec cannot tag it (a tagged Struct reads a document without its tag)
FAVOURITE = Model("Favourite", (fld("cat", Ref("Cat")), fld("pet", Ref("Pet"))))
SPEC_CAT_ALONE = Spec((CAT, DOG, PET, FAVOURITE))

OWNER_DOCS: list[dict[str, Any]] = [
    {
        "pet": {"type": "cat", "name": "Tom"},
        "pets": [{"type": "dog", "name": "Rex", "good": True}, {"type": "cat", "name": "Kit", "lives": 9}],
        "label": "plain",
        "maybe_pet": None,
        "meta": {"any": [1, "x", None]},
    },
    {
        "pet": {"type": "dog", "name": "Rex", "extra_key": 1},
        "pets": [],
        "label": [1, 2],
        "maybe_pet": {"type": "cat", "name": "Tom"},
    },
    {
        "pet": {"type": "cat", "name": "A"},
        "pets": [],
        "label": {"text": "Z", "more": 1},
        "maybe_pet": None,
    },
    {"pet": {"type": "cat", "name": "A"}, "pets": [], "maybe_pet": None, "meta": None},
]
# (document, the dotted path every style's error must name)
BAD_OWNER_DOCS: list[tuple[dict[str, Any], str]] = [
    ({"pet": {"type": "bird", "name": "x"}, "pets": [], "maybe_pet": None}, "pet"),
    ({"pet": {"name": "x"}, "pets": [], "maybe_pet": None}, "pet"),
    ({"pet": "cat", "pets": [], "maybe_pet": None}, "pet"),
    ({"pet": {"type": "cat", "name": 5}, "pets": [], "maybe_pet": None}, "pet"),
    ({"pet": {"type": "cat", "name": "x"}, "pets": [{"type": "dog"}], "maybe_pet": None}, "pets"),
    ({"pet": {"type": "cat", "name": "x"}, "pets": [], "maybe_pet": None, "label": 5}, "label"),
]

# what msgspec can write untagged: a model, a str or a list; the free-form alias
UNTAGGED_OWNER = Model(
    "Owner",
    (
        fld("label", Ref("Label")),
        fld("labels", ListOf(Ref("Label"))),
        fld("maybe", Ref("Label"), required=False, nullable=True),
        fld("meta", Ref("Anything"), required=False),
    ),
)
CAT_LABEL = UnionDef("Label", (Ref("Cat"), Scalar("str"), ListOf(Scalar("int"))))
UNTAGGED_SPEC = Spec((CAT, CAT_LABEL, ANYTHING, UNTAGGED_OWNER))
UNTAGGED_DOCS: list[dict[str, Any]] = [
    {
        "label": "x",
        "labels": [[1, 2], {"type": "cat", "name": "Z", "other": 1}, "y"],
        "maybe": None,
        "meta": 3,
    },
    {"label": {"type": "cat", "name": "Z", "lives": 3}, "labels": [], "maybe": [5], "meta": {"a": [None]}},
    {"label": [], "labels": ["a"]},
]
BAD_UNTAGGED_DOCS: list[tuple[dict[str, Any], str]] = [
    ({"label": 5, "labels": []}, "label"),
    ({"label": "x", "labels": [True]}, "labels"),
    ({"label": "x", "labels": [], "meta": None}, "meta"),
]
