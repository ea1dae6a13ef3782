"""The msgspec module of the vendored petstore sample (openapi-generator's python docs, whole
folder): models in lists of lists and maps of lists (``ArrayOfArrayOfModel``, ``ArrayTest``,
``MapOfArrayOfModel``) used to leave the module out (W501). It is written, imports, and keeps the
unknown keys of the models inside them, like the dataclass module."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

from generator.emit.registry import BUILTIN_STYLES
from generator.emit.tree import build_tree, writable_styles
from generator.pipeline import load_spec

PETSTORE = Path(__file__).parents[1] / "corpora" / "samples" / "petstore-openapi-generator-python" / "pages"


@pytest.fixture(scope="module")
def petstore(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    spec, _ = load_spec(PETSTORE)
    assert spec is not None
    assert writable_styles(spec, BUILTIN_STYLES) == (BUILTIN_STYLES, [])
    root = tmp_path_factory.mktemp("petstore")
    for name, text in build_tree(spec, ("dataclass", "msgspec")).items():
        (root / "petstore_sample" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "petstore_sample" / name).write_text(text)
    sys.path.insert(0, str(root))
    try:
        return {s: importlib.import_module(f"petstore_sample.{s}_models") for s in ("dataclass", "msgspec")}
    finally:
        sys.path.remove(str(root))


# (model, document, where the first inner model is, its unknown keys)
CASES = [
    (
        "ArrayOfArrayOfModel",
        {"another_property": [[{"id": 1, "name": "a", "k": [1]}], [], [{"x": None}]]},
        lambda v: v.another_property[0][0],
        {"k": [1]},
    ),
    (
        "ArrayTest",
        {"array_array_of_model": [[{"bar": "b", "more": {"y": 2}}]]},
        lambda v: v.array_array_of_model[0][0],
        {"more": {"y": 2}},
    ),
    (
        "MapOfArrayOfModel",
        {"shop_id_to_org_online_lip_map": {"s1": [{"id": 2, "u": True}], "s2": []}},
        lambda v: v.shop_id_to_org_online_lip_map["s1"][0],
        {"u": True},
    ),
]


@pytest.mark.parametrize(("model", "doc", "inner", "extra"), CASES)
def test_models_in_lists_of_lists_keep_unknown_keys(
    petstore: dict[str, Any], model: str, doc: Any, inner: Callable[[Any], Any], extra: dict[str, Any]
) -> None:
    for style, module in petstore.items():
        cls = module.MODELS[model]
        assert cls.from_dict(doc).to_dict() == doc, style
        assert json.loads(cls.from_json(json.dumps(doc)).to_json()) == doc, style
        assert inner(cls.from_json(json.dumps(doc))).extra == extra, style


def test_a_bad_value_deep_inside_names_its_path(petstore: dict[str, Any]) -> None:
    doc = {"shop_id_to_org_online_lip_map": {"s1": [{"id": "two"}]}}
    for module in petstore.values():
        with pytest.raises(ValueError, match=r"^shop_id_to_org_online_lip_map\.s1\[0\]\.id: "):
            module.MODELS["MapOfArrayOfModel"].from_dict(doc)
    with pytest.raises(ValueError, match=r"^another_property\[1\]\[0\]\.id: "):
        petstore["msgspec"].ArrayOfArrayOfModel.from_json('{"another_property": [[], [{"id": "x"}]]}')
