"""Pydantic validation errors, told as located problems a person can act on."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from advisor.errors import InputError, Problem, did_you_mean
from advisor.source.document import KEY_LIMIT, Document, KeyPath, dotted
from advisor.words import describe, excerpt

M = TypeVar("M", bound=BaseModel)


def validate_document(model: type[M], doc: Document, path: KeyPath = ()) -> M:
    """Validate the data at `path` of `doc`, or raise every problem found, located."""
    data: Any = doc.data
    for part in path:
        data = data[part]
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(problems_from(error, doc, model, path)) from None


def problems_from(
    error: ValidationError, doc: Document, model: type[BaseModel], base: KeyPath = ()
) -> list[Problem]:
    data: Any = doc.data
    for part in base:
        data = data[part]
    problems = []
    for item in error.errors(include_url=False):
        loc = data_path(data, item["loc"], missing=item["type"] == "missing")
        path = (*base, *loc)
        problems.append(_problem(item, doc, model, path, loc))
    return _dedupe(problems)


def data_path(data: Any, loc: tuple[str | int, ...], *, missing: bool = False) -> KeyPath:
    """The steps of a pydantic location that exist in the data.

    Pydantic adds union members ('int', "literal['x']") to locations; those are dropped.
    The last step of a missing key is kept although the data lacks it.
    """
    path: list[str | int] = []
    for index, part in enumerate(loc):
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]  # type: ignore[index]
        elif not (missing and index == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


MAX_KEYS_LISTED = 12  # a model's keys fit in one message line; a longer list would bury it


def _problem(item: Any, doc: Document, model: type[BaseModel], path: KeyPath, loc: KeyPath) -> Problem:
    kind = item["type"]
    name = dotted(path)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed) or (
            f"; expected one of {', '.join(allowed)}" if 0 < len(allowed) <= MAX_KEYS_LISTED else ""
        )
        return doc.problem(path, f"{name}: unknown key {excerpt(str(loc[-1]), KEY_LIMIT)}{hint}", key=True)
    if kind == "missing":
        return doc.problem(path[:-1], f"{name}: missing; add the key '{path[-1]}'", key=True)
    if kind.startswith(("date_", "datetime_")):
        return doc.problem(path, f"{name}: expected a date as YYYY-MM-DD, got {describe(item['input'])}")
    if kind == "string_pattern_mismatch" and "\\x00" in str(item.get("ctx", {}).get("pattern", "")):
        return doc.problem(
            path,
            f"{name}: control characters are not allowed here; remove them, got {describe(item['input'])}",
        )
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        options = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(item["input"]), options)
        return doc.problem(path, f"{name}: {describe(item['input'])} is not one of {expected}{hint}")
    return doc.problem(
        path, f"{name}: {item['msg'][0].lower()}{item['msg'][1:]}, got {describe(item['input'])}"
    )


def _fields_at(model: Any, loc: KeyPath) -> list[str]:
    """The keys a model accepts at `loc`, for did-you-mean."""
    target: Any = model
    for part in loc:
        target = _step(target, part)
        if target is None:
            return []
    target = _unwrap(target)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap(annotation: Any) -> Any:
    """The model inside `X | None` or `Annotated[X, ...]`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return annotation


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    unique = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            unique.append(problem)
    return unique
