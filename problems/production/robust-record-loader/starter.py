import json


def load_records(path):
    """Load a JSON-lines file robustly.

    Args:
        path: str or os.PathLike of a UTF-8 JSON-lines file (possibly huge, possibly corrupted).

    Returns:
        (records, errors):
        records -- list of dicts, the JSON objects of the good lines, in file order.
        errors  -- list of ints, the 1-based line numbers of the bad lines, ascending.

    Lines are separated by b"\\n" only (one trailing "\\r" is dropped). Blank lines (empty or
    only spaces/tabs) are skipped and are not errors, but they do count for line numbers.
    A line is bad if it is not valid UTF-8, is not valid JSON (anything json.loads raises
    on, including RecursionError), or is valid JSON that is not an object. A UTF-8 BOM at
    the start of the file is ignored. Stream the file: never read it whole into memory.
    A missing file raises FileNotFoundError.
    """
    raise NotImplementedError
