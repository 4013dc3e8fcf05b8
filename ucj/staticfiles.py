"""plotly.js served from the copy inside the plotly package: the charts work offline, with no CDN."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage

STATIC_NAME = "vendor/plotly/plotly.min.js"


def _package_data() -> Path:
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ImproperlyConfigured("The plotly package is not installed (requirements.txt).")
    return Path(spec.submodule_search_locations[0]) / "package_data"


class PlotlyFinder(BaseFinder):
    """Finds only plotly.min.js in the installed plotly package (not its data sets or widget bundle)."""

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        if path != STATIC_NAME:
            return [] if find_all else ""
        found = str(_package_data() / "plotly.min.js")
        return [found] if find_all else found

    def list(self, ignore_patterns: Any) -> Any:
        storage = FileSystemStorage(location=str(_package_data()))
        storage.prefix = "vendor/plotly"  # type: ignore[attr-defined]
        yield "plotly.min.js", storage
