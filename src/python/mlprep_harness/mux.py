"""Byte plumbing between the harness parent and a test child: waiting on several pipes at once
(a selector on POSIX, reader threads on Windows), bounded capture of output, full writes."""

import os
import time

from .protocol import StreamStats
from .text import count_phrase

STREAM_HEAD = 12 * 1024   # captured stdout/stderr: first bytes kept ...
STREAM_TAIL = 4 * 1024    # ... and last bytes kept


class Capture:
    """Bounded capture of a byte stream: keeps the head and the tail, counts bytes and lines."""

    def __init__(self, head=STREAM_HEAD, tail=STREAM_TAIL):
        self.head_limit, self.tail_limit = head, tail
        self.head, self.tail, self.total, self.newlines = bytearray(), bytearray(), 0, 0
        self.last = b""

    def add(self, data):
        """Appends bytes read from the stream."""
        self.total += len(data)
        self.newlines += data.count(b"\n")
        if data:
            self.last = data[-1:]
        room = self.head_limit - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > self.tail_limit:
                del self.tail[: len(self.tail) - self.tail_limit]

    @property
    def omitted(self):
        """Bytes dropped between the head and the tail."""
        return max(0, self.total - len(self.head) - len(self.tail))

    @property
    def lines(self):
        """Lines printed in all (a last line without newline counts)."""
        return self.newlines + (1 if self.total and self.last != b"\n" else 0)

    def stats(self):
        """A StreamStats for the report."""
        return StreamStats(lines=self.lines, bytes=self.total, truncated=self.omitted > 0)

    def text(self):
        """The kept text; when bytes were dropped, a marker in the middle says how much."""
        out = self.head.decode("utf-8", "replace")
        if self.omitted > 0:
            out += "\n… [%d bytes of output omitted; %s printed in all] …\n" % (
                self.omitted, count_phrase(self.lines, "line"))
        return out + self.tail.decode("utf-8", "replace")


class SelectorMux:
    """POSIX: one selector over the child's pipes, its pidfd and (serve mode) our stdin."""

    def __init__(self):
        import selectors
        self.sel = selectors.DefaultSelector()

    def private_fds(self):
        """fds a forked test child must close (the selector's own epoll fd)."""
        fd = getattr(self.sel, "fileno", lambda: -1)()
        return [fd] if fd >= 0 else []

    def add(self, fd, key, read=True):
        """Watches `fd` under `key`; `read=False`: readiness only (a pidfd), no read."""
        if read:
            os.set_blocking(fd, False)
        self.sel.register(fd, 1, (key, read))  # 1 == selectors.EVENT_READ

    def remove(self, fd):
        """Stops watching `fd` (no error if it was not watched)."""
        try:
            self.sel.unregister(fd)
        except (KeyError, ValueError):
            pass

    def wait(self, timeout):
        """[(key, fd, data)]: data is bytes (b"" = EOF), or None for a readiness-only source."""
        out = []
        try:
            events = self.sel.select(timeout)
        except InterruptedError:
            return out
        for skey, _ in events:
            key, read = skey.data
            if not read:
                out.append((key, skey.fd, None))
                continue
            try:
                data = os.read(skey.fd, 65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            out.append((key, skey.fd, data))
        return out


class ThreadMux:
    """Windows: select() does not work on pipes, so one reader thread per fd feeds a queue."""

    def __init__(self):
        import queue
        import threading
        self.queue = queue.Queue()
        self.threading = threading
        self.active = set()

    def private_fds(self):
        """No fds of its own."""
        return []

    def add(self, fd, key, read=True):
        """Starts a reader thread for `fd` (readiness-only sources are not supported)."""
        if not read:
            return
        self.active.add(fd)

        def pump():
            """Reads `fd` until EOF, queueing each chunk (and the final b"")."""
            while True:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                self.queue.put((key, fd, data))
                if not data:
                    return

        self.threading.Thread(target=pump, daemon=True).start()

    def remove(self, fd):
        """Ignores further data from `fd`."""
        self.active.discard(fd)

    def wait(self, timeout):
        """[(key, fd, data)] read so far, waiting up to `timeout` seconds for the first."""
        import queue
        out = []
        try:
            item = self.queue.get(timeout=timeout) if timeout is None or timeout > 0 else self.queue.get_nowait()
        except queue.Empty:
            return out
        while True:
            if item[1] in self.active:
                out.append(item)
            try:
                item = self.queue.get_nowait()
            except queue.Empty:
                return out


def make_mux():
    """The multiplexer for this platform."""
    return ThreadMux() if os.name == "nt" else SelectorMux()


def write_all(fd, data):
    """Writes every byte of `data` to `fd` (which may be non-blocking)."""
    while data:
        try:
            n = os.write(fd, data)
        except InterruptedError:
            continue
        except BlockingIOError:
            time.sleep(0.001)
            continue
        data = data[n:]
