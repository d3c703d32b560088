"""Degrade locally: a component that fails on one document loses its results for that
document only, records why on the Doc, and hands the Doc on.

spaCy's own error handlers drop the failing Doc from the stream, which would lose
the document (and, with `as_tuples`, misalign every later one); catching inside the
component keeps every document in the output.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

ERRORS_KEY = "provenance_errors"
C = TypeVar("C")


def guarded(call: Callable[[C, Doc], Doc]) -> Callable[[C, Doc], Doc]:
    """Wrap a component's __call__ so an exception is recorded instead of raised."""

    @functools.wraps(call)
    def wrapper(self: C, doc: Doc) -> Doc:
        try:
            return call(self, doc)
        except Exception as error:  # noqa: BLE001 - any failure is recorded and reported
            name = getattr(self, "name", type(self).__name__)
            doc.user_data.setdefault(ERRORS_KEY, []).append(f"{name} failed ({type(error).__name__}: {error})")
            return doc

    return wrapper
