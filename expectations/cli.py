"""``python -m expectations run|publish``: check the identities of a candidate, then publish it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from expectations.publish import PublishRefused, publish, read_verdict


def _format_failure(f: dict) -> str:
    return (
        f"  {f.get('document', f.get('document_id'))}  {f['rule_id']}  {f['subject']}: "
        f"{f['lhs_value']} vs {f['rhs_value']} (difference {f['difference']}, tolerance {f['tolerance']})"
        + (f"\n      at {f['source_ref']}" if f.get("source_ref") else "")
    )


def cmd_run(args: argparse.Namespace) -> int:
    from expectations.acknowledgements import RegistryError
    from expectations.runner import run_expectations  # heavy imports only for this command

    try:
        return run_expectations(Path(args.db), Path(args.out))
    except RegistryError as exc:
        print(f"identity checks NOT run: {exc}", file=sys.stderr)
        return 2


def cmd_publish(args: argparse.Namespace) -> int:
    allow = os.environ.get("ALLOW_FAILURES", "0") not in ("", "0", "false", "no")
    dq_dir, warehouse = Path(args.dq), Path(args.warehouse)
    try:
        failures = publish(Path(args.candidate), warehouse, dq_dir, allow_failures=allow)
    except PublishRefused as exc:
        print(f"build NOT published: {exc}; {warehouse} is unchanged.", file=sys.stderr)
        try:
            for failure in read_verdict(dq_dir):
                print(_format_failure(failure), file=sys.stderr)
        except PublishRefused:
            pass
        print(f"The candidate and its report are kept: {args.candidate}, {dq_dir}/", file=sys.stderr)
        print(
            "Fix the parser, acknowledge a real source error in expectations/acknowledgements.csv, "
            "or publish anyway with ALLOW_FAILURES=1.",
            file=sys.stderr,
        )
        return 1
    note = f" with {len(failures)} unacknowledged failure(s) (ALLOW_FAILURES=1)" if failures else ""
    print(f"published {warehouse}{note}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m expectations", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="check every identity on a candidate warehouse")
    run_p.add_argument("--db", required=True)
    run_p.add_argument("--out", required=True, help="folder for Data Docs, the failure report and verdict.json")
    run_p.set_defaults(func=cmd_run)
    pub_p = sub.add_parser("publish", help="atomically replace the published warehouse with a passing candidate")
    pub_p.add_argument("--candidate", required=True)
    pub_p.add_argument("--warehouse", required=True)
    pub_p.add_argument("--dq", required=True)
    pub_p.set_defaults(func=cmd_publish)
    args = parser.parse_args(argv)
    return args.func(args)
