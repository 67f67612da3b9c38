import json
import os
import random
import tempfile
import tracemalloc

from solution import load_records as _user_load_records


def load_records(path):
    """Your load_records, with its result checked to be a tuple (records, errors): a list of dicts
    and a list of int line numbers, before a test uses it."""
    records, errors = _as_tuple(_user_load_records(path), 2, ("records", "errors"), "load_records result")
    assert isinstance(records, list), "records: expected a list of dicts, got %s" % _describe(records)
    bad = next((i for i, r in enumerate(records) if not isinstance(r, dict)), None)
    assert bad is None, "records[%d]: expected a dict (a JSON object), got %s" % (bad, _describe(records[bad]))
    assert isinstance(errors, list), "errors: expected a list of int line numbers, got %s" % _describe(errors)
    bad = next((i for i, e in enumerate(errors) if not isinstance(e, int) or isinstance(e, bool)), None)
    assert bad is None, "errors[%d]: expected an int line number, got %s" % (bad, _describe(errors[bad]))
    return records, errors


def _describe(x):
    """What came back, for messages: 'an array of shape (1, 1) (dtype float64)', 'a list of length 3'."""
    if hasattr(x, "shape") and hasattr(x, "dtype"):  # a NumPy array, without importing numpy here
        return "an array of shape %s (dtype %s)" % (x.shape, x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s (%r)" % (type(x).__name__, x) if isinstance(x, (str, bool)) else "a value of type %s" % type(x).__name__


def _as_tuple(got, n, names, what):
    """`got` if it is a tuple (or list) of `n` items, else an AssertionError naming what came back."""
    assert isinstance(got, (tuple, list)) and len(got) == n, \
        "%s: expected a tuple (%s), got %s" % (what, ", ".join(names), _describe(got))
    return tuple(got)


def _load(data: bytes):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "data.jsonl")
        with open(path, "wb") as f:
            f.write(data)
        records, errors = load_records(path)
    return records, list(errors)


def _check(got, exp_records, exp_errors):
    records, errors = got
    assert isinstance(records, list), "records must be a list"
    assert len(records) == len(exp_records), f"got {len(records)} records, expected {len(exp_records)}"
    for i, (r, e) in enumerate(zip(records, exp_records)):
        assert r == e, f"record {i} differs: got {str(r)[:80]}, expected {str(e)[:80]}"
    assert errors == exp_errors, f"error line numbers {errors[:20]}, expected {exp_errors[:20]}"


def test_mixed_good_and_corrupted_lines():
    rng = random.Random(123)
    lines, exp_records, exp_errors = [], [], []
    bad = [b'{"a": 1', b'{"a": 1,}', b"{'a': 1}", b'{"a": 1} {"b": 2}', b"garbage", b'{"a": tru}', b"}"]
    for i in range(1, 201):
        if rng.random() < 0.3:
            lines.append(rng.choice(bad))
            exp_errors.append(i)
        else:
            rec = {"id": i, "x": rng.random(), "s": "v" * rng.randrange(5), "nested": {"k": [i, None]}}
            lines.append(json.dumps(rec).encode())
            exp_records.append(rec)
    _check(_load(b"\n".join(lines) + b"\n"), exp_records, exp_errors)


def test_blank_lines_skipped_but_numbered():
    data = b'\n{"a": 1}\n   \n\t\n{"a": 2}\n\n\nnope\n\n'
    _check(_load(data), [{"a": 1}, {"a": 2}], [8])


def test_json_that_is_not_an_object_is_an_error():
    data = b'[1, 2]\n3\n"x"\nnull\ntrue\nfalse\n{"ok": true}\n[]\n{}\n-1.5e3\n'
    _check(_load(data), [{"ok": True}, {}], [1, 2, 3, 4, 5, 6, 8, 10])


def test_invalid_utf8_is_an_error_per_line():
    data = (b'{"name": "caf\xc3\xa9"}\n'        # valid UTF-8 (e-acute)
            b'{"name": "caf\xe9"}\n'            # latin-1 byte inside a string: invalid UTF-8
            b'\xff\xfe\x00{"a": 1}\n'          # binary garbage
            b'{"ok": 1}\n'
            b'{"emoji": "\xf0\x9f\x98"}\n'      # truncated 4-byte sequence
            b'{"ok": 2}\n')
    _check(_load(data), [{"name": "caf\u00e9"}, {"ok": 1}, {"ok": 2}], [2, 3, 5])


