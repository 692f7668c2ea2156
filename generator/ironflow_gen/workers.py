"""Worker processes for the CPU-bound steps of a build: black and the schema check.

Both are pure Python that holds the GIL, so threads cannot run them side by side;
processes can. The pool lives for one build (``worker_processes``) and is forked at
its start, while the build is a single small thread: forking a process that runs
threads can copy a lock in a held state, and a small parent is cheap to copy. The
workers import what they need on their first task, while the parent reads the
schema. Where fork is not how processes start (macOS, Windows), or with one CPU,
every step simply runs in the build's own process. The result never depends on
where a step ran.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this much input (characters), sending work to the workers costs more than it saves.
PARALLEL_THRESHOLD = 128 * 1024
# Work travels in about this many batches per call: one message per item would leave
# the workers waiting on the parent, whose threads are busy with the other targets.
BATCHES_PER_CALL = 64

_pool: list[ProcessPoolExecutor] = []  # the pool of the running build, if any


@contextmanager
def worker_processes() -> Iterator[None]:
    """Start the build's workers (one per available CPU); stop them when it ends."""
    cpus = available_cpus()
    if cpus < 2 or _pool or sys.platform != "linux":
        yield
        return
    pool = ProcessPoolExecutor(
        cpus, mp_context=multiprocessing.get_context("fork"), initializer=_leave_interrupts
    )
    pool.submit(int).result()  # with fork, the first task starts every worker
    _pool.append(pool)
    try:
        yield
    finally:
        _pool.clear()
        pool.shutdown(cancel_futures=True)


def _leave_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal's group: the build itself stops
    the workers, instead of each printing a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_batched(
    function: Callable[[list[Item]], list[Result]],
    items: list[Item],
    sizes: list[int],
    threshold: int = PARALLEL_THRESHOLD,
) -> list[Result]:
    """``function(items)``, cut into batches that run in the workers when there is a
    pool and at least ``threshold`` characters of work (``sizes``: each item's size).
    ``function`` must be a module-level function (it is sent to the workers by name)."""
    total = sum(sizes)
    if not _pool or total < threshold or not items:
        return function(items)
    batches = _batches(sizes, max(1, total // BATCHES_PER_CALL))
    running = [_pool[0].submit(function, [items[i] for i in batch]) for batch in batches]
    by_index: dict[int, Result] = {}
    for batch, future in zip(batches, running, strict=True):
        by_index.update(zip(batch, future.result(), strict=True))
    return [by_index[index] for index in range(len(items))]


def _batches(sizes: list[int], batch_size: int) -> list[list[int]]:
    """Consecutive item indices grouped to about ``batch_size`` characters each."""
    batches: list[list[int]] = [[]]
    filled = 0
    for index, size in enumerate(sizes):
        if filled >= batch_size and batches[-1]:
            batches.append([])
            filled = 0
        batches[-1].append(index)
        filled += size
    return batches


def available_cpus() -> int:
    """CPUs this process may run on (a container's share, not the host's count);
    ``IRONFLOW_GEN_JOBS`` caps it (1: no worker processes)."""
    explicit = os.environ.get("IRONFLOW_GEN_JOBS", "")
    if explicit.isdigit() and int(explicit) > 0:
        return int(explicit)
    if sys.platform == "linux":
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
