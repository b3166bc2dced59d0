"""What keeps a reader process from costing more than its own file, on every OS.

The supervised reader (:mod:`unionstats.read.batch`) makes four promises; this module keeps
them with what each operating system offers:

================  ==========================  ==================================  =========
promise           Linux                       Windows                             macOS
================  ==========================  ==================================  =========
start             ``fork`` (no re-import)     ``spawn``                           ``spawn``
Ctrl-C at birth   SIGINT blocked across start ``SetConsoleCtrlHandler(NULL, TRUE)``  as Linux
                                              across start (inherited)
dies with parent  ``PR_SET_PDEATHSIG``        a Job Object, kill-on-job-close     watchdog
memory cap        ``RLIMIT_AS``               the Job Object's per-process limit  none
================  ==========================  ==================================  =========

Everywhere, a worker also runs a watchdog thread that ends it when its parent's sentinel
closes (the parent died); the kernel-level means above also hold while a file keeps the
worker's interpreter busy. ``UNIONSTATS_START_METHOD=spawn`` makes Linux start workers as
Windows does (the tests and the benchmark use it to check and measure that path).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Iterator

START_METHOD_ENV = "UNIONSTATS_START_METHOD"
# a worker's interpreter and libraries, on top of the per-file allowance, under a Job Object
WINDOWS_BASE_MEMORY_MB = 512


def start_method() -> str:
    """``fork`` on Linux (a worker starts in a millisecond, sharing the parent's imports),
    ``spawn`` elsewhere; :data:`START_METHOD_ENV` chooses another available one."""
    wanted = os.environ.get(START_METHOD_ENV, "")
    available = multiprocessing.get_all_start_methods()
    if wanted in available:
        return wanted
    return "fork" if sys.platform.startswith("linux") and "fork" in available else "spawn"


@contextlib.contextmanager
def ctrl_c_blocked() -> Iterator[None]:
    """Start processes in this block deaf to Ctrl-C: the command, not its readers, answers
    it. POSIX blocks SIGINT (a worker inherits the mask and ignores the signal before
    unblocking it); Windows lets a child inherit the console's "ignore Ctrl-C" attribute."""
    if os.name == "nt":
        kernel32 = _kernel32()
        kernel32.SetConsoleCtrlHandler(None, True)
        try:
            yield
        finally:
            kernel32.SetConsoleCtrlHandler(None, False)
        return
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    if start_method() != "fork":
        # spawn starts multiprocessing's resource tracker with the first process, and
        # unblocks SIGINT after it: start it first, so that the mask set here holds
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    if threading.current_thread() is not threading.main_thread():
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        return
    # The mask is per thread: a Ctrl-C the kernel hands to another thread of this process
    # would still run Python's handler here, between starting a worker and sending it its
    # task, and the worker would die reading nothing. So the handler is deferred too.
    arrived: list[int] = []
    handler = signal.signal(signal.SIGINT, lambda number, frame: arrived.append(number))
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a blocked Ctrl-C arrives now
        signal.signal(signal.SIGINT, handler)
    if arrived and handler is not signal.SIG_IGN:
        if callable(handler):
            handler(signal.SIGINT, None)
        else:
            raise KeyboardInterrupt


def settle_worker(memory_mb: int) -> None:
    """A worker's first steps: ignore Ctrl-C, die with the parent, cap its own memory (POSIX;
    on Windows the parent's Job Object does it), and never stop for a crash dialog."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _watch_parent()
    if sys.platform.startswith("linux"):
        _linux_die_with_parent()
    if os.name == "nt":
        _kernel32().SetErrorMode(0x0001 | 0x0002)  # SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX
    elif memory_mb:
        _posix_limit_memory(memory_mb)


def _watch_parent() -> None:
    """End this worker when the parent's sentinel closes (the parent died, however)."""
    parent = multiprocessing.parent_process()
    if parent is None or getattr(parent, "sentinel", None) is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="unionstats-parent-watch", daemon=True).start()


def _linux_die_with_parent() -> None:
    """Ask Linux to SIGKILL this worker when its parent dies (no orphaned readers)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _posix_limit_memory(megabytes: int) -> None:
    """Cap this worker's address space at what it uses now plus ``megabytes`` (Linux; macOS
    accepts the call and does not enforce it)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = used + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (OSError, ValueError, ImportError):
        pass


@functools.cache
def _kernel32():
    """kernel32 with the signatures of the calls used here (handles are pointer-sized)."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    signatures = {
        "SetConsoleCtrlHandler": (wintypes.BOOL, [ctypes.c_void_p, wintypes.BOOL]),
        "SetErrorMode": (wintypes.UINT, [wintypes.UINT]),
        "CreateJobObjectW": (wintypes.HANDLE, [ctypes.c_void_p, wintypes.LPCWSTR]),
        "SetInformationJobObject": (
            wintypes.BOOL,
            [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD],
        ),
        "OpenProcess": (wintypes.HANDLE, [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]),
        "AssignProcessToJobObject": (wintypes.BOOL, [wintypes.HANDLE, wintypes.HANDLE]),
        "CloseHandle": (wintypes.BOOL, [wintypes.HANDLE]),
    }
    for name, (result, arguments) in signatures.items():
        function = getattr(kernel32, name)
        function.restype, function.argtypes = result, arguments
    return kernel32


class WorkerJob:
    """The workers' Job Object on Windows; nothing elsewhere.

    The job kills every process in it when its last handle closes: the parent holds that
    handle, so the workers die with the parent however it ends (even by TerminateProcess).
    Each worker may commit :data:`WINDOWS_BASE_MEMORY_MB` plus ``memory_mb`` of memory, and
    dies at once on a crash instead of waiting for a dialog to be closed.
    """

    def __init__(self, memory_mb: int) -> None:
        self.handle = _create_job(memory_mb) if os.name == "nt" else None

    def add(self, pid: int) -> None:
        """Put the process ``pid`` into the job (a no-op without one, or if Windows refuses:
        the watchdog thread then stands in for it)."""
        if self.handle is None:
            return
        kernel32 = _kernel32()
        process = kernel32.OpenProcess(0x0100 | 0x0001, False, pid)  # SET_QUOTA | TERMINATE
        if process:
            kernel32.AssignProcessToJobObject(self.handle, process)
            kernel32.CloseHandle(process)

    def close(self) -> None:
        if self.handle is not None:
            _kernel32().CloseHandle(self.handle)
            self.handle = None


def _create_job(memory_mb: int) -> int | None:
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimits),
            ("IoInfo", ctypes.c_uint64 * 6),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    kernel32 = _kernel32()
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return None
    limits = ExtendedLimits()
    kill_on_close, die_on_exception, process_memory = 0x2000, 0x0400, 0x0100
    limits.BasicLimitInformation.LimitFlags = kill_on_close | die_on_exception
    if memory_mb:
        limits.BasicLimitInformation.LimitFlags |= process_memory
        limits.ProcessMemoryLimit = (WINDOWS_BASE_MEMORY_MB + memory_mb) * 1024 * 1024
    extended_information = 9  # JobObjectExtendedLimitInformation
    kernel32.SetInformationJobObject(job, extended_information, ctypes.byref(limits), ctypes.sizeof(limits))
    return job
