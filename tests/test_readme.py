"""The README's example runs as written."""

from __future__ import annotations

from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_usage_example_runs() -> None:
    code = README.split("## Using the generated models")[1].split("```python")[1].split("```")[0]
    body, _, last = code.rpartition("\ndataclass_models.FineTuningJob.from_dict(")
    namespace: dict[str, object] = {}
    exec(compile(body, "README.md", "exec"), namespace)
    with pytest.raises(ValueError, match=r"hyperparameters\.n_epochs"):
        exec("dataclass_models.FineTuningJob.from_dict(" + last.split("\n")[0], namespace)
