"""datamodel-code-generator's ``DataType`` trees → our ``TypeExpr``, naming inline objects, enums and unions.

Works on the parser's objects through their attributes only (``reference``, ``data_types``,
``is_list``, ``is_dict``, ``literals``, ``type``, ``is_optional``), so nothing here imports the parser.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Any, Optional

from generator.model.claims import EnumFrag, UnionFrag
from generator.model.diagnostics import Diagnostic, Origin, warning
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, ObjectType, Ref, Scalar, TypeExpr, UnionOf
from generator.model.names import is_identifier, pascal_case
from generator.read.openapi_settings import OPENAPI_DIALECT

_MARK = "#-datamodel-code-generator-#-"
_COMPONENT = "#/components/schemas/"

# The parser's scalar type names (constrained and formatted ones included) → JSON scalars.
_SCALARS = {
    "str": "str", "constr": "str", "StrictStr": "str", "AnyUrl": "str", "AnyHttpUrl": "str", "HttpUrl": "str",
    "EmailStr": "str", "UUID": "str", "UUID1": "str", "UUID3": "str", "UUID4": "str", "UUID5": "str",
    "date": "str", "datetime": "str", "AwareDatetime": "str", "NaiveDatetime": "str", "time": "str",
    "timedelta": "str", "IPv4Address": "str", "IPv6Address": "str", "IPvAnyAddress": "str", "Base64Str": "str",
    "bytes": "str", "SecretStr": "str", "Path": "str", "Pattern": "str",
    "int": "int", "conint": "int", "StrictInt": "int", "PositiveInt": "int", "NegativeInt": "int",
    "NonNegativeInt": "int", "NonPositiveInt": "int",
    "float": "float", "confloat": "float", "StrictFloat": "float", "PositiveFloat": "float",
    "NegativeFloat": "float", "NonNegativeFloat": "float", "NonPositiveFloat": "float", "Decimal": "float",
    "condecimal": "float",
    "bool": "bool", "StrictBool": "bool",
}  # fmt: skip


@dataclass(frozen=True)
class Context:
    """Where a type is read: the object and field that hold it, for naming what is inline there."""

    owner: str
    field: str
    pointer: tuple[str, ...]
    item: bool = False  # inside a list or map: an inline item is named in the singular


def literal_value(member: Any) -> Any:
    """An enum member's JSON value: the parser's member value object, or a Python literal it wrote."""
    if not isinstance(member, (str, int, float, bool)) and hasattr(member, "value"):
        return member.value
    if not isinstance(member, str):
        return member
    try:
        return ast.literal_eval(member)
    except (ValueError, SyntaxError):
        return member


def kind_of(model: Any) -> str:
    """'enum', 'root' (a named type that is not an object: a union, list, scalar), 'object' or 'none'."""
    if model is None:
        return "none"
    if any(c.__name__ == "Enum" and c.__module__.endswith("model.enum") for c in type(model).__mro__):
        return "enum"
    if getattr(model, "IS_ROOT_MODEL", False) or getattr(model, "IS_ALIAS", False):
        return "root"
    return "object"


def dcg_pointer(path: str, prefix: tuple[str, ...]) -> tuple[str, ...]:
    """The parser's reference path (``#/components/schemas/A/b#-...-#-object-#-special-#/c``) → a JSON pointer."""
    if not path.startswith(_COMPONENT):
        return ()
    out = list(prefix)
    prev: Optional[str] = None
    for segment in path[len(_COMPONENT) :].split("/"):
        name, _, marker = segment.partition(_MARK)
        if prev in ("anyOf", "oneOf", "allOf"):
            out += [prev, name]
        elif prev == "array":
            out.append("items")
        elif prev == "object":
            out += ["properties", name]
        else:
            out.append(name)
        prev = marker.split("-#", 1)[0] if marker else "object"
    return tuple(out)


