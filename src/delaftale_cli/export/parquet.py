"""Parquet files, one per table, with typed columns (string, int64, float64, date32)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from .files import atomic_path, ensure_folder
from .tables import Table


def write_parquet(tables: Sequence[Table], folder: Path) -> list[Path]:
    """One Parquet file per table in `folder` (needs pyarrow), written atomically."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(
            None, "Parquet export needs pyarrow: pip install 'delaftale[parquet]'"
        ) from exc
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    ensure_folder(folder)
    written = []
    for table in tables:
        schema = pa.schema([(c.name, types[c.type]) for c in table.columns])
        columns = list(zip(*table.rows, strict=True)) or [()] * len(table.columns)
        arrow = pa.table(
            [
                pa.array(list(values), type=types[c.type])
                for c, values in zip(table.columns, columns, strict=True)
            ],
            schema=schema,
        )
        path = folder / f"{table.name}.parquet"
        with atomic_path(path) as tmp:
            pq.write_table(arrow, tmp)
        written.append(path)
    return written
