"""Line numbers for problems in TOML files.

tomllib returns plain dicts with no positions, so a problem is located by searching the raw text:
first narrow to the block of the array-of-tables entry concerned (the n-th `[[rules]]` up to the
next header that is not its own sub-table), then look for a sequence of needles — keys and quoted
values — each after the previous one. Comments are blanked out first so that a needle never
matches inside one. If a needle is not found, the line of the last one found is given: close
enough for an author to see the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Problem

_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.\-]+)[ \t]*\]\]?", re.MULTILINE)


@dataclass(frozen=True)
class Needle:
    pattern: re.Pattern[str]


def key(name: str) -> Needle:
    """A key being set: `name = ...`, `name.sub = ...` or `{name = ...}`."""
    return Needle(re.compile(rf"(?<![\w\"']){re.escape(name)}[ \t]*[=.]"))


def value(text: str) -> Needle:
    """A string value, in double or single quotes."""
    return Needle(re.compile(rf"([\"']){re.escape(text)}\1"))


class Source:
    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = _blank_comments(text)
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        # (offset, is_array, name) for every table header.
        self._headers = [
            (m.start(), m.group(1) == "[[", m.group(2)) for m in _HEADER.finditer(self.text)
        ]

    @classmethod
    def read(cls, path: Path) -> Source:
        return cls(path, path.read_text(encoding="utf-8", errors="replace"))

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self._line_starts)
        while lo + 1 < hi:  # last line start <= offset
            mid = (lo + hi) // 2
            if self._line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1

    def block(self, table: str | None = None, index: int | None = None) -> tuple[int, int]:
        """Offsets of `[table]` (index None) or of the index-th `[[table]]` entry."""
        if table is None:
            return 0, len(self.text)
        starts = [
            offset
            for offset, is_array, name in self._headers
            if name == table and is_array == (index is not None)
        ]
        position = 0 if index is None else index
        if position >= len(starts):
            return 0, len(self.text)
        start = starts[position]
        end = next(
            (
                offset
                for offset, _, name in self._headers
                if offset > start and not name.startswith(table + ".")
            ),
            len(self.text),
        )
        return start, end

    def line(self, table: str | None = None, index: int | None = None, *needles: Needle) -> int:
        start, end = self.block(table, index)
        found, position = start, start
        for needle in needles:
            match = needle.pattern.search(self.text, position, end)
            if match is None:
                break
            found, position = match.start(), match.end()
        return self.line_of(found)

    def problem(
        self, message: str, table: str | None = None, index: int | None = None, *needles: Needle
    ) -> Problem:
        return Problem(self.path, self.line(table, index, *needles), message)


def _blank_comments(text: str) -> str:
    """The text with every comment replaced by spaces, so offsets and line numbers still match."""
    out = list(text)
    i, n = 0, len(text)
    quote: str | None = None  # the string delimiter we are inside, if any
    while i < n:
        ch = text[i]
        if quote is None:
            if text.startswith('"""', i) or text.startswith("'''", i):
                quote, i = text[i : i + 3], i + 3
                continue
            if ch in "\"'":
                quote = ch
            elif ch == "#":
                end = text.find("\n", i)
                end = n if end < 0 else end
                out[i:end] = " " * (end - i)
                i = end
                continue
        elif quote in ('"""', "'''"):
            if quote == '"""' and ch == "\\":
                i += 2
                continue
            if text.startswith(quote, i):
                quote, i = None, i + 3
                continue
        else:
            if quote == '"' and ch == "\\":
                i += 2
                continue
            if ch in (quote, "\n"):
                quote = None
        i += 1
    return "".join(out)
