"""Hostile documents: text that tries to break out of strings, comments and docstrings.

Each document of the corpus is written into a temporary spec directory and run through
``modelgen generate``. Either it is rejected with a diagnostic (exit 1, ``error[E...]``), or every
generated module compiles, imports in a fresh interpreter (cwd a temporary directory) and
round-trips a payload in every style, and no ``PWNED`` file appears anywhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import black
import pytest

from generator.emit.reserved import check_spec_names
from generator.emit.styles import enum_member_names
from generator.model.diagnostics import Origin
from generator.model.ir import EnumDef, Field, Model, Scalar, Spec
from generator.model.names import RESERVED_MEMBERS, py_identifier
from generator.pysrc.format import mode

ROOT = Path(__file__).resolve().parent.parent
PWN = 'import os; os.system("touch PWNED")'

# ---------------------------------------------------------------------------------------------
# the corpus: (id, object description, field wire name, field description, enum values, constant)


@dataclass(frozen=True)
class Case:
    id: str
    description: str = "A harmless object."
    field: str = "name"
    field_description: str = "A harmless field."
    values: tuple[str, ...] = ()
    constant: str = "thing"


BREAKOUTS = [
    '"""',
    "'''",
    '""""',
    "\\",
    '\\"',
    'ends with a quote"',
    'ends with an escaped quote\\"',
    "ends with a backslash\\",
    f'"""); {PWN} #',
    f"'''); {PWN} #",
    f"\\n{PWN}",
    f"# {PWN}",
    f"'); {PWN}; ('",
    f'"); {PWN}; ("',
    "{{ 7 * 7 }} {{ config }}",
    "{% raw %}{{ x }}{% endraw %}",
    "{% for x in y %}",
    "{# comment",
    f"line\u2028{PWN}",
    f"para\u2029{PWN}",
    f"next\x85{PWN}",
    "tab\there\x0bvt\x0cff\x1c\x1d\x1e\x1f\x7f",
    "\ufeffbom and \u202etrojan-source\u202c",
    "é ü ✓ 中文 🎉",
    "x" * 5000,
]

CASES: list[Case] = []
for i, text in enumerate(BREAKOUTS):
    CASES.append(Case(f"object-description-{i}", description=text))
    CASES.append(Case(f"field-description-{i}", field_description=text))
CASES += [
    Case("wire-key-quotes", field='na"me'),
    Case("wire-key-single-quote", field="it's"),
    Case("wire-key-backslash", field="back\\slash"),
    Case("wire-key-pwn", field=f"x'); {PWN}; ('"),
    Case("wire-key-keyword", field="class"),
    Case("wire-key-soft-keyword", field="match"),
    Case("wire-key-reserved", field="model_config"),
    Case("wire-key-schema", field="schema"),
    Case("wire-key-to-dict", field="to_dict"),
    Case("wire-key-extra", field="extra"),
    Case("wire-key-self", field="self"),
    Case("wire-key-leading-digit", field="1st"),
    Case("wire-key-dashes", field="x-request-id"),
    Case("wire-key-unicode", field="naïve"),
    Case("wire-key-jinja", field="{{x}}"),
    Case("wire-key-long", field="a" * 300),
    Case("constant-quote", constant='fine"tuning'),
    Case("constant-pwn", constant=f"x'); {PWN}; ('"),
    Case("constant-triple", constant='"""'),
    Case("constant-backslash", constant="a\\b"),
    Case("constant-jinja", constant="{{ 7 * 7 }}"),
    Case("enum-breakouts", values=('a"""', "b\\", f"c'); {PWN}#", "{{ d }}", "e\u2028f")),
    Case("enum-collisions", values=("in-progress", "in_progress", "inProgress", "IN PROGRESS")),
    Case("enum-keywords", values=("class", "None", "match", "mro", "_", "1x")),
    Case("enum-empty-after-safe", values=("!!!", "???", "é", "")),
    Case("enum-long", values=("v" * 500, "w" * 500)),
]


def _cell(text: str) -> str:
    """A table cell: pipes escaped, newlines kept out (a row is one line)."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def document(case: Case) -> str:
    status = ""
    if case.values:
        values = ", ".join(_code(v) for v in case.values[:-1]) + f", or {_code(case.values[-1])}"
        status = f"| status | string | Required | One of {_cell(values)}. |\n"
    return (
        "# The hostile thing object\n\n"
        f"{case.description}\n\n"
        "| Parameter | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n"
        f"| {_cell(case.field)} | string | Required | {_cell(case.field_description)} |\n"
        f"| object | string | Required | The object type, which is always {_cell(_code(case.constant))}. |\n"
        f"{status}"
    )


# ---------------------------------------------------------------------------------------------
# running modelgen and the generated package in fresh interpreters

CHECK = r"""
import json, sys
import out.dataclass_models, out.attrs_models, out.pydantic_models, out.typeddict_models
import typing
payloads = json.loads(sys.argv[1])
# the constant as the parser read it (prose.constant decides what a quoted value is, not this test)
for model in out.pydantic_models.MODELS.values():
    annotation = model.model_fields["object"].annotation if "object" in model.model_fields else None
    if typing.get_origin(annotation) is typing.Literal:
        payloads = [{**p, "object": typing.get_args(annotation)[0]} for p in payloads]
