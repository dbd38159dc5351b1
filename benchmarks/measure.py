"""What the benchmarks share: percentiles, and a throw-away PostgreSQL schema per run."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


@contextmanager
def fresh_schema(url: str | None) -> Iterator[str | None]:
    """A PostgreSQL URL pointed at a new, empty schema, dropped afterwards (None stays None).

    Each run starts empty: the fake Bot API numbers updates from 1 in every run, and the demo
    data generator refuses a database that already holds people.
    """
    if url is None:
        yield None
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
