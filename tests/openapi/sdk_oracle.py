"""The openai SDK's response models as an oracle of the OpenAPI source's models: same wire names, compatible types.

``SDK_TO_OURS`` pairs every response model of ``openai.types.fine_tuning`` (with ``jobs`` and
``checkpoints``) and ``openai.types.graders`` with our model of the same object. ``differences``
walks one pair and returns every disagreement as text, which the test holds to a list of
known differences, each with its reason.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel

from generator.model.ir import (
    AnyType,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    ObjectType,
    Ref,
    Scalar,
    TypeExpr,
    UnionOf,
    type_text,
)

PACKAGES = (
    "openai.types.fine_tuning",
    "openai.types.fine_tuning.jobs",
    "openai.types.fine_tuning.checkpoints",
    "openai.types.graders",
)

# SDK "module.Class" → our model (after spec/modelgen.toml's aliases)
SDK_TO_OURS = {
    "fine_tuning_job.FineTuningJob": "FineTuningJob",
    "fine_tuning_job.Error": "FineTuningJobError",
    "fine_tuning_job.Hyperparameters": "FineTuningJobHyperparameters",
    "fine_tuning_job.Method": "FineTuneMethod",
    "fine_tuning_job_event.FineTuningJobEvent": "FineTuningJobEvent",
    "fine_tuning_job_wandb_integration.FineTuningJobWandbIntegration": "FineTuningJobWandbIntegration",
    "fine_tuning_job_wandb_integration_object.FineTuningJobWandbIntegrationObject": "FineTuningJobIntegration",
    "dpo_hyperparameters.DpoHyperparameters": "DpoHyperparameters",
    "dpo_method.DpoMethod": "DpoMethod",
    "reinforcement_hyperparameters.ReinforcementHyperparameters": "ReinforcementHyperparameters",
    "reinforcement_method.ReinforcementMethod": "ReinforcementMethod",
    "supervised_hyperparameters.SupervisedHyperparameters": "SupervisedHyperparameters",
    "supervised_method.SupervisedMethod": "SupervisedMethod",
    "fine_tuning_job_checkpoint.FineTuningJobCheckpoint": "FineTuningJobCheckpoint",
    "fine_tuning_job_checkpoint.Metrics": "FineTuningJobCheckpointMetrics",
    "permission_create_response.PermissionCreateResponse": "FineTuningCheckpointPermission",
    "permission_list_response.PermissionListResponse": "FineTuningCheckpointPermission",
    "permission_retrieve_response.Data": "FineTuningCheckpointPermission",
    "permission_retrieve_response.PermissionRetrieveResponse": "ListFineTuningCheckpointPermissionResponse",
    "permission_delete_response.PermissionDeleteResponse": "DeleteFineTuningCheckpointPermissionResponse",
    "grader_inputs.GraderInputItemOutputText": "EvalItemContentOutputText",
    "grader_inputs.GraderInputItemInputImage": "EvalItemInputImage",
    "label_model_grader.InputContentOutputText": "EvalItemContentOutputText",
    "label_model_grader.InputContentInputImage": "EvalItemInputImage",
    "label_model_grader.Input": "EvalItem",
    "label_model_grader.LabelModelGrader": "GraderLabelModel",
    "multi_grader.MultiGrader": "GraderMulti",
    "python_grader.PythonGrader": "GraderPython",
    "score_model_grader.InputContentOutputText": "EvalItemContentOutputText",
    "score_model_grader.InputContentInputImage": "EvalItemInputImage",
    "score_model_grader.Input": "EvalItem",
    "score_model_grader.SamplingParams": "GraderScoreModelSamplingParams",
    "score_model_grader.ScoreModelGrader": "GraderScoreModel",
    "string_check_grader.StringCheckGrader": "GraderStringCheck",
    "text_similarity_grader.TextSimilarityGrader": "GraderTextSimilarity",
}
# SDK models outside those packages that their fields refer to (a grader input's content)
SDK_REFERENCED = {
    "response_input_text.ResponseInputText": "InputTextContent",
    "response_input_audio.ResponseInputAudio": "InputAudio",
}


def sdk_models() -> dict[str, type[BaseModel]]:
    """Every pydantic model defined in the SDK's fine-tuning and grader modules, by "module.Class"."""
    found: dict[str, type[BaseModel]] = {}
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            if info.ispkg:
                continue
            module = importlib.import_module(f"{package}.{info.name}")
            for name, obj in vars(module).items():
                if inspect.isclass(obj) and issubclass(obj, BaseModel) and obj.__module__ == module.__name__:
                    found[f"{info.name}.{name}"] = obj
    return found


