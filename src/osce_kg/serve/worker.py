"""A query worker: one process that holds the store open read-only and answers one query at a time.

Run as `python -m osce_kg.serve.worker STORE [CONTEXT]`. It reads one JSON request per line on
standard input ({"query", "format", "max_rows", "context_url"}) and writes one JSON header line
({"ok": true, "length", "media_type", "truncated_at"} or {"ok": false, "kind", "message"}) followed
by `length` bytes of body. A process and not a thread because pyoxigraph cannot cancel a running
query: the server kills the process at the timeout, which frees the CPU at once, and starts another.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox

from osce_kg.serve import answers


def _reply(out, header: dict, body: bytes = b"") -> None:  # noqa: ANN001 - a binary stream
    header = {**header, "length": len(body)}
    out.write(json.dumps(header).encode("utf-8") + b"\n" + body)
    out.flush()


def serve(store_path: str, context_path: str | None) -> None:
    store = ox.Store.read_only(store_path)
    context = None
    if context_path:
        from osce_kg.export.formats import load_context

        context = load_context(Path(context_path))
    out = sys.stdout.buffer
    _reply(out, {"ok": True, "ready": True})
    for line in sys.stdin.buffer:
        request = json.loads(line)
        try:
            result = store.query(request["query"], use_default_graph_as_union=True)
            answer = answers.write(result, request["format"], request["max_rows"], prefixes=answers.TURTLE_PREFIXES,
                                   context=context, context_url=request.get("context_url"))
        except SyntaxError as exc:
            _reply(out, {"ok": False, "kind": "syntax", "message": str(exc)})
        except (OSError, ValueError, RuntimeError) as exc:
            # evaluation errors (a SERVICE that failed, a result the format cannot hold)
            _reply(out, {"ok": False, "kind": "failed", "message": f"{type(exc).__name__}: {exc}"})
        else:
            _reply(out, {"ok": True, "media_type": answer.media_type, "truncated_at": answer.truncated_at}, answer.body)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
