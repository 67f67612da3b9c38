import json


def load_records(path):
    """Stream a JSON-lines file; return (records, error_line_numbers)."""
    records, errors = [], []
    with open(path, "rb") as f:                      # binary: split on b"\n" only, decode per line
        for lineno, raw in enumerate(f, start=1):
            if raw.endswith(b"\n"):
                raw = raw[:-1]
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                errors.append(lineno)
                continue
            if text.strip(" \t") == "":
                continue
            try:
                obj = json.loads(text)
            except Exception:                        # JSONDecodeError, RecursionError on deep nesting, ...
                errors.append(lineno)
                continue
            if isinstance(obj, dict):
                records.append(obj)
            else:
                errors.append(lineno)
    return records, errors
