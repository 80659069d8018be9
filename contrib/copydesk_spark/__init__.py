"""Run ``copydesk analyze`` over an archive on Apache Spark.

The archive is JSON Lines, one story a line: ``{"id", "text", "date"?, "desk"?, ...}``. Each
partition is piped through the ``copydesk`` binary, which Spark ships to every executor
(``SparkContext.addFile``). The job writes:

* ``analysed/``: JSON Lines part files, one line per story in input order, the story's own fields
  with its ``copydesk analyze`` object under ``"analysis"``: what ``copydesk report --input jsonl``
  aggregates without analysing again;
* ``report.json``: the figures of ``copydesk report --format json`` over ``analysed/`` (streamed on
  the driver: the analysis is the costly part and ran on the cluster);
* ``stories.parquet/``: the per-story table, one row per story, the columns of the report's
  ``"stories"`` rows, for DuckDB, pandas or R.
"""

from .job import analyse_partition, run, STORY_SCHEMA_FIELDS

__all__ = ["analyse_partition", "run", "STORY_SCHEMA_FIELDS"]
