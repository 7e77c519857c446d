"""How many rows a listing shows, and saying so on stderr when it stops short."""

from __future__ import annotations

import argparse
import sys

DEFAULT_TABLE_LIMIT = 100  # rows a table shows when --limit is not given (--json exports every row)


def limit_of(args: argparse.Namespace) -> int | None:
    """--limit, else DEFAULT_TABLE_LIMIT for a table and no limit for --json."""
    return args.limit if args.limit is not None else (None if args.json else DEFAULT_TABLE_LIMIT)


def one_more(limit: int | None) -> int | None:
    """Ask for one row past the limit, to know whether the listing stops short."""
    return None if limit is None else limit + 1


def within(records: list[dict[str, object]], limit: int | None, what: str,
            args: argparse.Namespace) -> list[dict[str, object]]:
    """The records up to the limit; a listing cut short says so on stderr."""
    if limit is None or len(records) <= limit:
        return records
    hint = "raise --limit" if args.limit is not None else "give --limit N, or --json for every one"
    print(f"newsflow {args.command}: showing the first {limit} {what}; more match ({hint})", file=sys.stderr)
    return records[:limit]
