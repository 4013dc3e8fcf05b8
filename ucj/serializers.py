"""JSON lines with timestamps to the microsecond, for export_all.

Django's JSON encoder cuts a timestamp to milliseconds, so an export restored
would no longer order two changes made within the same millisecond, nor match
the history it came from. Loading needs nothing special: Django's JSON-lines
deserializer reads the full ISO timestamps.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # Django's JSON serializer has it; its stubs do not
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = jsonl.Deserializer
