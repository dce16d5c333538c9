"""python -m docgen generate|score: write a generated corpus, or score a warehouse against it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from docgen import corpus, score
from docgen.catalogue import FORMATS, SCAN_DPIS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m docgen", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write N documents, their answer keys and a manifest")
    gen.add_argument("--out", type=Path, required=True)
    gen.add_argument("--n", type=int, default=20)
    gen.add_argument("--seed", type=int, default=1)
    gen.add_argument("--formats", default="pdf", help=f"comma-separated, of: {','.join(FORMATS)}")
    gen.add_argument("--producers", default="", help="PDF producers to draw from (default: all this machine runs)")
    gen.add_argument("--scan-dpi", default="", help="comma-separated dpis scans cycle through (default: 150,200,300)")
    sc = sub.add_parser("score", help="score a warehouse against a generated corpus")
    sc.add_argument("--corpus", type=Path, required=True)
    sc.add_argument("--warehouse", type=Path, required=True)
    sc.add_argument("--json", type=Path, help="also write the results here")
    sc.add_argument("--markdown", type=Path, help="also write the per-choice table here, as Markdown")
    sc.add_argument("--show-misses", type=int, default=20)
    args = ap.parse_args(argv)
    if args.command == "generate":
        formats = [f for f in args.formats.split(",") if f]
        producer_names = [p for p in args.producers.split(",") if p] or None
        scan_dpis = tuple(int(d) for d in args.scan_dpi.split(",") if d) or SCAN_DPIS
        summary = corpus.write(args.out, args.seed, args.n, formats, producer_names, scan_dpis)
        print(f"generated {summary['documents']} documents, {summary['files']} files in {args.out}/raw")
        for key, seconds in sorted(summary["per_file_seconds"].items()):
            print(f"  {key:28s} {seconds:6.3f} s per file")
        return 0
    if not args.warehouse.exists():
        print(f"no warehouse at {args.warehouse}", file=sys.stderr)
        return 2
    result = score.score(args.corpus, args.warehouse, args.show_misses)
    print(score.format_report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(score.markdown_table(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
