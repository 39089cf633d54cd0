"""Background jobs for uploads: one worker thread indexes them in order, so an upload request
returns at once and questions stay fast while a large document is parsed and embedded.

Jobs live in memory (the last `KEPT` of them): after a restart an upload's outcome is read from
the document list, not from its job.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from chat.errors import UserInputError
from indexer.load import LoadError

log = logging.getLogger(__name__)

KEPT = 1000
JobStatus = Literal["queued", "running", "done", "failed"]


class JobInfo(BaseModel):
    job_id: str
    status: JobStatus
    file_name: str
    doc_id: str
    submitted: datetime
    finished: datetime | None = None
    result: dict | None = None  # the upload's result when done
    error: str | None = None  # why it failed, in Chinese
    error_status: int | None = None  # the HTTP status the failure would have had in a synchronous upload


class Jobs:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-job")
        self._jobs: OrderedDict[str, JobInfo] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, file_name: str, doc_id: str, work: Callable[[], BaseModel]) -> JobInfo:
        job = JobInfo(job_id=uuid.uuid4().hex, status="queued", file_name=file_name, doc_id=doc_id, submitted=datetime.now(UTC))
        with self._lock:
            self._jobs[job.job_id] = job
            while len(self._jobs) > KEPT:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job.job_id, work)
        return job

    def _update(self, job_id: str, **changes: object) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id] = self._jobs[job_id].model_copy(update=changes)

    def _run(self, job_id: str, work: Callable[[], BaseModel]) -> None:
        self._update(job_id, status="running")
        try:
            result = work()
        except (UserInputError, LoadError) as exc:
            status = getattr(exc, "status_code", 422)
            self._update(job_id, status="failed", error=str(exc), error_status=status, finished=datetime.now(UTC))
        except Exception:
            log.exception("upload job %s failed", job_id)
            self._update(job_id, status="failed", error="服务器内部错误，文件未能索引", error_status=500, finished=datetime.now(UTC))
        else:
            self._update(job_id, status="done", result=result.model_dump(mode="json"), finished=datetime.now(UTC))

    def get(self, job_id: str) -> JobInfo | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)
