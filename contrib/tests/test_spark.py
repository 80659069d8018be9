"""The Spark job on a local cluster with two workers over the dev-set texts: the same analysis,
story for story, as one `copydesk analyze` run on one machine; the same report figures; a
Parquet table with one row per story; bad stories reported by id."""

import json
import os
import subprocess

import pyarrow.parquet as pq
import pytest

from copydesk_spark import STORY_SCHEMA_FIELDS, run


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local-cluster[2,1,1024]").appName("copydesk-test")
               .config("spark.ui.enabled", "false").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad") / "bad.jsonl"
    path.write_text(
        json.dumps({"id": "bad-no-text", "desk": "metro"}) + "\n"
        + json.dumps({"id": "good-one", "desk": "metro", "text": "The mayor opened the new library on Tuesday."}) + "\n",
        encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def job(spark, binary, dev_files, bad_file, tmp_path_factory):
    out = str(tmp_path_factory.mktemp("job") / "out")
    figures = run(spark, dev_files + [bad_file], out, binary, partitions=4)
    assert spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() >= 3, "driver and two workers"
    return out, figures


def analysed_lines(out):
    parts = sorted(f for f in os.listdir(os.path.join(out, "analysed")) if f.startswith("part-"))
    assert len(parts) >= 2, "the archive was split across partitions"
    lines = []
    for p in parts:
        with open(os.path.join(out, "analysed", p), encoding="utf-8") as f:
            lines += [json.loads(l) for l in f if l.strip()]
    return lines


def test_distributed_analysis_equals_the_single_machine_run(job, binary, dev_files):
    out, _ = job
    single = subprocess.run([binary, "analyze", "--input", "jsonl", *dev_files],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    distributed = [line["analysis"] for line in analysed_lines(out)][: len(single)]
    assert len(single) > 500
    assert [d["id"] for d in distributed] == [json.loads(s)["id"] for s in single]
    for d, s in zip(distributed, single):
        assert d == json.loads(s), d["id"]


def test_report_figures_equal_the_single_machine_report(job, binary, dev_files, tmp_path):
    _, figures = job
    here = tmp_path / "single.json"
    subprocess.run([binary, "report", "--input", "jsonl", "--format", "json", "--out", str(here), *dev_files],
                   capture_output=True, check=True)
    single = json.loads(here.read_text(encoding="utf-8"))
    assert figures["stories"][: len(single["stories"])] == single["stories"]
    assert figures["totals"]["stories"] == single["totals"]["stories"] + 1, "plus the good extra story"
    assert figures["totals"]["quotes"] == single["totals"]["quotes"] + sum(
        r["quotes"] for r in figures["stories"][len(single["stories"]):])


def test_bad_stories_are_reported_by_id(job):
    _, figures = job
    assert [e["id"] for e in figures["errors"]] == ["bad-no-text"]
    assert figures["stories"][-1]["id"] == "good-one", "the rest is still counted"


def test_parquet_table_has_one_row_per_story_with_the_report_columns(job):
    out, figures = job
    table = pq.read_table(os.path.join(out, "stories.parquet"))
    assert table.column_names == [name for name, _ in STORY_SCHEMA_FIELDS]
    assert table.num_rows == len(figures["stories"])
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [r["id"] for r in figures["stories"]]
    assert sum(r["words"] for r in rows) == figures["totals"]["words"]
    assert dict(rows[0]["findings_by_rule"]) == figures["stories"][0]["findings_by_rule"]
