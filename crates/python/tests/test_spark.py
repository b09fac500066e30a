"""examples/python/spark_match.py in Spark local mode (local[2]) on
100,000 rows: one output row per input row, the CLI's codes."""

import csv
import os
import subprocess
import sys
import time

import pytest

from conftest import REPO

ROWS = 100_000
EXAMPLE = REPO / "examples" / "python" / "spark_match.py"


def test_spark_local_codes_100k_rows_like_the_cli(
    cli, noc2021, dev_titles, tmp_path
):
    pytest.importorskip("pyspark")
    pd = pytest.importorskip("pandas")
    titles = [t for t in dev_titles if t.strip()]
    source = tmp_path / "titles.csv"
    with open(source, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title"])
        for i in range(ROWS):
            w.writerow([f"{i:06d}", titles[i % len(titles)]])

    out = tmp_path / "coded.parquet"
    env = os.environ.copy()
    env["PYSPARK_PYTHON"] = sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    start = time.perf_counter()
    p = subprocess.run(
        [
            sys.executable,
            str(EXAMPLE),
            str(source),
            str(out),
            "--column",
            "title",
            "--data",
            str(noc2021),
            "--master",
            "local[2]",
            "--partitions",
            "8",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert p.returncode == 0, p.stderr[-4000:]
    print(f"spark_match, {ROWS} rows: {time.perf_counter() - start:.1f} s")
    print([l for l in p.stderr.splitlines() if l.startswith("spark_match")])

    coded = pd.read_parquet(out)
    assert len(coded) == ROWS
    assert sorted(coded["id"]) == [f"{i:06d}" for i in range(ROWS)]
    assert {
        "noc_code",
        "noc_title",
        "noc_score",
        "noc_confidence",
        "noc_matched_title",
        "noc_others",
    } <= set(coded.columns)

    # The CLI codes each distinct title once.
    unique = sorted(set(titles))
    rows = cli.json_lines(
        "match", "--data", noc2021, "--json", input="".join(t + "\n" for t in unique)
    )
    assert len(rows) == len(unique)
    best = {
        r["query"]: (r["candidates"][0]["code"] if r["candidates"] else None)
        for r in rows
    }
    got = {
        (t, None if pd.isna(c) else c)
        for t, c in zip(coded["title"], coded["noc_code"])
    }
    assert len(got) == len(unique), "a title got two different codes"
    for title, code in got:
        assert code == best[title], title
