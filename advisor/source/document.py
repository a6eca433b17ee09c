"""The one way YAML enters the tool: safe, bounded, and with a position for every node.

PyYAML's composer gives nodes with marks; we turn them into plain Python values ourselves
so that we can reject what `safe_load` would silently accept (duplicate keys) or choke on
(alias bombs, absurd nesting), and remember where every key and value stood.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from advisor.errors import InputError, Location, Problem
from advisor.words import EXCERPT_LIMIT, excerpt

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 40
KEY_LIMIT = 40  # longer keys are shown cut in messages
SYNTAX_LIMIT = 90  # and so is what a YAML syntax error quotes

KeyPath = tuple[str | int, ...]

_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG_PREFIX}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAG = f"{_TAG_PREFIX}seq"
_INT_TAG = f"{_TAG_PREFIX}int"
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")  # what YAML 1.2 and people read alike
_MAP_TAG = f"{_TAG_PREFIX}map"


@dataclass
class Document:
    """A parsed YAML file: its data and where each key and value stood."""

    file: str
    data: Any
    values: Mapping[KeyPath, Location] = field(default_factory=dict)
    keys: Mapping[KeyPath, Location] = field(default_factory=dict)

    def at(self, path: KeyPath, *, key: bool = False) -> Location:
        """Where `path` stands; its key when `key`, else its value; else its nearest parent."""
        for depth in range(len(path), -1, -1):
            prefix = path[:depth]
            if key and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Location(self.file, 1, 1)

    def problem(self, path: KeyPath, message: str, *, key: bool = False) -> Problem:
        return Problem(self.at(path, key=key), message)


def show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


def dotted(path: KeyPath) -> str:
    """`('answers', 'app', 'components')` -> `answers.app.components`; list items as `[2]`.

    A key that is long or holds unprintable characters is shown as a quoted excerpt.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        key = part if part.isprintable() and 0 < len(part) <= KEY_LIMIT else excerpt(part, KEY_LIMIT)
        text += f".{key}" if text else key
    return text


def parse_value(text: str) -> Any:
    """A short YAML value written inline (`3`, `true`, `[a, b]`), as in `--set` and in
    conditions; the text itself when it is not a plain YAML value (a tag, a syntax error)."""
    if _WORDS.match(text):  # most values: composed here as PyYAML would, without a parser
        builder = _Builder("<value>")
        data = builder.build(_word_nodes(text), (), 0)
        return text if builder.problems else data
    try:
        return parse_yaml(text, "<value>").data
    except InputError:
        return text


_WORD = r"[A-Za-z0-9_][A-Za-z0-9_.+-]*"  # a plain scalar with nothing YAML would read otherwise
_WORDS = re.compile(rf"(?:{_WORD}|\[ *{_WORD}(?: *, *{_WORD})* *\])\Z")
_NOWHERE = yaml.Mark("<value>", 0, 0, 0, "", 0)
_RESOLVER = yaml.resolver.Resolver()


def _word_nodes(text: str) -> yaml.Node:
    """The node PyYAML composes for a word or a flow list of words (`_WORDS`)."""

    def scalar(word: str) -> yaml.ScalarNode:
        tag = _RESOLVER.resolve(yaml.ScalarNode, word, (True, False))  # type: ignore[no-untyped-call]
        return yaml.ScalarNode(tag, word, _NOWHERE, _NOWHERE)

    if not text.startswith("["):
        return scalar(text)
    words = [word.strip() for word in text[1:-1].split(",")]
    return yaml.SequenceNode(_SEQ_TAG, [scalar(w) for w in words], _NOWHERE, _NOWHERE)


EMPTY_FIX = "is it the right file?"


def load_yaml_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES, empty_fix: str = EMPTY_FIX) -> Document:
    """Read and parse one YAML file, or raise `InputError` naming the file and position."""
    raw = read_bounded(path, "a YAML file", max_bytes=max_bytes)
    return parse_yaml(raw, str(path), empty_fix=empty_fix)


def read_bounded(path: Path, expected: str, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an input file, never more than `max_bytes` read (a device or a huge file
    is refused, not slurped)."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, expected {expected}") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror}") from None
    if len(raw) > max_bytes:
        raise InputError(f"{name}: file is larger than {max_bytes:,} bytes; is it the right file?")
    return raw


def read_text(path: Path, expected: str, *, hint: str) -> str:
    """An input file as text (bounded like `read_bounded`; a byte-order mark dropped); a file
    that is not UTF-8 is refused with `hint` (what the reader may have mixed it up with)."""
    raw = read_bounded(path, expected)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a UTF-8 text file; {hint}") from None


