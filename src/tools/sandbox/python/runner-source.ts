/**
 * The Python half of run_python: defines `_tabagent_run(code, max_output, max_result)` in the
 * interpreter's own namespace. Each call runs `code` in a fresh `__main__` dictionary (so runs never
 * see each other's variables), captures stdout and stderr (cut at `max_output` characters), gives
 * the repr of a final expression as the value, and answers one JSON string the host turns into a
 * SandboxOutcome. Failures are classified here, where the Python exception type is still known.
 */
export const PYTHON_RUNNER_SOURCE = String.raw`
import ast as _ast
import builtins as _builtins
import io as _io
import json as _json
import sys as _sys
import traceback as _traceback
from contextlib import redirect_stderr as _redirect_stderr, redirect_stdout as _redirect_stdout

_NO_PACKAGES = (
    "Only the Python standard library is available in run_python: packages cannot be downloaded "
    "or installed (the sandbox has no network)."
)


class _CappedText(_io.TextIOBase):
    """A text stream that keeps at most limit characters and remembers whether it cut any."""

    def __init__(self, limit):
        self._parts = []
        self._size = 0
        self._limit = limit
        self.truncated = False

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = self._limit - self._size
        kept = text if len(text) <= room else text[: max(room, 0)]
        if len(kept) < len(text):
            self.truncated = True
        if kept:
            self._parts.append(kept)
            self._size += len(kept)
        return len(text)

    def value(self):
        return "".join(self._parts)


def _code_line(error):
    line = None
    for frame in _traceback.extract_tb(error.__traceback__):
        if frame.filename == "<code>":
            line = frame.lineno
    return line


def _failure(error):
    name = type(error).__name__
    message = str(error)
    if isinstance(error, RecursionError):
        kind = "stack-limit"
    elif isinstance(error, MemoryError):
        kind = "memory-limit"
        message = message or "out of memory"
    else:
        kind = "thrown"
        if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] not in _sys.stdlib_module_names:
            message = message + " " + _NO_PACKAGES
    failure = {"kind": kind, "name": name, "message": message}
    line = _code_line(error)
    if line is not None:
        failure["line"] = line
    stack = "".join(_traceback.format_exception(error, limit=-8))
    failure["stack"] = stack[-4000:]
    return failure


def _tabagent_run(code, max_output, max_result):
    out = _CappedText(max_output)
    err = _CappedText(max_output)

    def answer(**fields):
        return _json.dumps({"stdout": out.value(), "stderr": err.value(), "truncated": out.truncated or err.truncated, **fields})

    try:
        tree = _ast.parse(code, "<code>", "exec")
        tail = None
        if tree.body and isinstance(tree.body[-1], _ast.Expr):
            tail = compile(_ast.Expression(tree.body.pop().value), "<code>", "eval")
        body = compile(tree, "<code>", "exec")
    except SyntaxError as error:
        failure = {"kind": "syntax", "name": type(error).__name__, "message": str(error.msg)}
        if error.lineno is not None:
            failure["line"] = error.lineno
        return answer(ok=False, error=failure)

    namespace = {"__name__": "__main__", "__builtins__": _builtins}
    try:
        with _redirect_stdout(out), _redirect_stderr(err):
            exec(body, namespace)
            value = eval(tail, namespace) if tail is not None else None
            text = None if value is None else repr(value)
    except BaseException as error:  # SystemExit and KeyboardInterrupt are the code's failures too
        return answer(ok=False, error=_failure(error))
    if text is not None and len(text) > max_result:
        message = f"The value's repr has {len(text)} characters, more than the {max_result} allowed. Print less, or return a summary."
        return answer(ok=False, error={"kind": "not-serialisable", "message": message})
    return answer(ok=True, **({} if text is None else {"value": text}))
`;
