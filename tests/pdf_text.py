"""Reading back the PDFs Chromium writes, without a PDF library: pages and text.

Chromium (Skia) writes each page's content as a Flate-compressed stream that shows glyphs
with `TJ`/`Tj` as hex strings of glyph ids, and gives every font a ToUnicode CMap that maps
those ids back to characters. Inflating every stream, reading the CMaps and decoding the
strings with them recovers the text in drawing order, which is enough to assert what a
page says. `pdftotext`, where it is installed, is used to check this reader.
"""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n", re.S)
_OBJECT = re.compile(rb"(\d+) 0 obj")
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_FONT_USE = re.compile(rb"/(F\d+|[A-Za-z]\w*)\s+[\d.]+\s+Tf")
_SHOWN = re.compile(rb"\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(/\w+)\s+[\d.]+\s+Tf", re.S)


def page_count(data: bytes) -> int:
    return len(_PAGE.findall(data))


def streams(data: bytes) -> list[bytes]:
    """Every stream of the file, inflated where it is Flate-compressed."""
    found = []
    for match in _STREAM.finditer(data):
        length = re.search(rb"/Length\s+(\d+)(?!\s+0\s+R)", match[1])
        start = match.end()
        end = start + int(length[1]) if length else data.index(b"endstream", start)
        raw = data[start:end]
        if b"/FlateDecode" in match[1]:
            try:
                raw = zlib.decompress(raw)
            except zlib.error:
                continue
        found.append(raw)
    return found


def _cmap(stream: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in _BFCHAR.findall(stream):
        pairs = _HEX.findall(block)
        for code, text in zip(pairs[::2], pairs[1::2], strict=False):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in _BFRANGE.findall(stream):
        for line in block.strip().splitlines():
            parts = _HEX.findall(line)
            if len(parts) == 3:
                low, high, first = (int(part, 16) for part in parts)
                for offset in range(high - low + 1):
                    mapping[low + offset] = chr(first + offset)
    return mapping


def squeezed(data: bytes) -> str:
    """The text the PDF draws with every space left out: where a line wraps, the PDF has no
    space to show, so a phrase is found by searching the squeezed text for the squeezed phrase."""
    return re.sub(r"\s+", "", text(data))


def text(data: bytes) -> str:
    """The text the PDF draws, in drawing order (Chromium places glyph runs one by one, so
    words are not separated where lines wrap).

    Every glyph id is looked up in the union of the file's ToUnicode CMaps; Chromium gives
    each font subset its own ids, so a clash is rare and only garbles a character.
    """
    everything = streams(data)
    mapping: dict[int, str] = {}
    for stream in everything:
        if b"begincmap" in stream:
            mapping.update(_cmap(stream))
    lines = []
    for stream in everything:
        if b"TJ" not in stream and b"Tj" not in stream:
            continue
        for match in _SHOWN.finditer(stream):
            hexes = _HEX.findall(match[1]) if match[1] is not None else [match[2] or b""]
            shown = "".join(_decode(value, mapping) for value in hexes)
            if shown:
                lines.append(shown)
    return "".join(lines)


def _decode(value: bytes, mapping: dict[int, str]) -> str:
    raw = bytes.fromhex(value.decode())
    return "".join(mapping.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw) - 1, 2))
