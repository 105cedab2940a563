"""The dask side of :mod:`orbital.analysis.engine`: a dask.distributed cluster (a local one
started for the call, an existing scheduler by address, or a ``Client`` the caller holds) or
one of dask's local schedulers.

On a cluster the chunks are grouped into a few tasks per worker (:func:`task_groups`); each
task evaluates its chunks in order and folds them on the worker (:func:`run_group`), so the
client receives one small part (streaming sketches, for a Monte Carlo) per task and holds only
the running total. The task itself (the assumption set's SI inputs, the distributions) is
scattered to every worker once; per-process caches (the Sun's vectors of the annual sunlight)
are built once per worker. Parts are folded in chunk order, so the totals do not depend on
which worker finished first. :func:`free_chunk`, called after every chunk by both engines,
lives here so that the dask side imports nothing of :mod:`orbital.analysis.engine`.
"""
from __future__ import annotations

import gc
import os
import re
import sys
import time

from ..core.errors import InputError
from .limits import check_time

#: Tasks per worker (each a group of chunks folded on the worker), and their largest size in
#: samples (a few seconds of work: progress and the time limit stay responsive).
TASKS_PER_WORKER = 8
MAX_TASK_SAMPLES = 2 ** 22

_LOCAL_SCHEDULERS = ("synchronous", "threads", "processes", "single-threaded", "sync")
#: A dask.distributed address: protocol://host:port or host:port.
_ADDRESS = re.compile(r"(?:(?:tcp|tls|ws|wss|inproc|ucx)://)?[\w.\-\[\]:]{1,253}"
                                    r":\d{1,5}|inproc://[\w./\-]{1,200}")
_SCHEDULER_EXPECTED = ("the address of a running dask.distributed scheduler (e.g. "
                       "tcp://10.0.0.1:8786), or " + ", ".join(_LOCAL_SCHEDULERS[:3]))


#: glibc's thresholds on a worker [bytes]: arrays up to MMAP come from the heap (reused), and
#: the heap is trimmed only above TRIM free at its top.
MALLOC_MMAP_THRESHOLD = 4 * 2 ** 20
MALLOC_TRIM_THRESHOLD = 64 * 2 ** 20
_ALLOCATOR: list = []


def worker_allocator() -> bool:
    """Once per worker process: undo the allocator setting dask's nanny starts workers with.

    The nanny sets ``MALLOC_TRIM_THRESHOLD_=65536``, which also freezes glibc's mmap threshold
    at 128 KiB: every chunk-sized array (512 KiB for 65,536 samples) is then mapped and
    unmapped afresh, its pages faulted in each time, and the model runs 2–3× slower on a worker
    than in a plain process. ``mallopt`` restores heap reuse for chunk-sized arrays
    (M_MMAP_THRESHOLD = 4 MiB; the (years × chunk) arrays above it are still mapped) and keeps
    at most M_TRIM_THRESHOLD = 64 MiB free at the heap's top. Does nothing off glibc.
    Returns whether the thresholds were set."""
    if not _ALLOCATOR:
        done = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL("libc.so.6")
                done = bool(libc.mallopt(-3, MALLOC_MMAP_THRESHOLD)) and \
                    bool(libc.mallopt(-1, MALLOC_TRIM_THRESHOLD))   # M_MMAP_, M_TRIM_THRESHOLD
            except (OSError, AttributeError):
                done = False
        _ALLOCATOR.append(done)
    return _ALLOCATOR[0]