class Ours:
    """Our models, enums and unions by name, with a reverse index of SDK classes."""

    def __init__(
        self,
        models: dict[str, Model],
        enums: dict[str, tuple[str, ...]],
        unions: dict[str, tuple[TypeExpr, ...]],
    ) -> None:
        self.models, self.enums, self.unions = models, enums, unions

    def differences(self, key: str, cls: type[BaseModel]) -> list[str]:
        model = self.models[SDK_TO_OURS[key]]
        ours = {f.wire_name: f for f in model.fields}
        out: list[str] = []
        sdk_fields = {(info.alias or name): info for name, info in cls.model_fields.items()}
        for wire in sorted(set(sdk_fields) - set(ours)):
            out.append(f"{key}.{wire}: only the SDK has it")
        for wire in sorted(set(ours) - set(sdk_fields)):
            out.append(f"{key}.{wire}: only ours has it")
        for wire in sorted(set(sdk_fields) & set(ours)):
            info, f = sdk_fields[wire], ours[wire]
            annotation, sdk_nullable = _strip_none(info.annotation)
            if info.is_required() != f.required:
                out.append(f"{key}.{wire}: required: SDK {info.is_required()}, ours {f.required}")
            if f.nullable and not sdk_nullable:
                out.append(f"{key}.{wire}: ours may be null, the SDK's may not")
            if sdk_nullable and not f.nullable and f.required:
                out.append(f"{key}.{wire}: the SDK's may be null, ours (required) may not")
            if not self.compatible(annotation, f.type):
                out.append(f"{key}.{wire}: type: SDK {_show(annotation)}, ours {_show_ours(f.type)}")
        return out

    def _members(self, union: str) -> tuple[TypeExpr, ...]:
        """A union's members, a member that is itself a union seen through (the SDK writes one flat Union)."""
        out: list[TypeExpr] = []
        for m in self.unions[union]:
            out += self._members(m.name) if isinstance(m, Ref) and m.name in self.unions else [m]
        return tuple(out)

    def compatible(self, sdk: Any, t: TypeExpr) -> bool:
        origin, args = typing.get_origin(sdk), typing.get_args(sdk)
        if isinstance(t, Ref) and t.name in self.unions:
            t = UnionOf(self._members(t.name))
        if isinstance(t, Ref) and t.name in self.enums:
            t = LiteralOf(self.enums[t.name])
        if origin is typing.Annotated:
            return self.compatible(args[0], t)
        if origin in (Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            theirs = t.options if isinstance(t, UnionOf) else (t,)
            return (
                len(options) == len(theirs)
                and all(any(self.compatible(a, o) for o in theirs) for a in options)
                or all(self.compatible(a, t) for a in options)
            )
        if origin is Literal:
            return isinstance(t, LiteralOf) and set(args) == set(t.values)
        if isinstance(t, UnionOf):
            return False
        if origin is list:
            return isinstance(t, ListOf) and self.compatible(args[0], t.item)
        if origin is dict or sdk is dict:
            return (
                isinstance(t, ObjectType)
                or isinstance(t, MapOf)
                and (not args or self.compatible(args[1], t.value))
            )
        if sdk is object or sdk is Any:
            return isinstance(t, (AnyType, ObjectType, MapOf))
        if inspect.isclass(sdk) and issubclass(sdk, BaseModel):
            key = f"{sdk.__module__.rsplit('.', 1)[-1]}.{sdk.__name__}"
            return isinstance(t, Ref) and {**SDK_TO_OURS, **SDK_REFERENCED}.get(key) == t.name
        scalars = {str: ("str",), int: ("int",), float: ("float", "int"), bool: ("bool",)}
        return isinstance(t, Scalar) and t.name in scalars.get(sdk, ())


def _strip_none(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = typing.get_args(annotation)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) < len(args):
            return (rest[0] if len(rest) == 1 else Union[rest]), True  # noqa: UP007
    return annotation, False


def _show(annotation: Any) -> str:
    return str(annotation).replace("typing.", "").replace("openai.types.", "")


def _show_ours(t: TypeExpr) -> str:
    return type_text(t)
