"""The HTML report rendered in headless Chromium: no console message, every section and chart in
the rendered DOM, a sortable table; and the checker itself catches a broken page."""

import os
import subprocess

import browser_check


def make_report(binary, root, tmp_path, *extra):
    out = tmp_path / "report.html"
    fixture = os.path.join(root, "tests", "fixtures", "report", "analysed.jsonl")
    done = subprocess.run(
        [binary, "report", "--input", "jsonl", "--by", "desk", "--estimate-gender", "--out", str(out), *extra, fixture],
        capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr  # the fixture holds one story without text
    return out


def test_report_renders_without_console_errors_with_every_section_and_chart(binary, root, tmp_path):
    page = make_report(binary, root, tmp_path)
    sections = browser_check.SECTIONS + ["gender"]
    charts = browser_check.CHARTS + ["resting-group", "speakers-group", "gender"]
    assert browser_check.problems(str(page), sections, charts) == []


def test_report_over_analysed_stories_renders(binary, root, tmp_path):
    out = tmp_path / "stories.html"
    stories = os.path.join(root, "tests", "fixtures", "report", "stories")
    done = subprocess.run([binary, "report", "--out", str(out), stories], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert browser_check.problems(str(out)) == []


def test_the_checker_catches_a_broken_page(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><section id='summary'></section>"
                    "<script>missingFunction();</script></body></html>", encoding="utf-8")
    found = browser_check.problems(str(page))
    assert any("Uncaught ReferenceError" in p for p in found), found
    assert "the page script did not run to its end" in found
    assert "missing section #method" in found
    assert "chart findings-rate has no bars" in found
