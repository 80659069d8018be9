"""The Spark job: ``python -m copydesk_spark.job --binary target/release/copydesk --out OUT ARCHIVE...``."""

import argparse
import json
import os
import stat
import subprocess
import sys
import tempfile
import zipfile

# The columns of a report "stories" row, in order, with their Spark SQL types. `id` is text: a
# string id as it is, any other JSON id as JSON.
STORY_SCHEMA_FIELDS = [
    ("id", "string"),
    ("date", "string"),
    ("group", "string"),
    ("words", "long"),
    ("quotes", "long"),
    ("quotes_named", "long"),
    ("quotes_anonymous", "long"),
    ("quotes_vague", "long"),
    ("quotes_institution", "long"),
    ("quotes_no_speaker", "long"),
    ("unnamed_quote_share", "double"),
    ("sources_named", "long"),
    ("sources_anonymous", "long"),
    ("sources_vague", "long"),
    ("sources_institution", "long"),
    ("anonymity_reasons", "long"),
    ("rests_on_anonymous", "boolean"),
    ("findings", "long"),
    ("findings_by_rule", "map<string,long>"),
]


def _executable(path):
    """Spark's file cache may drop the execute bit; put it back."""
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def analyse_partition(lines, binary):
    """Pipes one partition's story lines through ``copydesk analyze --input jsonl``.

    Yields, per non-blank line and in order, the story's fields with its analysis under
    ``"analysis"``. ``analyze`` answers every non-blank line with exactly one line (an
    ``{"id", "error"}`` object for a bad story), so input and output pair up one to one.
    """
    lines = [l for l in lines if l.strip()]
    if not lines:
        return
    done = subprocess.run(
        [_executable(binary), "analyze", "--input", "jsonl"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"copydesk analyze failed ({done.returncode}): {done.stderr}")
    results = done.stdout.splitlines()
    if len(results) != len(lines):
        raise RuntimeError(f"copydesk analyze gave {len(results)} lines for {len(lines)} stories")
    for line, result in zip(lines, results):
        analysis = json.loads(result)
        try:
            story = json.loads(line)
        except ValueError:
            story = None
        if not isinstance(story, dict):
            story = {"id": analysis.get("id")}
        story["analysis"] = analysis
        yield json.dumps(story, ensure_ascii=False)


def _story_row(row):
    """A report row with a text `id` for the Parquet table."""
    out = dict(row)
    if not isinstance(out.get("id"), str):
        out["id"] = json.dumps(out.get("id"))
    return out


def _ship_package(sc, workdir):
    """Zips this package and adds it to the executors' Python path."""
    here = os.path.dirname(os.path.abspath(__file__))
    archive = os.path.join(workdir, "copydesk_spark.zip")
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(os.listdir(here)):
            if f.endswith(".py"):
                z.write(os.path.join(here, f), os.path.join("copydesk_spark", f))
    sc.addPyFile(archive)


def run(spark, archive, out, binary, partitions=None, by=None):
    """Runs the job; returns the report figures (the parsed ``report.json``)."""
    sc = spark.sparkContext
    binary = os.path.abspath(binary)
    sc.addFile(binary)
    _ship_package(sc, tempfile.mkdtemp(prefix="copydesk-spark-"))
    name = os.path.basename(binary)

    def partition(lines):
        from pyspark import SparkFiles

        return analyse_partition(lines, SparkFiles.get(name))

    lines = sc.textFile(",".join(os.path.abspath(p) for p in archive), minPartitions=partitions or sc.defaultParallelism)
    analysed_dir = os.path.join(out, "analysed")
    lines.mapPartitions(partition).saveAsTextFile(analysed_dir)

    parts = sorted(
        os.path.join(analysed_dir, f) for f in os.listdir(analysed_dir) if f.startswith("part-")
    )
    cmd = [binary, "report", "--input", "jsonl", "--format", "json", "--out", os.path.join(out, "report.json")]
    if by:
        cmd += ["--by", by]
    done = subprocess.run(cmd + parts, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"copydesk report failed ({done.returncode}): {done.stderr}")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        figures = json.load(f)

    schema = ", ".join(f"`{n}` {t}" for n, t in STORY_SCHEMA_FIELDS)
    rows = [_story_row(r) for r in figures["stories"]]
    frame = spark.createDataFrame(rows or [], schema=schema)
    frame.coalesce(1).write.mode("overwrite").parquet(os.path.join(out, "stories.parquet"))
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive", nargs="+", help="JSON Lines story files (any path Spark reads)")
    parser.add_argument("--out", required=True, help="output directory (must not exist)")
    parser.add_argument("--binary", required=True, help="the copydesk binary to ship to executors")
    parser.add_argument("--master", default=None, help="Spark master URL (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--by", default=None, help="group the report by this JSON Lines field")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("copydesk-analyze")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        figures = run(spark, args.archive, args.out, args.binary, args.partitions, args.by)
    finally:
        spark.stop()
    print(f"{figures['totals']['stories']} stories counted, {len(figures['errors'])} not", file=sys.stderr)


if __name__ == "__main__":
    main()
