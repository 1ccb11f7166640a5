"""A progress bar on stderr for work done in worker processes (docs FOLDER, portfolio)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console

_err = Console(stderr=True, soft_wrap=True)


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A bar on stderr for work done in worker processes: `step(done, total)` after each.

    Shown from the first step (not when the arguments are wrong), and without
    auto-refresh, so no thread is running when the worker processes start."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=_err, auto_refresh=False)
    task = bar.add_task(label, total=None)

    def step(done: int, total: int) -> None:
        if done == 1:
            bar.start()
        bar.update(task, completed=done, total=total)
        bar.refresh()

    try:
        yield step
    finally:
        bar.stop()