for module in (out.dataclass_models, out.attrs_models, out.pydantic_models):
    for name, cls in module.MODELS.items():
        for doc in payloads:
            assert cls.from_dict(doc).to_dict() == doc, (module.__name__, name, doc)
            assert json.loads(cls.from_json(json.dumps(doc)).to_json()) == doc
for name, load in out.typeddict_models.MODELS.items():
    for doc in payloads:
        assert load(doc) == doc
print("ok")
"""


def generate(spec: Path, out: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def check_package(tmp: Path, out: Path, payloads: list[dict[str, object]]) -> None:
    for module in sorted(out.rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        compile(text, str(module), "exec")
        assert black.format_str(text, mode=mode()) == text, f"{module.name} is not in black's format"
    run_dir = tmp / "run"
    run_dir.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(payloads)],
        cwd=run_dir,
        env={**os.environ, "PYTHONPATH": str(out.parent)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"


def assert_no_pwned(*dirs: Path) -> None:
    for d in dirs:
        assert not list(d.rglob("PWNED")), f"PWNED appeared under {d}"


def payloads_of(case: Case) -> list[dict[str, object]]:
    doc: dict[str, object] = {case.field: "value", "object": case.constant}
    if not case.values:
        return [doc]
    return [{**doc, "status": v} for v in case.values] + [{**doc, "status": "not-a-known-value"}]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_document(case: Case, tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "hostile_thing.md").write_text(document(case), encoding="utf-8")
    out = tmp_path / "out"
    result = generate(spec, out, tmp_path)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    if result.returncode == 0:
        check_package(tmp_path, out, payloads_of(case))
    else:
        assert result.returncode == 1, result.stderr[-3000:]
        assert "error[E" in result.stderr
        assert not out.exists()
    assert_no_pwned(tmp_path, ROOT)


def test_the_breakouts_reach_the_output_as_data(tmp_path: Path) -> None:
    """Not rejected: the hostile text is in the modules, inert, and comes back unchanged."""
    case = Case("all", description="".join(BREAKOUTS[:20]), field_description="".join(BREAKOUTS[:20]))
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "hostile_thing.md").write_text(document(case), encoding="utf-8")
    out = tmp_path / "out"
    result = generate(spec, out, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    check_package(tmp_path, out, payloads_of(case))
    source = (out / "dataclass_models.py").read_text(encoding="utf-8")
    assert "touch PWNED" in source  # as text inside a docstring, which ran nothing
    assert_no_pwned(tmp_path, ROOT)


@pytest.mark.parametrize(
    "file_name",
    [
        "evil\nimport os\nos.system('touch PWNED').md",
        "evil\r# -*- coding: rot13 -*-.md",
        "type: ignore.md",
        "evil\u2028os.system('touch PWNED').md",
        'x\'"""{{ 7 * 7 }}.md',
    ],
    ids=["newline", "carriage-return-coding", "type-ignore", "line-separator", "quotes-jinja"],
)
def test_odd_input_file_names_stay_in_the_header_comment(file_name: str, tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / file_name).write_text(document(Case("file")), encoding="utf-8")
    out = tmp_path / "out"
    result = generate(spec, out, tmp_path)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    if result.returncode != 0:
        assert "error[E" in result.stderr
        return
    check_package(tmp_path, out, payloads_of(Case("file")))
    for module in out.rglob("*.py"):
        lines = module.read_text(encoding="utf-8").splitlines()
        end = next(i for i, line in enumerate(lines) if line.startswith("# inputs sha256:"))
        assert end == 3, f"{module.name}: the input name took {end - 2} lines"
        for line in lines[: end + 1]:
            assert line.startswith("#"), f"{module.name}: header line is not a comment: {line!r}"
    assert_no_pwned(tmp_path, ROOT)


def test_an_input_named_type_ignore_does_not_silence_mypy(tmp_path: Path) -> None:
    """A header line ``#   type: ignore`` before any statement makes mypy skip the whole module."""
    from generator.emit.tree import header

    text = header(Spec((), inputs=("type: ignore.md", "type: ignore")))
    assert not any(line[1:].strip().startswith("type:") for line in text.splitlines())


# ---------------------------------------------------------------------------------------------
# names: model / enum names (generator.emit.reserved) and member names (generator.emit.styles)

O = Origin("spec/x.md", 3, 1)


def _spec(*names: str, fields: tuple[str, ...] = ()) -> Spec:
    flds = tuple(Field(f, f, Scalar("str"), True, False, origins=(O,)) for f in fields)
    return Spec(tuple(Model(n, flds, origins=(O,)) for n in names))


