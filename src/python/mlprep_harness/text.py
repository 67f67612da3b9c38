"""Short, bounded text for reports: capping, assertion splitting, exception and signal names.

Everything the harness puts in a message goes through `cap`/`cap_lines`, so a 100,000-element
array or a megabyte of exception text can never bloat a report.
"""

import re
import signal

MAX_MESSAGE = 2000        # a test or error message, in characters
MAX_VALUE = 400           # expected / actual
MAX_LINE = 400            # one line inside a message


def cap(text, limit=MAX_MESSAGE):
    """`text` (anything; None -> "") as a string of at most `limit` characters, saying when cut."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 20)] + " … [truncated]"


def cap_lines(text, limit=MAX_MESSAGE, line_limit=MAX_LINE):
    """Like `cap`, but also caps each line at `line_limit` characters (long array reprs)."""
    return cap("\n".join(cap(line, line_limit) for line in text.split("\n")), limit)


_ACTUAL_RE = re.compile(r"^\s*(x|ACTUAL|\[left\]):\s?(.*)$")
_EXPECTED_RE = re.compile(r"^\s*(y|DESIRED|\[right\]):\s?(.*)$")


def split_assertion(message):
    """Shorten a numpy/pandas assertion message.

    Keeps the summary lines (tolerance, err_msg, mismatched elements, max abs/rel difference) and
    moves the printed arrays (numpy `x:`/`y:` or `ACTUAL:`/`DESIRED:`, pandas `[left]`/`[right]`)
    into actual/expected. Returns {"message": str, "actual"?: str, "expected"?: str}, all capped.
    """
    keep, actual, expected, cur = [], [], [], None
    for line in message.split("\n"):
        m = _ACTUAL_RE.match(line)
        if m:
            cur = actual
            cur.append(m.group(2))
            continue
        m = _EXPECTED_RE.match(line)
        if m:
            cur = expected
            cur.append(m.group(2))
            continue
        if cur is not None and line.startswith(" ") and line.strip():
            cur.append(line.strip())
            continue
        cur = None
        keep.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(keep)).strip("\n")
    # numpy starts with "\nNot equal to tolerance ..." then an empty err_msg line; drop blank lines
    text = "\n".join(line for line in text.split("\n") if line.strip())
    out = {"message": cap_lines(text)}
    if actual:
        out["actual"] = cap(_unwrap_0d(" ".join(actual)), MAX_VALUE)
    if expected:
        out["expected"] = cap(_unwrap_0d(" ".join(expected)), MAX_VALUE)
    return out


_ZERO_D_RE = re.compile(r"^array\(([^\[\](),]*)\)$")


def _unwrap_0d(value):
    """numpy prints a 0-d array as `array(0.638068)`: show the number."""
    m = _ZERO_D_RE.match(value.strip())
    return m.group(1).strip() if m else value


def exception_text(exc, memory_mb=None):
    """One line naming an exception, with advice for the ones a solution must not raise.

    SystemExit says that a solution must return; MemoryError names the limit (`memory_mb`)."""
    name = type(exc).__name__
    try:
        text = str(exc)
    except Exception:
        text = "<unprintable %s>" % name
    if isinstance(exc, SystemExit):
        return "SystemExit: the code called sys.exit(%s) / exit(); a solution must return, not end the process" % (
            cap(repr(exc.code), 80),)
    if isinstance(exc, KeyboardInterrupt):
        return "KeyboardInterrupt: %s" % text if text else "KeyboardInterrupt"
    if isinstance(exc, MemoryError):
        return "MemoryError: %s (tests run with a %s MB memory limit)" % (text or "out of memory", memory_mb)
    return "%s: %s" % (name, text) if text else name


def signal_description(signum):
    """"SIGSEGV (Segmentation fault)" for a signal number; "signal N" when unknown."""
    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = "signal %d" % signum
    try:
        desc = signal.strsignal(signum)
    except (AttributeError, ValueError):
        desc = None
    return "%s (%s)" % (name, desc) if desc and desc != name else name


def count_phrase(n, what):
    """"1 line", "200,000 lines": a count with its noun, thousands separated."""
    return "{:,} {}{}".format(n, what, "" if n == 1 else "s")
