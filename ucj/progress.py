"""How long work tells whoever waits on it how far it got: a bar on the terminal, a bar on the import's page.

The work names its steps and counts rows; it does not know who is watching.
The command line passes a tqdm bar (ucj/management/commands/import_xlsx.py),
the worker a live record its page polls (ucj/jobs.py), tests nothing.
"""

from __future__ import annotations

from typing import Protocol

# The steps of an import, in the words the pages use (ucj/jobs.py STEP_LABELS).
READING = "reading"
CHECKING = "checking"
SAVING = "saving"
WRITING = "writing"
UNDOING = "undoing"
EXPORTING = "exporting"


class Progress(Protocol):
    def step(self, name: str, total: int | None = None) -> None:
        """A new step begins; `total` rows are to go through it (None: not known beforehand)."""

    def advance(self, count: int) -> None:
        """`count` more rows went through the current step."""


class Silent:
    """Progress nobody watches."""

    def step(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int) -> None:
        pass