def parse_yaml(raw: bytes | str, name: str, *, empty_fix: str = EMPTY_FIX) -> Document:
    """Parse YAML text (bytes are decoded as UTF-8) into a `Document`; `empty_fix` says
    what to do about a file with nothing in it."""
    text = _decode(raw, name) if isinstance(raw, bytes) else raw
    empty = Problem(Location(name, 1, 1), f"file is empty; {empty_fix}")
    if not text.strip():
        raise InputError([empty])
    try:
        node = _compose(text, name)
    except yaml.MarkedYAMLError as error:
        raise InputError([_syntax_problem(error, name, text)]) from None
    except yaml.reader.ReaderError as error:
        raise InputError([_reader_problem(error, name, text)]) from None
    except yaml.YAMLError as error:
        raise InputError(f"{name}: not valid YAML: {error}") from None
    except RecursionError:
        raise InputError(f"{name}: nesting is too deep to be an input file") from None
    if node is None:
        raise InputError([empty])
    builder = _Builder(name)
    data = builder.build(node, (), 0)
    if builder.problems:
        raise InputError(builder.problems)
    return Document(name, data, builder.values, builder.keys)


class _Bounds:
    """Composing that gives up on deep nesting and huge documents.

    The bounds must hold during composition, not only after it: PyYAML's scanner spends
    time proportional to the nesting depth on every token, so a file of a few hundred
    kilobytes of deeply nested brackets kept it busy for most of a minute before the
    depth check on the finished tree could refuse it.
    """

    file_name = ""
    depth = 0
    nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.nodes += 1
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                where = Location(self.file_name, mark.line + 1, mark.column + 1)
                if self.depth > MAX_DEPTH:
                    raise InputError([Problem(where, "nesting is too deep to be an input file")])
                raise InputError([Problem(where, f"more than {MAX_NODES:,} values; is it the right file?")])
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self.depth -= 1


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """PyYAML in Python: the reference, whose messages name every syntax error."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.file_name = name


_CParser: Any
try:  # libyaml, when PyYAML was built with it
    from yaml._yaml import CParser as _CParser
except ImportError:
    _CParser = None


if _CParser is not None:

    class _FastBoundedLoader(_Bounds, Composer, _CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """libyaml scans and parses (an answers file in a twentieth of the time); the nodes
        are still composed here, within the bounds, and resolved as PyYAML resolves them."""

        def __init__(self, text: str, name: str) -> None:
            _CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.file_name = name

        def compose_scalar_node(self, anchor: dict[Any, yaml.Node]) -> yaml.ScalarNode:
            # A scalar tagged with the bare `!`: PyYAML's parser has it resolved as if plain
            # (`! 12` reads 12, `!` alone null), libyaml as a string; read as PyYAML reads it.
            event = self.peek_event()
            if event.tag == "!":
                event.implicit = (True, False)
            return super().compose_scalar_node(anchor)


# Where libyaml and PyYAML were seen to read a text differently (by the property in
# tests/e2e/test_fuzz_answers.py): libyaml takes a tab as a space where PyYAML refuses it
# (`0<tab>`) and places a value after a byte order mark inside a line (`0<BOM>:`) a column
# further; and it puts the end of a text without a final line break on a new line, so an
# empty value there is found a line lower (checked apart: `text.endswith`).
_LIBYAML_DIFFERS = re.compile("[\t\ufeff]")


def _compose(text: str, name: str) -> yaml.Node | None:
    """The document's node tree. With libyaml, a file that does not parse is parsed again by
    PyYAML in Python, so every error reads the same whichever parser is installed. A text
    that libyaml would read otherwise goes to PyYAML in Python straight away (`_LIBYAML_DIFFERS`)."""
    if _CParser is not None and text.endswith("\n") and not _LIBYAML_DIFFERS.search(text):
        try:
            return _run(_FastBoundedLoader(text, name))
        except (yaml.YAMLError, UnicodeError):  # UnicodeError: a lone surrogate in a string given
            pass
    return _run(_BoundedLoader(text, name))


def _run(loader: Any) -> yaml.Node | None:
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def _unreadable(node: yaml.ScalarNode, error: Exception) -> str:
    """The value (shortened: it may be huge) and why it could not be read."""
    text = str(node.value)
    readable = isinstance(error, (ConstructorError, ValueError))
    reason = str(error) if readable else f"not a {show_tag(node.tag)}"
    if len(text) > EXCERPT_LIMIT and node.tag == _INT_TAG:
        return f"an integer of {len(text):,} digits: too large"  # Python refuses over 4,300 digits
    return f"{excerpt(text)}: {reason}"


def _not_decimal(text: str, value: int) -> str:
    """YAML 1.1 reads `010` as 8 (octal), `0x10` as 16, `1:30` as 90 (base 60): a number
    that does not mean what it shows is refused, with the decimal to write instead."""
    digits = text.lstrip("+-")
    if digits.isdigit():  # a leading zero: octal to YAML 1.1, decimal to a reader
        shown = ("-" if text.startswith("-") else "") + (digits.lstrip("0") or "0")
        octal = f" (or {value}, if octal was meant)" if str(value) != shown else ""
        fix = f"write {shown} without the leading zero{octal}"
    else:
        fix = f"write it in decimal digits: {value}"
    return f"{excerpt(text)} is not a plain decimal number (YAML 1.1 reads it as {value}); {fix}"


def _reader_problem(error: yaml.reader.ReaderError, name: str, text: str) -> Problem:
    """A character YAML does not allow (a control character, say), located by line and column."""
    before = text[: error.position]
    line = before.count("\n") + 1
    col = error.position - (before.rfind("\n") + 1) + 1
    char = error.character if isinstance(error.character, str) else chr(error.character)
    return Problem(
        Location(name, line, col),
        f"character U+{ord(char):04X} is not allowed in YAML; remove it",
    )


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        where = Location(name, line, col)
        raise InputError([Problem(where, "not a UTF-8 text file; is it the right file?")]) from None


def _syntax_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name, 1, 1)
    problem = error.problem or "invalid YAML"
    if "'\\t'" in problem or (mark is not None and _is_tab_at(text, mark.index)):
        return Problem(where, "YAML syntax error: tab character; indent with spaces, not tabs")
    if len(problem) > SYNTAX_LIMIT:  # PyYAML quotes what it met: a tag handle can be a whole line
        problem = f"{problem[:SYNTAX_LIMIT]}... (cut)"
    if error.context:
        problem = f"{problem} ({error.context})"
    return Problem(where, f"YAML syntax error: {problem}")


def _is_tab_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] == "\t"


class _Builder:
    """Turns composed nodes into Python values, collecting every problem on the way."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.values: dict[KeyPath, Location] = {}
        self.keys: dict[KeyPath, Location] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.constructor = SafeConstructor()

    def where(self, node: yaml.Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.where(node), message))

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise InputError(
                [
                    Problem(
                        self.where(node),
                        f"more than {MAX_NODES:,} values after expanding "
                        "aliases; refusing to read further (alias bomb?)",
                    )
                ]
            )
        if depth > MAX_DEPTH:
            raise InputError([Problem(self.where(node), "nesting is too deep to be an input file")])
        self.values[path] = self.where(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self.bad_tag(node, path)
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                return self.bad_tag(node, path)
            return self.mapping(node, path, depth)
        self.fail(node, "unsupported YAML node")  # pragma: no cover - composer makes only these
        return None

    def mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG_PREFIX}merge":
                self.fail(key_node, "merge keys ('<<') are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag in (_SEQ_TAG, _MAP_TAG):
                self.fail(key_node, "keys must be plain text")
                continue
            key = str(key_node.value)
            key_path = (*path, key)
            if key in result:
                first = self.keys[key_path]
                self.fail(
                    key_node,
                    f"{dotted(key_path)}: duplicate key (first defined at line "
                    f"{first.line}); remove one of them",
                )
                continue
            self.keys[key_path] = self.where(key_node)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            return self.bad_tag(node, path)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, KeyError, IndexError, AttributeError) as error:
            # PyYAML's constructors fail with KeyError, IndexError or AttributeError on
            # explicitly tagged junk such as `!!bool maybe`, `!!int` or `!!timestamp soon`.
            self.fail(node, f"{dotted(path) or 'value'}: cannot read {_unreadable(node, error)}")
            return None
        if node.tag == _INT_TAG and not _DECIMAL.match(str(node.value)):
            self.fail(node, f"{dotted(path) or 'value'}: {_not_decimal(str(node.value), value)}")
            return None
        return value

    def bad_tag(self, node: yaml.Node, path: KeyPath) -> None:
        label = f"{dotted(path)}: " if path else ""
        self.fail(node, f"{label}YAML tag '{show_tag(node.tag)}' is not allowed here; remove it")
        return None