def run_dask(task, spans, merge, scheduler, bar, max_seconds=None):
    try:
        import dask
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError("engine 'dask'", "dask is not installed",
                         "pip install 'orbital[analysis]' (dask and distributed)") from None
    if scheduler is not None and not isinstance(scheduler, str) and \
            not hasattr(scheduler, "submit"):
        raise InputError("scheduler", f"got {type(scheduler).__name__}", _SCHEDULER_EXPECTED)
    if isinstance(scheduler, str) and scheduler in _LOCAL_SCHEDULERS:
        return run_local(dask, task, spans, merge, scheduler, bar, max_seconds)
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover
        raise InputError("engine 'dask'", "dask.distributed is not installed",
                         "pip install distributed, or --scheduler synchronous") from None
    own_cluster = own_client = None
    if scheduler is None:
        own_cluster = LocalCluster(n_workers=min(os.cpu_count() or 1, 8), threads_per_worker=1,
                                   processes=True, dashboard_address=":0",
                                   memory_limit=0)
        client = own_client = Client(own_cluster)
    elif isinstance(scheduler, str):
        if not _ADDRESS.fullmatch(scheduler):
            raise InputError(f"scheduler {scheduler!r}", "is not a scheduler address",
                             _SCHEDULER_EXPECTED)
        try:
            client = own_client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise InputError(f"scheduler {scheduler!r}", f"cannot reach the dask scheduler "
                             f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})",
                             _SCHEDULER_EXPECTED) from None
    else:
        client = scheduler
    try:
        return stream(client, task, spans, merge, bar, max_seconds)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def task_groups(spans, workers: int) -> list[list[tuple[int, int]]]:
    """The chunks cut into one task per group of consecutive chunks: about
    :data:`TASKS_PER_WORKER` tasks per worker, each at most :data:`MAX_TASK_SAMPLES` samples
    (so progress and the time limit come every few seconds) and at least one chunk."""
    n = spans[-1][1] if spans else 0
    size = spans[0][1] - spans[0][0] if spans else 1
    per = min(MAX_TASK_SAMPLES, max(size, -(-n // (workers * TASKS_PER_WORKER))))
    k = max(1, per // size)
    return [spans[i:i + k] for i in range(0, len(spans), k)]


def stream(client, task, spans, merge, bar, max_seconds=None):
    """A few tasks per worker in flight, each a group of chunks folded on the worker
    (:func:`run_group`), so the client receives one part per task; parts are folded in chunk
    order (a part that arrives early waits, at most a window of them), so the totals are the
    same whatever the order of completion."""
    from distributed import as_completed

    workers = max(1, sum(client.nthreads().values()))
    window = 2 * workers
    groups = task_groups(spans, workers)
    # scatter the task and its merge once; each task then ships only its chunk ranges
    [job] = client.scatter([(task, merge)], broadcast=True, hash=False)
    # the client's own loop: without it as_completed binds to default_client(), which is
    # another client (and another event loop) when the caller has one open
    pending = as_completed(loop=client.loop)
    index = {}
    done: dict = {}
    following, checked = 0, False

    def submit(i):
        fut = client.submit(run_group, job, groups[i], pure=False)
        index[fut.key] = i
        pending.add(fut)

    started = time.monotonic()
    submitted = min(window, len(groups))
    for i in range(submitted):
        submit(i)
    total = None
    for fut in pending:
        i = index.pop(fut.key)
        done[i] = fut.result()
        fut.release()
        bar.update(sum(b - a for a, b in groups[i]))
        if not checked and max_seconds is not None and len(groups) > workers:
            checked = True
            # the first of ``workers`` tasks running side by side
            check_time(time.monotonic() - started, workers * sum(b - a for a, b in groups[i]),
                       spans[-1][1], max_seconds)
        while following in done:
            part = done.pop(following)
            total = part if total is None else merge(total, part)
            following += 1
        while submitted < len(groups) and len(index) + len(done) < window:
            submit(submitted)
            submitted += 1
    return total


def free_chunk() -> None:
    """Free a finished chunk's arrays now. Results computed when read hold closures over the
    pipeline's results dict, which holds them: a reference cycle, so a chunk's hundreds of MB
    of intermediate arrays would wait for a rare full collection (memory grew chunk after
    chunk, and every chunk faulted in fresh pages). The cycle is young: collecting the
    youngest generation is enough and costs microseconds."""
    gc.collect(0)


def run_group(job, group):
    """On a worker: evaluate the chunks of ``group`` in order and fold them into one part."""
    worker_allocator()
    from ..space import eclipses

    eclipses.use_threads(1)   # the workers share the machine's cores among themselves
    task, merge = job
    total = None
    for a, b in group:
        part = task(a, b)
        free_chunk()
        total = part if total is None else merge(total, part)
    return total


def run_local(dask, task, spans, merge, scheduler, bar, max_seconds=None):
    """dask's local schedulers: compute a window of delayed chunks at a time, fold, repeat."""
    sched = "synchronous" if scheduler in ("sync", "single-threaded") else scheduler
    width = 2 * (os.cpu_count() or 1)
    total = None
    started = time.monotonic()
    for i in range(0, len(spans), width):
        window = spans[i:i + width]
        parts = dask.compute(*[dask.delayed(task)(a, b) for a, b in window], scheduler=sched)
        for (a, b), part in zip(window, parts):
            total = part if total is None else merge(total, part)
            bar.update(b - a)
        if i == 0 and max_seconds is not None and len(spans) > width:
            check_time(time.monotonic() - started, window[-1][1], spans[-1][1], max_seconds)
    return total


