"""The saved answers of a tracked request: a versioned schema, upgraded step by step.

Pure: no models. A saved request keeps the drafting form's answers (a dict of lists of strings)
and the version of this schema they follow. Reading an old request upgrades its answers in
memory; migration 0003 upgrades the stored rows once. Each step says what changed and why.

Version 1 (to November 2026): the law followed the workplace alone; a CCPA request was only
possible for a California workplace, and its letter said "as a California resident".
Version 2: ``residence`` (a country or US state code, or "elsewhere") is asked separately; the
CCPA follows it. A version-1 CCPA request was sent saying the worker is a California resident,
so it keeps that residence; other requests need none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .regimes import REGIMES

CURRENT_VERSION = 2

Answers = dict[str, list[str]]


def _v1_to_v2(answers: Answers, *, regime_id: str) -> Answers:
    upgraded = dict(answers)
    regime = REGIMES.get(regime_id)
    # A version-1 letter under a law that follows residence said where the worker lives.
    if regime is not None and regime.resident_of and not upgraded.get("residence"):
        upgraded["residence"] = [regime.resident_of]
    return upgraded


_STEPS: Mapping[int, Callable[..., Answers]] = {1: _v1_to_v2}


def upgrade(answers: Answers, *, version: int, regime_id: str) -> Answers:
    """The answers in the current schema. Raises ValueError for a version from the future."""
    if version > CURRENT_VERSION or version < 1:
        raise ValueError(f"unknown answers schema version {version}")
    while version < CURRENT_VERSION:
        answers = _STEPS[version](answers, regime_id=regime_id)
        version += 1
    return answers
