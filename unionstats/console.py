"""Output any console can show: Vietnamese text written in whatever code page it is given.

A Windows console shows Unicode (Python writes to it with the console's own calls), but
output redirected to a file or a pipe (a .bat file, a scheduled task, PowerShell's ``>``)
is encoded in the ANSI code page: cp1258 on Vietnamese Windows, cp1252 on an English one.
Plain ``print("Đoàn viên")`` then raises ``UnicodeEncodeError``, and Python's own fallback
writes ``\\u1ed7`` escapes. :func:`make_output_safe` gives the standard streams an error
handler that spells each character the code page lacks as well as it can:

* cp1258 writes Vietnamese as a base letter, precomposed where it has one (``ô``, ``ơ``,
  ``ư``…), followed by combining tone marks, which is how that code page spells every
  Vietnamese letter: nothing is lost;
* a code page without Vietnamese (cp1252) gets the letter with the marks it can carry and
  without the others (``Lỗi`` → ``Lôi``, ``đợi`` → ``doi``): readable, never an escape;
* a few symbols get their ASCII spelling (``→`` → ``->``); anything else becomes ``?``.

The encoding itself is left as the platform chose it, so the bytes are what the program
reading them (cmd, PowerShell, Notepad) expects; ``PYTHONIOENCODING=utf-8`` still asks for
UTF-8.
"""

from __future__ import annotations

import codecs
import itertools
import sys
import unicodedata
from functools import lru_cache

ERROR_HANDLER = "unionstats-vietnamese"
_STROKED = {"đ": "d", "Đ": "D"}  # letters with a stroke have no decomposition
_SYMBOLS = {"→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≠": "!=", "−": "-", "…": "...", "×": "x"}


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=4096)
def spell(char: str, encoding: str) -> str:
    """``char`` as the code page ``encoding`` can write it (see the module docstring)."""
    if _encodes(char, encoding):
        return char
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not _encodes(base, encoding):
        base = _STROKED.get(base) or _SYMBOLS.get(char) or unicodedata.normalize("NFKD", char)
        return base if _encodes(base, encoding) else "?"
    # the most marks the code page can carry on one precomposed letter; the rest as
    # combining marks where it has them (cp1258's tone marks), else dropped
    for size in range(len(marks), 0, -1):
        for chosen in itertools.combinations(range(len(marks)), size):
            letter = unicodedata.normalize("NFC", base + "".join(marks[i] for i in chosen))
            if len(letter) == 1 and _encodes(letter, encoding):
                rest = "".join(mark for i, mark in enumerate(marks) if i not in chosen)
                return letter + "".join(mark for mark in rest if _encodes(mark, encoding))
    return base + "".join(mark for mark in marks if _encodes(mark, encoding))


def error_handler(encoding: str) -> str:
    """The name of the error handler that spells text for ``encoding`` (registered once).

    One handler per encoding: a code page's own encoding error names no code page (only
    "charmap"), so the handler has to know which one it writes for.
    """
    name = f"{ERROR_HANDLER}-{codecs.lookup(encoding).name}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        target = codecs.lookup(encoding).name

        def spell_what_fails(error: UnicodeError) -> tuple[str, int]:
            if not isinstance(error, UnicodeEncodeError):
                raise error
            text = error.object[error.start : error.end]
            return "".join(spell(char, target) for char in text), error.end

        codecs.register_error(name, spell_what_fails)
    return name


def make_output_safe() -> None:
    """Give ``sys.stdout`` and ``sys.stderr`` the Vietnamese fallback (no other change)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = getattr(stream, "encoding", None)
        if reconfigure is not None and encoding:  # None under pythonw; a test's capture may lack it
            reconfigure(errors=error_handler(encoding))
