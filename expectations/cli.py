"""``python -m expectations run``: check the identities of a candidate (warehouse_build publishes it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_run(args: argparse.Namespace) -> int:
    from expectations.acknowledgements import RegistryError
    from expectations.runner import run_expectations  # heavy imports only for this command

    try:
        return run_expectations(Path(args.db), Path(args.out), only_refreshed=args.only_refreshed)
    except RegistryError as exc:
        print(f"identity checks NOT run: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m expectations", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="check every identity on a candidate warehouse")
    run_p.add_argument("--db", required=True)
    run_p.add_argument("--out", required=True, help="folder for Data Docs, the failure report and verdict.json")
    run_p.add_argument(
        "--only-refreshed",
        action="store_true",
        help="check only the documents in raw.refreshed_documents; keep the other documents' results",
    )
    run_p.set_defaults(func=cmd_run)
    args = parser.parse_args(argv)
    return args.func(args)
