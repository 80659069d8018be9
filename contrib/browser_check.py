"""Renders a copydesk HTML report in headless Chromium and checks the rendered DOM.

``python3 contrib/browser_check.py REPORT.html``: exits 0 when the page rendered with no console
message at all (the report logs nothing, so any message is an error or a stray log), its script
ran to the end (``<body data-ready="1">``), every section and chart is in the rendered DOM with
its bars, and clicking a column heading sorts the story table. Debian's ``chromium`` package.
"""

import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

SECTIONS = ["summary", "over-time", "by-group", "findings-rate", "quoted", "stories",
            "story-findings", "bad-stories", "method"]
CHARTS = ["resting-time", "speakers-time", "findings-rate", "speakers-all"]

# Appended to a copy of the page: click the "words" heading, record the order it left.
CLICK = """<script>
(function(){var th=document.querySelectorAll('#story-table th')[3];th.click();
var v=Array.prototype.map.call(document.querySelectorAll('#story-table tbody tr'),
function(r){return r.cells[3].getAttribute('data-v');});
document.body.setAttribute('data-sorted',v.join(','));})();
</script>"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("browser_check: no chromium on PATH (apt-get install chromium)")


def render(path):
    """(rendered DOM, console messages) of one page."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=5000", "--dump-dom", "file://" + os.path.abspath(path)],
            capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise SystemExit(f"browser_check: chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    console = [l for l in done.stderr.splitlines() if ":CONSOLE" in l]
    return done.stdout, console


class Dom(html.parser.HTMLParser):
    """What the checks need from a rendered DOM."""

    def __init__(self):
        super().__init__()
        self.sections, self.bars, self.body = [], {}, {}
        self.figure = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "id" in a:
            self.sections.append(a["id"])
        elif tag == "figure" and "data-chart" in a:
            self.figure = a["data-chart"]
            self.bars.setdefault(self.figure, 0)
        elif tag == "rect" and self.figure and "bar" in (a.get("class") or "").split():
            self.bars[self.figure] += 1
        elif tag == "body":
            self.body = a

    def handle_endtag(self, tag):
        if tag == "figure":
            self.figure = None


def problems(path, sections=SECTIONS, charts=CHARTS):
    """Everything wrong with the rendered page; empty when it is fine."""
    found = []
    dom_text, console = render(path)
    found += [f"console: {l}" for l in console]
    dom = Dom()
    dom.feed(dom_text)
    if dom.body.get("data-ready") != "1":
        found.append("the page script did not run to its end")
    found += [f"missing section #{s}" for s in sections if s not in dom.sections]
    found += [f"chart {c} has no bars" for c in charts if dom.bars.get(c, 0) == 0]
    with tempfile.TemporaryDirectory() as tmp:
        clicked = os.path.join(tmp, "clicked.html")
        with open(path, encoding="utf-8") as f:
            page = f.read()
        with open(clicked, "w", encoding="utf-8") as f:
            f.write(page.replace("</body>", CLICK + "</body>"))
        sorted_dom, console = render(clicked)
    found += [f"console after a click: {l}" for l in console]
    m = re.search(r'data-sorted="([^"]*)"', sorted_dom)
    values = [float(v) for v in m.group(1).split(",") if v] if m else []
    if not values or values != sorted(values):
        found.append(f"clicking 'words' did not sort the table: {values}")
    return found


def main(argv):
    if len(argv) != 2:
        raise SystemExit(__doc__)
    found = problems(argv[1])
    for p in found:
        print(f"browser_check: {p}", file=sys.stderr)
    print(f"browser_check: {argv[1]}: {'FAILED' if found else 'ok'}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
