"""Helpers shared by the command modules."""

from __future__ import annotations

import sys
from enum import Enum

from ..repo import Repository, find_repository


def repository(path: str | None = None) -> Repository:
    from .app import state

    return find_repository(path, state.repo)


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


class DiagFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
