#!/usr/bin/env bash
# contrib CI: the HTML report in headless Chromium and the Spark job on a local two-worker cluster.
#
# Run from the repository root: `bash contrib/ci.sh`. Installs what it needs itself: Debian's
# chromium and a Java 17 runtime (apt, as root) when missing, and pyspark, pyarrow and pytest
# (contrib/requirements.txt) into a virtualenv kept at $COPYDESK_SPARK_VENV, reused when its
# requirements are unchanged. Reads the dev-set texts from ../shared/eval/dev in place, or, with no
# dev set beside the repository, a corpus built from its own tests/fixtures/report/stories.
set -euo pipefail

if [[ ! -f Cargo.toml || ! -d contrib ]]; then
  echo "contrib/ci.sh: run me from the repository root" >&2
  exit 2
fi
ROOT=$PWD
VENV=${COPYDESK_SPARK_VENV:-/tmp/copydesk-spark-venv}
step() { printf '\n== contrib: %s\n' "$*"; }

APT_UPDATED=
apt_install() {
  if [[ -z $APT_UPDATED ]]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

step "system packages: chromium, Java 17"
command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
chromium --version
java -version 2>&1 | head -1

step "Python packages into $VENV"
if ! cmp -s contrib/requirements.txt "$VENV/copydesk-requirements.txt"; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r contrib/requirements.txt
  cp contrib/requirements.txt "$VENV/copydesk-requirements.txt"
fi

step "build the copydesk binary (debug)"
cargo build --bin copydesk

step "pytest contrib/tests (browser, Spark)"
COPYDESK_BIN=$ROOT/target/debug/copydesk PYTHONDONTWRITEBYTECODE=1 PYSPARK_PYTHON=$VENV/bin/python \
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider contrib/tests
