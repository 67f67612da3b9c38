import os
import tempfile

from solution import load_records


def _write(data: bytes) -> str:
    fd, path = tempfile.mkstemp(suffix=".jsonl")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path


def test_example_file():
    data = (b'{"id": 1, "tags": ["a"]}\n'
            b'\n'
            b'{"id": 2, "msg": "trunc\n'
            b'[1, 2, 3]\n'
            b'{"c": "\xff"}\n'
            b'{"id": 3}\n'
            b'null\n')
    path = _write(data)
    try:
        records, errors = load_records(path)
    finally:
        os.remove(path)
    assert records == [{"id": 1, "tags": ["a"]}, {"id": 3}], f"records: {records}"
    assert list(errors) == [3, 4, 5, 7], f"error line numbers: {list(errors)}"


def test_example_all_good():
    path = _write(b'{"a": 1}\n{"a": 2}\n')
    try:
        records, errors = load_records(path)
    finally:
        os.remove(path)
    assert records == [{"a": 1}, {"a": 2}], f"records: {records}"
    assert list(errors) == [], f"error line numbers: {list(errors)}"
