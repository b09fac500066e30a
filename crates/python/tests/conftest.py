"""Shared fixtures: a private NOC_HOME for the whole run, the official
data (NOC_TEST_DATA, as for the Rust tests: missing data fails under CI,
skips otherwise) and the `noc` binary to compare with (NOC_BIN, else the
repository's target/debug or target/release build)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI is set, so this fails instead of skipping)")
    pytest.skip(what)


@pytest.fixture(autouse=True, scope="session")
def noc_home(tmp_path_factory):
    """Every test loads into an empty store and a cache of its own."""
    home = tmp_path_factory.mktemp("noc_home")
    saved = {k: os.environ.get(k) for k in ("NOC_HOME", "NOC_DATA_DIR", "NOC_STORE")}
    os.environ["NOC_HOME"] = str(home)
    os.environ.pop("NOC_DATA_DIR", None)
    os.environ.pop("NOC_STORE", None)
    yield home
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def test_data() -> Path:
    value = os.environ.get("NOC_TEST_DATA")
    if not value or not (Path(value) / "noc2021").is_dir():
        _missing("NOC_TEST_DATA does not name the shared data folder")
    return Path(value)


@pytest.fixture(scope="session")
def noc2021(test_data) -> Path:
    return test_data / "noc2021"


@pytest.fixture(scope="session")
def dev_titles(test_data) -> list:
    import csv

    with open(test_data / "labelled" / "dev.csv", newline="", encoding="utf-8") as f:
        return [row["title"] for row in csv.DictReader(f)]


@pytest.fixture(scope="session")
def noc_bin() -> Path:
    given = os.environ.get("NOC_BIN")
    if given:
        return Path(given)
    for profile in ("debug", "release"):
        path = REPO / "target" / profile / "noc"
        if path.is_file():
            return path
    _missing("no noc binary: build it with `cargo build` or set NOC_BIN")


class Cli:
    """Runs the `noc` binary with the test's environment."""

    def __init__(self, binary: Path):
        self.binary = binary

    def run(self, *args, input=None, ok=(0,)):
        p = subprocess.run(
            [str(self.binary), *map(str, args)],
            input=input,
            capture_output=True,
            text=True,
            env=os.environ.copy(),
        )
        assert p.returncode in ok, f"noc {args}: exit {p.returncode}\n{p.stderr}"
        return p

    def json_lines(self, *args, input=None, ok=(0, 1)):
        out = self.run(*args, input=input, ok=ok).stdout
        return [json.loads(line) for line in out.splitlines()]

    def warnings(self, *args) -> list:
        """The warnings of a command, without the `noc: warning: ` prefix."""
        p = self.run(*args, ok=(0, 1, 2))
        prefix = "noc: warning: "
        return [l[len(prefix):] for l in p.stderr.splitlines() if l.startswith(prefix)]

    def error(self, *args) -> str:
        """The message of a failing command, without the `noc: ` prefix."""
        p = self.run(*args, ok=(1, 2))
        lines = [
            l
            for l in p.stderr.splitlines()
            if l.startswith("noc: ") and not l.startswith("noc: warning: ")
        ]
        assert lines, p.stderr
        return lines[0][len("noc: "):]


@pytest.fixture(scope="session")
def cli(noc_bin) -> Cli:
    return Cli(noc_bin)
