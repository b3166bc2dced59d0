"""File names every OS accepts, made from codes and names that analysts and units chose.

A unit code, a cluster code, a sheet or the name of a file a unit sent can become part of a
file the product writes (a blank form, a brief's folder, a chart, a feedback copy). Windows
refuses some names outright: the devices ``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1``…
``LPT9`` (with any extension), a name ending in a dot or a space, and the characters
``< > : " / \\ | ? *``. :func:`safe_name` keeps every other name as it is (Vietnamese letters
included) and turns a refused one into an accepted one. The mapping is stable: a name that
needed changing gets a short hash of the original, so two different names never meet.
"""

from __future__ import annotations

import hashlib
import re

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)
MAX_CHARS = 100  # a project in C:\Users\<name>\Documents\… keeps its paths well under 260


def is_device_name(name: str) -> bool:
    """True for a name Windows takes as a device (``nul``, ``COM1.xlsx``, ``aux .txt``)."""
    stem = name.split(".", 1)[0].rstrip(" ")
    return stem.upper() in _DEVICES


def safe_name(name: str, max_chars: int = MAX_CHARS) -> str:
    """``name`` as a file or folder name every OS accepts (see the module docstring).

    >>> safe_name("Đăk Tô")
    'Đăk Tô'
    >>> safe_name("CON")[:4], safe_name("a:b")[:4]
    ('CON-', 'a_b-')
    """
    text = _FORBIDDEN.sub("_", name)
    text = text.rstrip(". ")
    changed = text != name or not text or is_device_name(text) or len(text) > max_chars
    if not changed:
        return text
    tag = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    kept = text[: max_chars - len(tag) - 1].rstrip(". ")
    if not kept:
        return f"_{tag}"
    stem, dot, rest = kept.partition(".")
    # the tag goes into the part Windows reads as a device name ("aux.xlsx" -> "aux-1a2b3c.xlsx")
    return f"{stem.rstrip(' ')}-{tag}{dot}{rest}" if is_device_name(kept) else f"{kept}-{tag}"
