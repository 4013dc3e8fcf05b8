"""Long work off the request: a Job row per piece of work, run once by one worker, watched from its page.

A page asks for work with ucj.tasks.start_job; the task queue (django-tasks'
database backend, settings.TASKS) hands it to one worker (`manage.py
db_worker`). Here is what every job shares:

- **Once only.** A worker claims a job by moving it from queued to running
  in one conditional UPDATE; a second worker (or a second delivery of the
  same task) finds nothing to claim and leaves.
- **Progress and a heartbeat.** While the job runs, a thread of the worker
  writes the step, the rows done and the time to the jobs cache every
  HEARTBEAT_SECONDS. The cache is shared by every process (settings.CACHES
  "jobs"), and written outside the job's transaction, so a page sees the
  progress of an import whose rows are not committed yet.
- **A dead worker is noticed.** A running job whose heartbeat is older than
  UCJ_JOB_STALE_SECONDS belonged to a worker that was killed or ran out of
  memory; the next look at it (its page, its status.json) marks it failed.
  Its writes were one transaction, so the database is as it was; the page
  offers to run it again.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.display import format_count
from ucj.models import Job
from ucj.progress import CHECKING, EXPORTING, READING, SAVING, UNDOING, WRITING

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0
# Progress entries outlive any job; a finished job's outcome is on its row.
PROGRESS_TTL_SECONDS = 24 * 60 * 60

STEP_LABELS = {
    READING: gettext_lazy("Reading the rows"),
    CHECKING: gettext_lazy("Checking every row against the database"),
    SAVING: gettext_lazy("Keeping the checked rows for the preview"),
    WRITING: gettext_lazy("Writing the figures and their history"),
    UNDOING: gettext_lazy("Putting back the values the import replaced"),
    EXPORTING: gettext_lazy("Writing the rows of the export"),
}


class JobRefused(Exception):
    """The work cannot be done as asked; the message, in the asker's language, says why. Nothing was written."""


def worker_name() -> str:
    """This process, as the jobs it runs record it: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def _progress_key(job: Job) -> str:
    return f"ucj-job:{job.uid}"


class LiveProgress:
    """The progress of one running job, shared with every process through the jobs cache.

    Only the heartbeat thread writes it. The job's own thread must not: on
    PostgreSQL the jobs cache is a table, and a write from inside the job's
    transaction would hold its row locked until the job ends, stopping every
    heartbeat after it.
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        self._lock = threading.Lock()
        self._step = ""
        self._done = 0
        self._total: int | None = None
        self._changed = threading.Event()  # a new step: publish it now rather than at the next beat

    def step(self, name: str, total: int | None = None) -> None:
        with self._lock:
            self._step, self._done, self._total = name, 0, total
        self._changed.set()

    def advance(self, count: int) -> None:
        with self._lock:
            self._done += count

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"step": self._step, "done": self._done, "total": self._total, "beat": time.time()}

    def publish(self) -> None:
        caches["jobs"].set(_progress_key(self.job), self.snapshot(), PROGRESS_TTL_SECONDS)

    @contextmanager
    def beating(self) -> Iterator[LiveProgress]:
        """Publish the progress from a thread of its own, every HEARTBEAT_SECONDS and at each new step."""
        stop = threading.Event()

        def beat() -> None:
            try:
                while not stop.is_set():
                    try:
                        self.publish()
                    except Exception:  # a missed beat is not worth stopping the work for; many missed ones are
                        logger.warning("Job %s: the heartbeat could not be written", self.job.uid, exc_info=True)
                    self._changed.wait(HEARTBEAT_SECONDS)
                    self._changed.clear()
            finally:
                connections.close_all()  # this thread's own (the database cache's), not the job's

        thread = threading.Thread(target=beat, name=f"heartbeat-{self.job.pk}", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            stop.set()
            self._changed.set()
            thread.join()


def claim(job_uid: str) -> Job | None:
    """Move the job from queued to running for this worker; None when it is not queued (taken, or gone)."""
    now = timezone.now()
    claimed = Job.objects.filter(uid=job_uid, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=now, worker=worker_name()
    )
    if not claimed:
        return None
    return Job.objects.select_related("batch", "user").get(uid=job_uid)


def finish(job: Job, state: str, message: str, progress: LiveProgress | None = None, *, refused: bool = False) -> None:
    """Record the outcome, even over a "worker stopped" verdict given meanwhile: the outcome is what happened."""
    fields: dict[str, Any] = {"state": state, "message": message, "finished_at": timezone.now(), "refused": refused}
    if progress is not None:
        last = progress.snapshot()
        fields.update(done=last["done"], total=last["total"])
    Job.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _last_heard(job: Job) -> float | None:
    beat = caches["jobs"].get(_progress_key(job))
    if beat:
        return float(beat["beat"])
    return job.started_at.timestamp() if job.started_at else None


def settle(job: Job) -> Job:
    """The job as it stands: a running job whose worker fell silent is marked failed first."""
    if job.state != Job.State.RUNNING:
        return job
    heard = _last_heard(job)
    if heard is not None and time.time() - heard <= settings.UCJ_JOB_STALE_SECONDS:
        return job
    message = _(
        "The worker stopped before this work was finished (it was restarted, or ran out of memory). "
        "Nothing of it was written. Run it again."
    )
    stopped = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, worker=job.worker).update(
        state=Job.State.FAILED, finished_at=timezone.now(), message=message
    )
    if stopped:
        logger.error("Job %s (%s) on %s: no heartbeat; marked failed", job.uid, job.kind, job.worker)
    job.refresh_from_db()
    return job


def status(job: Job) -> dict[str, Any]:
    """What the job's page shows: state, step, rows done of total, the outcome; the JSON of status.json."""
    job = settle(job)
    data: dict[str, Any] = {
        "state": job.state,
        "state_label": job.get_state_display(),
        "kind": job.kind,
        "step": "",
        "step_label": "",
        "done": job.done,
        "total": job.total,
        "message": job.message,
        "waiting_seconds": None,
        "can_retry": job.state == Job.State.FAILED and not job.refused,
    }
    if job.state == Job.State.RUNNING:
        live = caches["jobs"].get(_progress_key(job)) or {}
        step = live.get("step", "")
        data.update(
            step=step, step_label=str(STEP_LABELS.get(step, "")), done=live.get("done", 0), total=live.get("total")
        )
    elif job.state == Job.State.QUEUED:
        data["waiting_seconds"] = int((timezone.now() - job.created_at).total_seconds())
    total = data["total"]
    data["done"] = min(data["done"], total) if total else data["done"]
    data["count_text"] = (
        _("%(done)s of %(total)s rows") % {"done": format_count(data["done"]), "total": format_count(total)}
        if total
        else ""
    )
    return data
