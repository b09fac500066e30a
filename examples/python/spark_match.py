"""Code a large CSV or Parquet file of job titles with noc on PySpark.

Each partition goes through ``mapInPandas``; every Python worker loads the
matcher once (from the installed data, or from ``--data``, a folder of
official NOC files that every executor can read) and keeps it for the
next partitions. The output has the input's columns plus ``noc_code``,
``noc_title``, ``noc_score``, ``noc_confidence``, ``noc_matched_title``
and ``noc_others`` (the other candidates as ``code:score;...``): one row
per input row, none dropped.

    python examples/python/spark_match.py titles.csv coded.parquet \\
        --column title --data /shared/noc2021 --master 'local[2]'

On a cluster, install the noc wheel as a cluster library, put the data
folder on shared storage and leave out ``--master`` (spark-submit or the
notebook gives it); see the README's "From Python" section.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Iterator, Optional

#: The columns added to each row, and their Spark types.
OUTPUT_COLUMNS = (
    ("noc_code", "string"),
    ("noc_title", "string"),
    ("noc_score", "double"),
    ("noc_confidence", "string"),
    ("noc_matched_title", "string"),
    ("noc_others", "string"),
)

def match_partitions(
    column: str,
    data: Optional[str],
    version: Optional[int],
    top: int,
    threads: Optional[int],
):
    """The function that ``mapInPandas`` runs on each partition."""

    def run(batches: Iterator["pandas.DataFrame"]):
        import noc

        # One matcher per Python worker, kept by the noc module between
        # partitions (a cache in this script would be shipped, empty,
        # with every task).
        matcher = noc.shared_matcher(data, version)
        for batch in batches:
            coded = noc.match_series(
                batch[column], matcher, top=top, threads=threads
            )
            for name, _ in OUTPUT_COLUMNS:
                batch[name] = coded[name[len("noc_"):]].to_numpy()
            yield batch

    return run


def code_titles(
    spark,
    frame,
    column: str,
    data: Optional[str] = None,
    version: Optional[int] = None,
    top: int = 5,
    threads: Optional[int] = 1,
):
    """``frame`` with the noc columns added. ``threads`` is per Python
    worker: Spark already runs one worker per core, so 1 by default."""
    from pyspark.sql.types import StructType

    if column not in frame.columns:
        raise SystemExit(
            f"spark_match: no column {column!r} in the input (columns: "
            f"{', '.join(frame.columns)})"
        )
    schema = StructType.fromJson(frame.schema.jsonValue())
    for name, kind in OUTPUT_COLUMNS:
        schema = schema.add(name, kind, nullable=True)
    return frame.mapInPandas(
        match_partitions(column, data, version, top, threads), schema
    )


def _read(spark, path: str):
    if path.endswith(".parquet") or path.endswith(".parquet/"):
        return spark.read.parquet(path)
    # Every column as text: codes and ids keep their leading zeros.
    return spark.read.csv(path, header=True, multiLine=True, escape='"')


def _write(frame, path: str) -> None:
    if path.endswith(".parquet"):
        frame.write.mode("overwrite").parquet(path)
    else:
        frame.write.mode("overwrite").csv(path, header=True, escape='"')


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Code a CSV or Parquet file of job titles with noc on "
        "Spark (one output row per input row)."
    )
    parser.add_argument("input", help="a CSV (with a header) or .parquet")
    parser.add_argument(
        "output", help="a folder to write: .parquet, else CSV parts"
    )
    parser.add_argument("--column", default="title", help="the title column")
    parser.add_argument(
        "--data",
        help="a folder of official NOC files readable by every executor "
        "(default: the data installed on each executor)",
    )
    parser.add_argument("--version", type=int, choices=(2011, 2016, 2021))
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument(
        "--master", help="e.g. local[2]; leave out under spark-submit"
    )
    parser.add_argument(
        "--partitions",
        type=int,
        help="repartition the input into this many partitions first",
    )
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("noc-spark-match")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        frame = _read(spark, args.input)
        if args.partitions:
            frame = frame.repartition(args.partitions)
        coded = code_titles(
            spark, frame, args.column, args.data, args.version, args.top
        )
        start = time.perf_counter()
        _write(coded, args.output)
        secs = time.perf_counter() - start
        rows = _read(spark, args.output).count()
        print(
            f"spark_match: {rows} rows in {secs:.1f} s "
            f"({rows / secs:.0f} rows/s), written to {args.output}",
            file=sys.stderr,
        )
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