class TypeReader:
    """Reads types, registering the objects, enums and unions they name; memoised by the parser's path."""

    def __init__(
        self, results: list[Any], prefix: tuple[str, ...], schema_names: set[str], aliases: dict[str, str]
    ) -> None:
        self.aliases = aliases
        self.by_path = {m.reference.path: m for m in results}
        self.prefix = prefix
        self.objects: dict[str, tuple[Any, tuple[str, ...]]] = {}
        self.diagnostics: list[tuple[Diagnostic, tuple[str, ...]]] = []
        self._enums: dict[str, tuple[EnumFrag, tuple[str, ...]]] = {}
        self._unions: dict[str, tuple[UnionFrag, tuple[str, ...]]] = {}
        self._union_by_members: dict[tuple[TypeExpr, ...], str] = {}
        self._names: dict[str, str] = {}
        # names already given: every object and enum schema of the closure (a named union or type
        # that is not an object takes its name only when it becomes one)
        self._taken = {
            n for n in schema_names if kind_of(self.by_path.get(_COMPONENT + n)) in ("object", "enum")
        }
        self._roots: dict[str, tuple[TypeExpr, bool]] = {}
        self.known_values: dict[tuple[str, ...], tuple[str, ...]] = (
            {}
        )  # pointer → values an open string names
        self._started: set[str] = set()

    def enum_frags(self) -> list[tuple[EnumFrag, tuple[str, ...]]]:
        return list(self._enums.values())

    def union_frags(self) -> list[tuple[UnionFrag, tuple[str, ...]]]:
        return list(self._unions.values())

    def component(self, name: str) -> None:
        """Register the component schema ``name``: an object, an enum, or a named type read once."""
        if name in self._started:
            return
        self._started.add(name)
        path, pointer = _COMPONENT + name, (*self.prefix, name)
        model = self.by_path.get(path)
        if model is None:
            return
        kind = kind_of(model)
        if kind == "object":
            self.objects[name] = (model, pointer)
            self._names[path] = name
        elif kind == "enum":
            self._referenced(path, Context(name, "", pointer))
        elif model.fields:
            self._roots[name] = self.read(model.fields[0].data_type, Context(name, "", pointer))

    def read(self, dt: Any, ctx: Context) -> tuple[TypeExpr, bool]:
        """The type and whether null is allowed at this level (a field's own value)."""
        nullable = bool(getattr(dt, "is_optional", False))
        if dt.reference is not None:
            t, n = self._referenced(dt.reference.path, ctx)
            return t, n or nullable
        if dt.is_list or dt.is_dict:
            inner, n = (
                self.read(dt.data_types[0], replace(ctx, item=True)) if dt.data_types else (AnyType(), False)
            )
            if n:
                self._warn(
                    ctx,
                    "W374",
                    f"{ctx.owner}.{ctx.field}: null inside an item is not kept (only a field may be null)",
                )
            if dt.is_list:
                return ListOf(inner), nullable
            return (ObjectType() if inner == AnyType() else MapOf(inner)), nullable
        if dt.literals:
            return LiteralOf(tuple(dt.literals)), nullable
        if dt.data_types:
            return self._union(dt.data_types, ctx, nullable)
        if dt.type == "None":
            return AnyType(), True
        scalar = _SCALARS.get(str(dt.type))
        if scalar is not None:
            return Scalar(scalar), nullable
        if dt.type not in ("Any", "object", None):
            self._warn(ctx, "W373", f"{ctx.owner}.{ctx.field}: type '{dt.type}' is read as any JSON value")
        return AnyType(), nullable

    def _union(self, options_dt: list[Any], ctx: Context, nullable: bool) -> tuple[TypeExpr, bool]:
        options: list[TypeExpr] = []
        enums_before = set(self._enums)
        for dt in options_dt:
            if dt.type == "None" and not dt.data_types and dt.reference is None:
                nullable = True
                continue
            t, n = self.read(dt, ctx)
            nullable |= n
            for o in self._members(t):
                if o not in options:
                    options.append(o)
        if Scalar("str") in options:  # `anyOf [string, enum of strings]`: any string, some of them named
            options = self._open_strings(options, enums_before, ctx)
        if not options:
            return AnyType(), True
        if len(options) == 1:
            return options[0], nullable
        if any(isinstance(o, Ref) and o.name not in self._enums for o in options):
            return Ref(self._named_union(tuple(options), ctx)), nullable
        return UnionOf(tuple(options)), nullable

    def _open_strings(self, options: list[TypeExpr], enums_before: set[str], ctx: Context) -> list[TypeExpr]:
        """``str`` takes in the string enums and literals beside it (the SDK's ``Union[str, Literal[..]]``);
        their values are kept as the field's known values, and an inline enum read here is dropped."""
        named: list[str] = []
        kept: list[TypeExpr] = []
        for o in options:
            values = self._string_values(o)
            if values is None:
                kept.append(o)
                continue
            named += [v for v in values if v not in named]
            if isinstance(o, Ref) and o.name not in enums_before:
                del self._enums[o.name]  # its name stays taken: no other inline type gets it
        if named:
            self.known_values[ctx.pointer] = tuple(named)
        return kept

    def _string_values(self, t: TypeExpr) -> Optional[tuple[str, ...]]:
        values: tuple[Any, ...] = ()
        if isinstance(t, LiteralOf):
            values = t.values
        elif isinstance(t, Ref) and t.name in self._enums:
            values = self._enums[t.name][0].values
        return values if values and all(isinstance(v, str) for v in values) else None

    def _members(self, t: TypeExpr) -> tuple[TypeExpr, ...]:
        if isinstance(t, UnionOf):
            return t.options
        if isinstance(t, Ref) and t.name in self._unions:
            return self._unions[t.name][0].members
        return (t,)

    def _named_union(self, members: tuple[TypeExpr, ...], ctx: Context) -> str:
        known = self._union_by_members.get(members)
        if known is not None:
            return known
        name = ctx.owner if not ctx.field and ctx.owner not in self._unions else self._fresh(ctx)
        self._taken.add(name)
        self._union_by_members[members] = name
        self._unions[name] = (UnionFrag(name, members, Origin("", 1, 1), OPENAPI_DIALECT), ctx.pointer)
        return name

    def _referenced(self, path: str, ctx: Context) -> tuple[TypeExpr, bool]:
        model = self.by_path.get(path)
        if model is None:
            self._warn(
                ctx,
                "W373",
                f"{ctx.owner}.{ctx.field}: the parser gave no model for {path}; read as any value",
            )
            return AnyType(), False
        component = (
            path[len(_COMPONENT) :]
            if path.startswith(_COMPONENT) and "/" not in path[len(_COMPONENT) :]
            else None
        )
        kind = kind_of(model)
        if kind == "root":
            if component is None:
                return self.read(model.fields[0].data_type, ctx) if model.fields else (AnyType(), False)
            self.component(component)
            if component not in self._roots:  # a named type that contains itself
                self._warn(
                    ctx, "W373", f"{ctx.owner}.{ctx.field}: {component} refers to itself; read as any value"
                )
                return AnyType(), False
            return self._roots[component]
        if kind == "enum":
            members = [literal_value(f.default) for f in model.fields]
            values = tuple(v for v in members if v is not None)
            if len(values) == 1 or not all(isinstance(v, str) for v in values):
                return LiteralOf(values), None in members
            name = self._names.get(path) or component or self._fresh(ctx)
            self._names[path] = name
            if name not in self._enums:
                at = dcg_pointer(path, self.prefix) or ctx.pointer
                self._enums[name] = (EnumFrag(name, values, Origin("", 1, 1), OPENAPI_DIALECT), at)
            return Ref(name), None in members
        if component is not None:
            self.component(component)
            return Ref(component), False
        name = self._names.get(path) or self._fresh(ctx)
        self._names[path] = name
        self.objects.setdefault(name, (model, dcg_pointer(path, self.prefix) or ctx.pointer))
        return Ref(name), False

    def _fresh(self, ctx: Context) -> str:
        """Owner (its alias, if declared) + field in PascalCase, an item in the singular; W372 when taken."""
        word = pascal_case(ctx.field)
        if ctx.item and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        owner = self.aliases.get(ctx.owner, ctx.owner)
        base = owner + (word or ("Option" if ctx.owner in self._taken else ""))
        name, n = base, 1
        while name in self._taken or not is_identifier(name):
            n += 1
            name = f"{base}{n}"
        if n > 1:
            self._warn(ctx, "W372", f"{base} is taken; the inline type at this place is named {name}")
        self._taken.add(name)
        return name

    def _warn(self, ctx: Context, code: str, message: str) -> None:
        self.diagnostics.append((warning(code, message), ctx.pointer))