@pytest.mark.parametrize(
    "name",
    [
        "BaseModel",
        "Field",
        "ConfigDict",
        "attrs",
        "UNSET",
        "UnsetType",
        "ValidationError",
        "MODELS",
        "Optional",
        "Literal",
        "str",
        "list",
        "type",
        "object",
        "ExceptionGroup",
        "match",
        "case",
        "_Private",
        "_",
        "Naïve",
        "class",
        "1Thing",
        "with-dash",
        "",
    ],
)
def test_reserved_or_unsafe_model_names_are_e205(name: str) -> None:
    diags = check_spec_names(_spec(name))
    assert [d.code for d in diags] == ["E205"]
    assert diags[0].origin == O
    assert repr(name) in diags[0].message


def test_enum_names_are_checked_too() -> None:
    spec = Spec((EnumDef("Union", ("a",), origins=(O,)), EnumDef("Status", ("a",), origins=(O,))))
    assert [d.message.split(" ")[2] for d in check_spec_names(spec)] == ["'Union'"]


def test_safe_names_pass() -> None:
    assert check_spec_names(_spec("FineTuningJob", "Thing2", "A" * 500)) == []


def test_a_name_that_is_a_loader_or_a_field_is_e205() -> None:
    assert len(check_spec_names(_spec("load_thing", "Thing"))) == 1
    assert len(check_spec_names(_spec("status", fields=("status",)))) == 1


def test_the_resolver_and_safety_agree_on_non_identifiers() -> None:
    """Both report a non-identifier with the same diagnostic, so the pipeline keeps one."""
    diags = check_spec_names(_spec("with-dash"))
    assert diags[0].message == "object name 'with-dash' is not a valid Python identifier"


def test_styles_check_names_is_only_an_assertion() -> None:
    from generator.emit.styles import check_names

    check_names(_spec("Thing"))
    with pytest.raises(ValueError, match="internal error"):
        check_names(_spec("BaseModel"))


@pytest.mark.parametrize(
    "values",
    [
        ("in-progress", "in_progress", "inProgress", "IN PROGRESS"),
        ("a", "A", "a_2", "A_2"),
        ("!!!", "???", "", "é", "VALUE", "EMPTY"),
        ("class", "None", "match", "case", "mro", "_", "1x", "name", "value"),
    ],
)
def test_enum_member_names_are_distinct_safe_identifiers(values: tuple[str, ...]) -> None:
    names = enum_member_names(values)
    assert len(set(names)) == len(values)
    for n in names:
        assert n.isidentifier() and n.isascii() and not n.startswith("_"), n
    assert enum_member_names(values) == names  # deterministic


# ---------------------------------------------------------------------------------------------
# field names the styles reserve (generator.model.names is the lead's; these show what it misses)

PYDANTIC_MEMBERS = (
    "construct copy dict from_orm json parse_file parse_obj parse_raw schema schema_json "
    "update_forward_refs validate model_computed_fields model_config model_construct model_copy "
    "model_dump model_dump_json model_extra model_fields model_fields_set model_json_schema "
    "model_parametrized_name model_post_init model_rebuild model_validate model_validate_json "
    "model_validate_strings"
).split()
OWN_MEMBERS = ["from_dict", "to_dict", "from_json", "to_json", "extra"]


def test_our_own_members_are_reserved() -> None:
    for name in OWN_MEMBERS:
        assert name in RESERVED_MEMBERS and py_identifier(name) != name


def test_every_pydantic_member_is_reserved() -> None:
    missing = [n for n in PYDANTIC_MEMBERS if py_identifier(n) == n]
    assert missing == []


def test_pydantic_members_match_the_installed_pydantic() -> None:
    from pydantic import BaseModel

    assert {n for n in dir(BaseModel) if not n.startswith("_")} <= set(PYDANTIC_MEMBERS)


def test_every_name_a_module_defines_or_imports_is_reserved() -> None:
    """A model named like something a generated module imports or defines would shadow it."""
    import ast as python_ast

    from generator.emit.reserved import MODULE_NAMES
    from generator.emit.tree import build_tree
    from generator.pipeline import load_spec

    spec, _ = load_spec(ROOT / "spec")
    assert spec is not None
    spec_names = {item.name for item in spec.items}
    for name, text in build_tree(spec).items():
        if not name.endswith("_models.py"):
            continue
        defined: set[str] = set()
        for node in python_ast.parse(text).body:
            if isinstance(node, (python_ast.Import, python_ast.ImportFrom)):
                defined |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, (python_ast.ClassDef, python_ast.FunctionDef)):
                defined.add(node.name)
            elif isinstance(node, (python_ast.Assign, python_ast.AnnAssign)):
                targets = node.targets if isinstance(node, python_ast.Assign) else [node.target]
                defined |= {t.id for t in targets if isinstance(t, python_ast.Name)}
        public = {n for n in defined if not n.startswith("_") and not n.startswith("load_")}
        assert public - spec_names <= MODULE_NAMES, (name, sorted(public - spec_names - MODULE_NAMES))
