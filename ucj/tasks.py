"""The work the worker does, and how a page asks for it (ucj/jobs.py says how a job runs once and is watched)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ucj import jobs
from ucj.jobs import JobRefused, LiveProgress
from ucj.models import ImportBatch, Job
from ucj.spreadsheets import background

logger = logging.getLogger(__name__)

Handler = Callable[[Job, LiveProgress], str]

HANDLERS: dict[str, Handler] = {
    Job.Kind.READ_IMPORT: background.read_upload,
    Job.Kind.WRITE_IMPORT: background.write_import,
    Job.Kind.UNDO_IMPORT: background.undo,
    Job.Kind.EXPORT: background.prepare_export,
}


class AlreadyRunning(Exception):
    """The import already has work waiting or running; a second would only wait behind it to fail."""


def start_job(
    kind: str,
    *,
    user: User | AnonymousUser | None,
    batch: ImportBatch | None = None,
    params: dict[str, Any] | None = None,
    language: str | None = None,
) -> Job:
    """Record the job and queue it, in one transaction: the task waits in the same database, so it exists
    exactly when the job does."""
    with transaction.atomic():
        if batch is not None:
            ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
            if Job.objects.filter(batch=batch, state__in=[Job.State.QUEUED, Job.State.RUNNING]).exists():
                raise AlreadyRunning
        job = Job.objects.create(
            kind=kind,
            user=user if isinstance(user, User) else None,
            batch=batch,
            params=params or {},
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        run_job.enqueue(str(job.uid))
    return job


@task()
def run_job(job_uid: str) -> str:
    """Run one job, once: claimed, its progress beating, its outcome recorded whatever happens."""
    job = jobs.claim(job_uid)
    if job is None:
        logger.info("Job %s: not waiting any more (run by another worker, or removed)", job_uid)
        return "not claimed"
    progress = LiveProgress(job)
    with translation.override(job.language or settings.LANGUAGE_CODE), progress.beating():
        try:
            message = HANDLERS[job.kind](job, progress)
        except JobRefused as refused:
            jobs.finish(job, Job.State.FAILED, str(refused), progress, refused=True)
            return "refused"
        except Exception:
            logger.exception("Job %s (%s) failed", job.uid, job.kind)
            jobs.finish(
                job,
                Job.State.FAILED,
                _("An unexpected error stopped this work; nothing of it was written. The error was logged."),
                progress,
            )
            raise  # the task queue records the traceback too
        jobs.finish(job, Job.State.DONE, message, progress)
    return job.state
