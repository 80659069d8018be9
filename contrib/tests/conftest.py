"""Shared fixtures: the copydesk binary, the repository root, and the stories the distributed
job runs on: the dev-set texts, read in place from ../shared at test time and never copied, or,
when no dev set sits beside the repository (a clone in a temporary directory), a corpus built
from the repository's own invented report stories (tests/fixtures/report/stories)."""

import glob
import json
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "contrib"))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def binary():
    path = os.environ.get("COPYDESK_BIN", os.path.join(ROOT, "target", "debug", "copydesk"))
    assert os.access(path, os.X_OK), f"no copydesk binary at {path}: run cargo build first"
    return path


@pytest.fixture(scope="session")
def dev_files(tmp_path_factory):
    dev = os.environ.get("COPYDESK_DEV_SET", os.path.join(ROOT, "..", "shared", "eval", "dev"))
    files = sorted(glob.glob(os.path.join(dev, "**", "*.jsonl"), recursive=True))
    if files:
        return files
    print(f"no dev set under {dev}: using the repository's own report stories", file=sys.stderr)
    return [own_corpus(tmp_path_factory.mktemp("corpus") / "stories.jsonl")]


# Names substituted into the repository's stories so each copy is a different story.
FIRST = ["Mara", "Jonah", "Ines", "Tobias", "Keiko", "Rafael", "Odile", "Samir", "Greta", "Emeka"]
LAST = ["Calloway", "Brennan", "Sato", "Okonkwo", "Lindqvist", "Marchetti", "Duarte", "Haddad"]


def own_corpus(path, copies=220):
    """JSON Lines of `copies` variants of each story in tests/fixtures/report/stories, each with
    a different invented name added as its closing line; Markdown stories keep their format."""
    stories = sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "report", "stories", "*")))
    assert stories, "no stories under tests/fixtures/report/stories"
    with open(path, "w", encoding="utf-8") as out:
        for n in range(copies):
            for story in stories:
                text = open(story, encoding="utf-8").read()
                name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"
                line = {"id": f"{os.path.basename(story)}#{n}", "text": f"{text}\n\n{name}, 4{n % 10}, said she was not surprised.\n"}
                if story.endswith(".md"):
                    line["format"] = "markdown"
                out.write(json.dumps(line) + "\n")
    return str(path)
