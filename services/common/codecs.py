"""Encoding of topic records: UTF-8 JSON of the pydantic models, keys as UTF-8 strings."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def encode(record: BaseModel) -> bytes:
    """The record as JSON bytes."""
    return record.model_dump_json().encode("utf-8")


def decode(model: type[M], data: bytes | None) -> M:
    """Validate bytes into a model; raises pydantic.ValidationError (or ValueError for empty input)."""
    if not data:
        raise ValueError(f"empty message where a {model.__name__} was expected")
    return model.model_validate_json(data)


def encode_key(key: str) -> bytes:
    """A record key as bytes."""
    return key.encode("utf-8")
