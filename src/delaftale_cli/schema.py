"""JSON Schemas generated from the pydantic models (the models are the source of truth)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import Agreement

SCHEMA_FILES = {"agreement.schema.json": Agreement}


def schema_documents() -> dict[str, str]:
    """File name -> JSON Schema text, exactly as committed in `schemas/`."""
    out: dict[str, str] = {}
    for name, model in SCHEMA_FILES.items():
        schema: dict[str, Any] = model.model_json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://delaftale.invalid/schemas/{name}",
            **schema,
        }
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: str | Path) -> list[Path]:
    """Write every schema into `folder`; returns the paths written. Raises InputError when
    the folder cannot be written."""
    from .errors import InputError
    from .output import write_atomic

    written = []
    for name, text in schema_documents().items():
        path = Path(folder) / name
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise InputError(folder, f"cannot be written ({exc.strerror or exc})") from exc
        written.append(path)
    return written