def test_windows_file_with_bom_crlf_and_no_final_newline():
    data = b'\xef\xbb\xbf{"a": 1}\r\n\r\n{"a": 2}\r\n[0]\r\n{"a": 3}'
    _check(_load(data), [{"a": 1}, {"a": 2}, {"a": 3}], [4])
    _check(_load(b'{"a": 1}\n{"a": 2}\n'), [{"a": 1}, {"a": 2}], [])


def test_byte_order_mark_ignored_only_at_start_of_file():
    bom = b"\xef\xbb\xbf"
    data = bom + b'{"a": 1}\n' + bom + b'{"a": 2}\n{"a": 3}\n' + bom + b'\n'
    records, errors = _load(data)
    assert errors == [2, 4], (
        "rule: a byte-order mark is ignored only at the very start of the file; later lines that "
        "start with one are not valid JSON and are errors (expected errors [2, 4], got %s)" % errors[:20])
    _check((records, errors), [{"a": 1}, {"a": 3}], [2, 4])


def test_blank_means_only_spaces_and_tabs():
    # form feed, vertical tab and a no-break space are whitespace to str.strip() but not blank here
    data = b'{"a": 1}\n \t \n\x0c\n\x0b\n\xc2\xa0\n\r\n{"a": 2}\n'
    records, errors = _load(data)
    assert errors == [3, 4, 5], (
        "rule: a blank line is empty or only spaces and tabs; a line of a form feed, vertical tab or "
        "no-break space is not valid JSON and is an error (expected errors [3, 4, 5], got %s)" % errors[:20])
    _check((records, errors), [{"a": 1}, {"a": 2}], [3, 4, 5])


def test_unicode_line_separators_inside_strings_are_not_line_breaks():
    rec1 = {"text": "para\u2028graph\u2029end"}
    rec2 = {"text": "next\u0085line\x0cform"}
    line1 = json.dumps(rec1, ensure_ascii=False).encode("utf-8")
    line2 = json.dumps(rec2, ensure_ascii=False).encode("utf-8")
    _check(_load(line1 + b"\n" + line2 + b"\n{bad\n"), [rec1, rec2], [3])


def test_deeply_nested_json_does_not_crash():
    deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    data = b'{"before": 1}\n' + deep + b'\n' + b"[" * 200_000 + b'\n{"after": 2}\n'
    _check(_load(data), [{"before": 1}, {"after": 2}], [2, 3])


def test_empty_file():
    _check(_load(b""), [], [])
    _check(_load(b"\n\n  \n"), [], [])


def test_path_may_be_a_pathlib_path():
    # rule: path is a str or a pathlib.Path
    import pathlib
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "data.jsonl"
        path.write_bytes(b'{"a": 1}\nbad\n{"b": 2}\n')
        try:
            got = load_records(path)
        except Exception as e:  # noqa: BLE001 - any exception breaks the rule
            raise AssertionError("rule: path may be a pathlib.Path as well as a str; a Path raised %s: %s"
                                 % (type(e).__name__, e)) from None
    _check(got, [{"a": 1}, {"b": 2}], [2])


def test_large_file_is_streamed():
    line_len = 256 * 1024
    chunks, exp_errors = [], []
    for i in range(1, 121):
        if i % 3 == 0:
            chunks.append(b"x" * line_len)            # long corrupted line
            exp_errors.append(i)
        else:
            chunks.append(b" " * line_len)            # long blank line
    chunks.append(b'{"last": true}')
    data = b"\n".join(chunks) + b"\n"                 # about 30 MB
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "big.jsonl")
        with open(path, "wb") as f:
            f.write(data)
        del data, chunks
        tracemalloc.start()
        try:
            records, errors = load_records(path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    _check((records, list(errors)), [{"last": True}], exp_errors)
    assert peak < 8 * 1024 * 1024, (
        f"peak Python memory {peak / 2**20:.1f} MB while loading a 30 MB file: stream it line by line")


def test_missing_file_raises_file_not_found():
    with tempfile.TemporaryDirectory() as d:
        try:
            load_records(os.path.join(d, "does-not-exist.jsonl"))
        except FileNotFoundError:
            return
    raise AssertionError("a missing file must raise FileNotFoundError")
