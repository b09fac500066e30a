"""Titles per second of ``Matcher.match_many`` against ``noc match`` on
the same titles and data (a benchmark, not a test).

    python examples/python/bench_match.py TITLES.csv --column title \\
        --data DIR [--noc target/release/noc] [--rounds 5]

Each round runs the CLI (``noc match --input FILE --column COL --json``,
its own titles/s summary: matching only) and then ``match_many`` in this
process (the call and reading each candidate's code). The best round of
each is reported, with the ratio.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import time

import noc


def cli_rate(binary: str, path: str, column: str, data: str) -> float:
    p = subprocess.run(
        [binary, "match", "--input", path, "--column", column, "--json",
         "--data", data],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    m = re.search(r"\((\d+) titles/s\)", p.stderr)
    if m is None:
        raise SystemExit(f"bench_match: no summary from noc:\n{p.stderr}")
    return float(m.group(1))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("titles", help="a CSV file of titles")
    parser.add_argument("--column", default="title")
    parser.add_argument("--data", required=True)
    parser.add_argument("--noc", default="target/release/noc")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    with open(args.titles, newline="", encoding="utf-8") as f:
        titles = [row[args.column] for row in csv.DictReader(f)]
    matcher = noc.Matcher(args.data)
    matcher.match_many(titles[:100])  # warm up
    cli, py = [], []
    for _ in range(args.rounds):
        cli.append(cli_rate(args.noc, args.titles, args.column, args.data))
        start = time.perf_counter()
        codes = [c[0].code if c else None for c in matcher.match_many(titles)]
        py.append(len(titles) / (time.perf_counter() - start))
        assert len(codes) == len(titles)
    best_cli, best_py = max(cli), max(py)
    print(f"{len(titles)} titles, best of {args.rounds} rounds")
    print(f"noc match (CLI):        {best_cli:,.0f} titles/s")
    print(f"Matcher.match_many:     {best_py:,.0f} titles/s")
    print(f"ratio:                  {best_py / best_cli:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
