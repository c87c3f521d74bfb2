"""delaftale: Danish boligsocial delaftaler to validated structured data.

>>> from delaftale_cli import parse_file
>>> agreement = parse_file("samples/viborg-uddannelse.docx")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["InputError", "__version__", "parse_file"]

if TYPE_CHECKING:
    from .api import parse_file
    from .errors import InputError


def __getattr__(name: str) -> Any:
    # Lazy so that `import delaftale_cli` (and CLI start-up) stays light.
    if name == "parse_file":
        from .api import parse_file

        return parse_file
    if name == "InputError":
        from .errors import InputError

        return InputError
    raise AttributeError(name)
