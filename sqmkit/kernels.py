"""Kernels started ahead of their notebooks, with the notebook's imports already done.

A notebook of a run used to pay, before its first cell could do any work, for a kernel process to start
(ipykernel, ~2 s) and for its imports (pandas, matplotlib, sqmkit: ~1.5 s), one notebook after the other
on each job. :class:`KernelPool` starts the kernels of a run in the background, in the order the notebooks
run, while the main thread validates the workbook and while earlier notebooks execute, and warms each one
up with the imports of its own notebook (:func:`warm_up_code`). At most ``ahead`` kernels are alive at once
(the jobs running plus one waiting), so memory stays bounded whatever the number of notebooks.

The warm-up leaves no trace in the executed notebook: it runs ``silent`` (no output, no history, the
execution count stays at 0) and binds no name (``__import__``), so a notebook that forgot an import still
fails on its own, as it would live. A failed warm-up is ignored: the notebook then reports the same error
from its own cell. Kernel manager operations (start, warm-up, shutdown) all run on the pool's one event-loop
thread; the notebook's thread only makes its own client (nbclient) to execute the cells.
"""
from __future__ import annotations

import ast
import asyncio
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable, Iterable

__all__ = ["KernelPool", "notebook_modules", "warm_up_code"]

#: how long a kernel may take to start or to import its notebook's modules (a loaded machine is slow)
STARTUP_TIMEOUT_S = 120
#: imported by every notebook's first chart, although no notebook names them (sqmkit.plots imports them
#: lazily; seaborn, for the theme, brings scipy.stats: 1.5-4 s a kernel, paid here while the kernel waits)
SHARED_MODULES = ("matplotlib.pyplot", "seaborn")


def notebook_modules(cells: Iterable[str]) -> list[str]:
    """The modules the code ``cells`` import at their top level, in order, each once.

    ``from a import b`` yields ``a`` and the candidate submodule ``a.b`` (which may not exist:
    :func:`warm_up_code` tries it). Cells that are not plain Python (magics) are skipped.

    Examples
    --------
    >>> notebook_modules(["import pandas as pd\\nfrom sqmkit import io, plots", "%time x = 1"])
    ['pandas', 'sqmkit', 'sqmkit.io', 'sqmkit.plots']
    """
    found: dict[str, None] = {}
    for source in cells:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                found.update((alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level and node.module != "__future__":
                found[node.module] = None
                found.update((f"{node.module}.{alias.name}", None) for alias in node.names if alias.name != "*")
    return list(found)


def warm_up_code(modules: Iterable[str]) -> str:
    """Kernel code importing ``modules`` without binding any name, ignoring those that cannot be imported.

    Examples
    --------
    >>> print(warm_up_code(["pandas"]))
    try:
        __import__('pandas')
    except Exception:
        pass
    """
    return "\n".join(f"try:\n    __import__({name!r})\nexcept Exception:\n    pass" for name in modules)


class KernelPool:
    """The kernels of one run, started ahead in notebook order and warmed up with each notebook's imports.

    Parameters
    ----------
    warm_ups : dict
        Notebook name -> warm-up code (:func:`warm_up_code`), in the order the notebooks run.
    manager : callable
        Notebook name -> a new (not started) kernel manager for it (its log file, language, environment).
    cwd : Path
        The kernels' working folder (the run folder).
    ahead : int
        Most kernels alive at once: running notebooks plus the ones waiting for a job.

    Every kernel the pool started is shut down by :meth:`release` or :meth:`close`; ``close`` also
    waits for kernels still starting, so nothing of a run outlives it.
    """

    def __init__(self, warm_ups: dict[str, str], *, manager: Callable[[str], Any], cwd: Path, ahead: int) -> None:
        self._warm_ups = dict(warm_ups)
        self._order = list(self._warm_ups)
        self._manager = manager
        self._cwd = str(cwd)
        self._ahead = max(1, ahead)
        self._lock = threading.Lock()
        self._starts: dict[str, Future] = {}
        self._managers: dict[str, Any] = {}
        self._next = 0
        self._alive = 0
        self._closed = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="sqmkit-kernels", daemon=True)
        self._thread.start()
        self._start_more()

    def _start_more(self) -> None:
        with self._lock:
            while not self._closed and self._alive < self._ahead and self._next < len(self._order):
                name = self._order[self._next]
                self._next += 1
                self._schedule(name)

    def _schedule(self, name: str) -> Future:
        """Start the kernel of ``name`` on the loop thread (the lock is held)."""
        self._alive += 1
        future = asyncio.run_coroutine_threadsafe(self._start(name), self._loop)
        self._starts[name] = future
        return future

    async def _start(self, name: str) -> Any:
        manager = self._managers[name] = self._manager(name)
        await manager.start_kernel(cwd=self._cwd)
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=STARTUP_TIMEOUT_S)
            msg_id = client.execute(self._warm_ups.get(name, ""), silent=True, store_history=False,
                                    allow_stdin=False)
            await _reply(client, manager, msg_id)
        except Exception:  # a slow or failed warm-up: the notebook's own cells import, and say what failed
            pass
        finally:
            client.stop_channels()
        return manager

    def kernel(self, name: str) -> Any:
        """The started kernel manager of notebook ``name`` (waits for it); hand it back with :meth:`release`.

        Raises what starting the kernel raised (the notebook then fails with that error).
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("the run's kernels are shut down")
            future = self._starts.get(name)
            if future is None:  # not one of the notebooks announced, or taken out of order
                future = self._schedule(name)
        try:
            return future.result()
        except BaseException:
            self._forget(name)
            raise

    def release(self, name: str, manager: Any, clients: Iterable[Any] = ()) -> None:
        """Shut the kernel of ``name`` down (and the ``clients`` talking to it), then start the next one."""
        for client in clients:
            try:
                client.stop_channels()
            except Exception:  # already closed
                pass
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(manager), self._loop).result(timeout=60)
        finally:
            self._forget(name)

    def _forget(self, name: str) -> None:
        with self._lock:
            self._managers.pop(name, None)
            if self._starts.pop(name, None) is not None:
                self._alive -= 1
        self._start_more()

    @staticmethod
    async def _shutdown(manager: Any) -> None:
        try:
            if manager.has_kernel:
                await manager.shutdown_kernel(now=True)
        except Exception:  # the kernel is gone already (it died, or an interrupted run killed it)
            await manager.cleanup_resources()

    def close(self) -> None:
        """Shut down every kernel not handed back yet (also those still starting) and end the loop thread."""
        with self._lock:
            self._closed = True
        try:
            asyncio.run_coroutine_threadsafe(self._stop_all(), self._loop).result(timeout=STARTUP_TIMEOUT_S)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=30)
            if not self._thread.is_alive():
                self._loop.close()

    async def _stop_all(self) -> None:
        """On the loop: cancel the starts still running, then shut down every kernel the pool still holds."""
        starting = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in starting:
            task.cancel()
        await asyncio.gather(*starting, return_exceptions=True)
        with self._lock:
            managers = list(self._managers.values())
            self._managers.clear()
            self._starts.clear()
        await asyncio.gather(*(self._shutdown(manager) for manager in managers), return_exceptions=True)


async def _reply(client: Any, manager: Any, msg_id: str) -> None:
    """Wait for the shell reply to ``msg_id``; give up when the kernel dies or after the startup timeout."""
    import queue

    loop = asyncio.get_running_loop()
    deadline = loop.time() + STARTUP_TIMEOUT_S
    while loop.time() < deadline:
        try:
            reply = await client.get_shell_msg(timeout=1)
        except queue.Empty:
            if not await manager.is_alive():
                return
            continue
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            return
