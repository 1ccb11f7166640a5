"""Work on many clients in worker processes, where a worker that dies costs its own
client only.

When a worker process dies (killed, out of memory, a crash in a library), Python's
process pool is broken: every item still in it fails with BrokenProcessPool, though
only one of them killed it. So only a few items are handed to the pool at a time,
one per worker; when it breaks, the items that were in it are the suspects. Each is
run again alone, in a pool of its own, where a death can only be its own; then the
items not yet started go on in a fresh pool. An item's cost is at most one rerun.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

__all__ = ["in_processes", "why_it_stopped"]

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_processes(work: Callable[[Item], Result], items: Sequence[Item], jobs: int | None,
                 done: Callable[[int, Result], None],
                 crashed: Callable[[int, BaseException], Result],
                 discard: Callable[[int], object] | None = None) -> None:
    """`work(item)` for every item, `jobs` worker processes at a time, in any order.

    Args:
        work: a module-level function (or a partial of one), so it can be sent to a
            worker; it should not raise for a bad item (return the error instead).
        items: what to work on (each sent to a worker: plain values).
        jobs: worker processes; default one per CPU; 1 runs in this process.
        done: called in this process with (index of the item, its result) as each ends.
        crashed: the result for an item whose own worker died (or whose result could not
            come back); given to `done` like any other.
        discard: called with an item's index before it is run again or given up after a
            worker died with it: remove what it half wrote.
    """
    workers = max(1, min(jobs or os.cpu_count() or 1, len(items)))
    if workers == 1:
        for index, item in enumerate(items):
            done(index, work(item))
        return
    pending = deque(range(len(items)))
    while pending:
        suspects = _until_broken(work, items, pending, workers, done, crashed)
        for index in suspects:  # each alone: a death now is its own
            if discard is not None:
                discard(index)
            try:
                result = _alone(work, items[index])
            except Exception as exc:  # BrokenProcessPool: it died again, alone
                if discard is not None:
                    discard(index)
                result = crashed(index, exc)
            done(index, result)


def _until_broken(work: Callable[[Item], Result], items: Sequence[Item], pending: deque[int],
                  workers: int, done: Callable[[int, Result], None],
                  crashed: Callable[[int, BaseException], Result]) -> list[int]:
    """Run `pending` (taking from it) in one pool until all are done or the pool breaks;
    return the items that were in the pool when it broke."""
    running: dict[Future[Result], int] = {}
    suspects: list[int] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            while pending or running:
                while pending and len(running) < workers and not suspects:
                    index = pending.popleft()
                    running[pool.submit(work, items[index])] = index
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = running.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        suspects.append(index)
                        continue
                    except Exception as exc:  # its result could not come back (pickling)
                        result = crashed(index, exc)
                    done(index, result)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return sorted(suspects)


def _alone(work: Callable[[Item], Result], item: Item) -> Result:
    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(work, item).result()


def why_it_stopped(exc: BaseException) -> str:
    """For the item's row or line: what `crashed` was given, in words."""
    if isinstance(exc, BrokenProcessPool):
        return ("its worker process stopped, and again when run alone (killed, or out of "
                "memory)")
    return f"its result could not come back from the worker ({type(exc).__name__}: {exc})"
