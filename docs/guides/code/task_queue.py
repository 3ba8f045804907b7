"""A durable task queue on SQLite: leases, retries with backoff, and a dead-letter state."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

BACKOFF_CAP = 300.0  # seconds: a poison task should not be retried every few seconds for hours
SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'running', 'done', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_after    REAL    NOT NULL,
    lease_until  REAL,
    last_error   TEXT
);
CREATE INDEX IF NOT EXISTS tasks_ready ON tasks (status, run_after);
"""


@dataclass(frozen=True)
class Task:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int


class TaskQueue:
    def __init__(self, path: str, lease_seconds: float = 60.0, clock: Callable[[], float] = time.time) -> None:
        # Wall-clock time, not monotonic: run_after and lease_until are stored and must survive restarts.
        self._clock, self._lease = clock, lease_seconds
        # isolation_level=None: we open transactions ourselves. timeout: wait for a busy writer, don't fail.
        self._db = sqlite3.connect(path, timeout=10.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
        self._db.executescript(SCHEMA)

    def enqueue(self, kind: str, payload: dict[str, Any], max_attempts: int = 5) -> int:
        sql = "INSERT INTO tasks (kind, payload, max_attempts, run_after) VALUES (?, ?, ?, ?)"
        return int(self._db.execute(sql, (kind, json.dumps(payload), max_attempts, self._clock())).lastrowid or 0)

    # --8<-- [start:claim]
    def claim(self) -> Task | None:
        """Take the oldest runnable task, or one whose worker died and let its lease run out."""
        now = self._clock()
        # BEGIN IMMEDIATE takes the write lock before the SELECT, so two workers never both claim one row.
        self._db.execute("BEGIN IMMEDIATE")
        with self._db:  # COMMIT on success, ROLLBACK on any error
            row = self._db.execute(
                "SELECT id, kind, payload, attempts FROM tasks WHERE (status = 'ready' AND run_after <= ?)"
                " OR (status = 'running' AND lease_until < ? AND attempts < max_attempts) ORDER BY id LIMIT 1",
                (now, now),
            ).fetchone()
            if row is not None:
                self._db.execute(
                    "UPDATE tasks SET status = 'running', attempts = attempts + 1, lease_until = ? WHERE id = ?",
                    (now + self._lease, row[0]),
                )
            # --8<-- [end:claim]
            # A worker that died on its last attempt must not get the task back forever: dead-letter it.
            self._db.execute(
                "UPDATE tasks SET status = 'dead', last_error = 'lease expired on the last attempt'"
                " WHERE status = 'running' AND lease_until < ? AND attempts >= max_attempts",
                (now,),
            )
        return None if row is None else Task(row[0], row[1], json.loads(row[2]), row[3] + 1)

    def complete(self, task: Task) -> None:
        """Matching `attempts` too stops a worker whose lease expired from overwriting a newer claim."""
        self._db.execute(
            "UPDATE tasks SET status = 'done', lease_until = NULL WHERE id = ? AND attempts = ? AND status = 'running'",
            (task.id, task.attempts),
        )

    def fail(self, task: Task, error: str) -> None:
        """Retry later with exponential backoff, or move to 'dead' once the attempts are used up."""
        self._db.execute(
            "UPDATE tasks SET last_error = ?, lease_until = NULL,"
            " status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'ready' END,"
            " run_after = ? + MIN(?, 2.0 * (1 << MIN(attempts, 20)))"
            " WHERE id = ? AND attempts = ? AND status = 'running'",
            (error[:2000], self._clock(), BACKOFF_CAP, task.id, task.attempts),
        )

    def dead_letters(self) -> list[tuple[int, str, str]]:  # (id, kind, last_error)
        return self._db.execute("SELECT id, kind, last_error FROM tasks WHERE status = 'dead' ORDER BY id").fetchall()

    def retry_dead(self, task_id: int) -> bool:
        """Replay a dead task once its cause is fixed. False if it was not dead."""
        sql = "UPDATE tasks SET status = 'ready', attempts = 0, run_after = ? WHERE id = ? AND status = 'dead'"
        return self._db.execute(sql, (self._clock(), task_id)).rowcount == 1

    def discard_dead(self, task_id: int) -> bool:
        """Drop a dead task that must never run (its order was cancelled, say). Note why first: it is gone."""
        return self._db.execute("DELETE FROM tasks WHERE id = ? AND status = 'dead'", (task_id,)).rowcount == 1

    def counts(self) -> dict[str, int]:
        """Tasks per status for the gauges the alerts read, zeros included: a dead-letter gauge that is
        never set back to 0 would keep its alert firing after the last dead task is gone."""
        found = dict(self._db.execute("SELECT status, COUNT(*) FROM tasks GROUP BY status").fetchall())
        return {status: found.get(status, 0) for status in ("ready", "running", "done", "dead")}


# Usage in a worker loop. A task can run twice (a lease may expire mid-run), so handlers must be idempotent.
def work_once(queue: TaskQueue, handlers: dict[str, Callable[[dict[str, Any]], None]]) -> bool:
    task = queue.claim()
    if task is None:
        return False
    try:
        handlers[task.kind](task.payload)
    except Exception as exc:
        queue.fail(task, repr(exc))
    else:
        queue.complete(task)
    return True
