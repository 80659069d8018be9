"""Shared fixtures: the copydesk binary, the repository root, the dev-set texts (read in place
from ../shared at test time, never copied)."""

import glob
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
def dev_files():
    dev = os.environ.get("COPYDESK_DEV_SET", os.path.join(ROOT, "..", "shared", "eval", "dev"))
    files = sorted(glob.glob(os.path.join(dev, "**", "*.jsonl"), recursive=True))
    assert files, f"no dev-set JSON Lines under {dev}"
    return files
