"""The Python package against the `noc` CLI: same data, same cache, same
results and the same error messages."""

import csv
import json
import os
import subprocess
import sys
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import noc

EXTRA_TITLES = [
    "Sr. Youth Worker (PT) - Toronto",
    "intervenante en toxicomanie",
    "社区工作者",
    "comunity servise worker",
    "",
    "zzzz qqqq",
    "RN",
]


# -- the embedded default ----------------------------------------------


def test_embedded_default_when_nothing_is_installed():
    m = noc.Matcher()
    assert m.version == 2011
    assert m.source.startswith("embedded default (")
    best = m.match("Sr. Youth Worker (PT) - Toronto")[0]
    assert best["code"] == "4212"
    assert best["confidence"] == "high"
    assert best["matched_title"] == "youth worker"
    social = m.match("social worker")[0]
    assert social["code"] == "4152" and social["in_data"] is False


def test_load_and_show_match_the_cli(cli):
    c = noc.load()
    assert c.version == 2011 and c.path is None
    assert "4212" in c and "9999" not in c and len(c) == len(c.codes())
    assert c.codes(level="unit") == ["4212"]
    shown = json.loads(cli.run("show", "4212", "--json").stdout)
    assert c.show("4212") == shown


def test_unknown_code_is_not_found_with_the_cli_message(cli):
    c = noc.load()
    with pytest.raises(noc.NotFound) as e:
        c.show("9999")
    assert str(e.value) == cli.error("show", "9999")
    assert isinstance(e.value, noc.NocError)


def test_explain_gives_the_evidence():
    m = noc.Matcher()
    plain = m.match("youth worker")
    explained = m.match("youth worker", explain=True)
    assert "explanation" not in plain[0]
    assert explained[0]["explanation"]
    for a, b in zip(plain, explained):
        b = dict(b)
        del b["explanation"]
        assert a == b


# -- arguments and errors ----------------------------------------------


def test_bad_arguments_are_value_errors():
    m = noc.Matcher()
    with pytest.raises(ValueError, match="top must be at least 1"):
        m.match("cook", top=0)
    with pytest.raises(ValueError, match="min_score must be between 0 and 1"):
        m.match("cook", min_score=2)
    with pytest.raises(ValueError, match="lang must be"):
        m.match("cook", lang="de")
    with pytest.raises(ValueError, match="version must be 2011, 2016 or 2021"):
        noc.load(version=2020)
    with pytest.raises(ValueError, match="level must be"):
        noc.load().codes(level="team")


def test_bad_rows_are_a_warning_and_get_no_candidates():
    # As `noc match --input` reports its bad rows and codes the rest.
    m = noc.Matcher()
    with pytest.warns(noc.NocWarning) as warned:
        got = m.match_many(["youth worker", "", "social worker", "\x00"])
    assert [bool(g) for g in got] == [True, False, True, False]
    assert [str(w.message) for w in warned] == [
        "2 bad rows of 4, left without candidates: titles[1]: empty "
        "title; titles[3]: no letter or digit to match"
    ]
    with pytest.warns(noc.NocWarning, match=r"^1 bad row of 1, .*: title: empty title$"):
        assert m.match("  ") == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert m.match_many(["youth worker", "RN"])[0]
        # With duties, a title may be left out.
        m.match_many([""], duties=["Assess client needs"])


def test_titles_that_are_not_strings_are_type_errors():
    m = noc.Matcher()
    with pytest.raises(TypeError, match=r"^title must be a string \(a job title\), not NoneType$"):
        m.match(None)
    with pytest.raises(TypeError, match=r"^title must be a string"):
        m.match_result(None)
    with pytest.raises(TypeError, match=r"^titles\[1\] must be a string .*not int$"):
        m.match_many(["cook", 3])
    with pytest.raises(TypeError, match="not one string"):
        m.match_many("cook")


def test_version_not_installed_has_the_cli_message(cli):
    with pytest.raises(noc.NocError) as e:
        noc.load(version=2016)
    assert str(e.value) == cli.error("show", "4212", "--version", "2016")
    with pytest.raises(noc.NocError) as e:
        noc.Matcher(version=2021)
    assert str(e.value) == cli.error("match", "cook", "--version", "2021")


def test_missing_data_folder_names_the_argument(tmp_path, cli):
    missing = tmp_path / "nope"
    with pytest.raises(noc.NocError) as e:
        noc.load(data=missing)
    assert str(e.value) == (
        f"loading NOC data from {missing}: no such file or folder (from data=)"
    )
    assert str(e.value).replace("data=", "--data") == cli.error(
        "show", "4212", "--data", missing
    )


def test_bad_data_folder_has_the_cli_message(tmp_path, cli):
    (tmp_path / "junk.txt").write_text("not a profile\n")
    with pytest.warns(noc.NocWarning) as warned:
        with pytest.raises(noc.NocError) as e:
            noc.load(data=tmp_path)
    assert str(e.value) == cli.error("show", "4212", "--data", tmp_path)
    args = ("show", "4212", "--data", tmp_path)
    assert [str(w.message) for w in warned] == cli.warnings(*args)
    assert "junk.txt: line 1: expected" in str(warned[0].message)


def test_noc_data_dir_is_read_like_the_cli(monkeypatch, tmp_path):
    missing = tmp_path / "nope"
    monkeypatch.setenv("NOC_DATA_DIR", str(missing))
    with pytest.raises(noc.NocError, match=r"\(from NOC_DATA_DIR\)$"):
        noc.Matcher()


def test_importing_noc_needs_no_dataframe_library():
    code = (
        "import sys, noc; "
        "assert 'pandas' not in sys.modules and 'polars' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the official data: results identical to `noc match --json` ------


@pytest.fixture(scope="module")
def matcher2021(noc2021):
    return noc.Matcher(noc2021)


def _cli_matches(cli, noc2021, titles, *flags):
    """`noc match --json` on `titles`, each row without its line number."""
    with_path = cli.json_lines(
        "match", "--data", noc2021, "--json", *flags, input="".join(
            t + "\n" for t in titles
        )
    )
    return [{k: v for k, v in row.items() if k != "line"} for row in with_path]


def _dicts(many):
    return [[c.to_dict() for c in cands] for cands in many]


def test_match_many_is_identical_to_the_cli(cli, noc2021, matcher2021, dev_titles):
    # Stdin has one title per line: blank titles are skipped there.
    titles = [t for t in dev_titles[:400] + EXTRA_TITLES if t.strip()]
    expected = _cli_matches(cli, noc2021, titles)
    assert len(expected) == len(titles)
    many = matcher2021.match_many(titles)
    assert _dicts(many) == [e["candidates"] for e in expected]
    assert many == [e["candidates"] for e in expected]
    for title, e in zip(titles, expected):
        assert matcher2021.match_result(title) == e
    for title, e in list(zip(titles, expected))[::40]:
        assert matcher2021.match(title) == e["candidates"]


def test_settings_are_those_of_the_cli(cli, noc2021, matcher2021, dev_titles):
    titles = [t for t in dev_titles[1000:1100] + EXTRA_TITLES if t.strip()]
    flags = ("--top", "12", "--min-score", "0.5", "--lang", "fr")
    expected = _cli_matches(cli, noc2021, titles, *flags)
    got = matcher2021.match_many(titles, top=12, lang="fr", min_score=0.5)
    assert _dicts(got) == [e["candidates"] for e in expected]
    for title, e in zip(titles[:20], expected):
        got = matcher2021.match_result(title, 12, "fr", min_score=0.5)
        assert got == e
    explained = _cli_matches(cli, noc2021, titles[:20], "--explain")
    got = matcher2021.match_many(titles[:20], explain=True)
    assert _dicts(got) == [e["candidates"] for e in explained]


def test_candidate_reads_like_the_json_object(matcher2021):
    c = matcher2021.match("cook")[0]
    d = c.to_dict()
    assert c.code == c["code"] == d["code"] == "63200"
    assert c.score == d["score"] and isinstance(c.score, float)
    assert c.title == c["title"] == d["title"] == "Cooks"
    assert c.teer == 3 and c.get("excluded_from") is None
    assert c.get("excluded_from", "none") == "none"
    assert c.keys() == list(d) and "teer" in c and "explanation" not in c
    assert c == d and c == matcher2021.match("cook")[0]
    assert repr(c).startswith("Candidate({'code': '63200'")
    with pytest.raises(AttributeError, match='no field "nope"'):
        c.nope
    with pytest.raises(KeyError):
        c["nope"]


def test_defaults_set_on_the_matcher(noc2021, matcher2021):
    m = noc.Matcher(noc2021, top=2, min_score=0.0)
    assert len(m.match("cook")) == 2
    assert m.match("cook") == matcher2021.match("cook", top=2)
    assert len(m.match("cook", top=4)) == 4


def test_show_and_codes_on_the_official_data(cli, noc2021):
    c = noc.load(noc2021)
    assert c.version == 2021 and c.path == str(noc2021)
    assert c.source == f"{noc2021} (data=)"
    assert len(c.codes("unit")) == 516
    shown = json.loads(cli.run("show", "42201", "--json", "--data", noc2021).stdout)
    assert c.show("42201") == shown
    m = c.matcher()
    assert m.match("intervenante en toxicomanie")[0]["code"] == "42201"


def test_python_and_cli_share_one_cache(cli, noc2021, noc_home):
    noc.load(noc2021)
    files = list((noc_home / "cache").glob("*.bin"))
    assert len(files) == 1, files
    before = files[0].stat().st_mtime_ns
    cli.run("match", "cook", "--data", noc2021)
    assert files[0].stat().st_mtime_ns == before, "the CLI rebuilt the cache"


def test_damaged_cache_is_a_warning_and_rebuilt(noc2021, noc_home):
    noc.Matcher(noc2021)
    (cache,) = (noc_home / "cache").glob("*.bin")
    data = bytearray(cache.read_bytes())
    data[200] ^= 0xFF  # inside the index, the first section
    cache.write_bytes(bytes(data))
    with pytest.warns(noc.NocWarning, match=r"the cache is corrupt .*; rebuilding it"):
        m = noc.Matcher(noc2021)
    assert m.match("cook")[0]["code"] == "63200"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        noc.Matcher(noc2021)


def test_installed_data_is_used_like_the_cli(cli, noc2021, tmp_path, monkeypatch):
    monkeypatch.setenv("NOC_HOME", str(tmp_path))
    cli.run("data", "import", noc2021)
    m = noc.Matcher()
    assert m.version == 2021
    assert m.source.startswith(f"installed NOC 2021 ({tmp_path / 'data'}")
    status = json.loads(cli.run("data", "status", "--json").stdout)
    assert status["uses"] == m.source == noc.load().source
    assert m.match("cook")[0]["code"] == "63200"


# -- threads -------------------------------------------------------------


def test_match_many_from_several_threads(matcher2021, dev_titles):
    titles = dev_titles[:1200]
    expected = matcher2021.match_many(titles, threads=1)
    chunks = [titles[i::4] for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        many = list(pool.map(matcher2021.match_many, chunks))
        single = list(pool.map(matcher2021.match, titles[:200]))
    for i, got in enumerate(many):
        assert got == expected[i::4]
    assert single == expected[:200]


def test_match_many_releases_the_gil(matcher2021, dev_titles):
    titles = dev_titles * 2
    count = [0]
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            count[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    try:
        before = count[0]
        matcher2021._inner.match_many(titles, 5, 0.2, None, False, 1)
        during = count[0] - before
    finally:
        stop.set()
        t.join()
    # Holding the GIL would leave the spinning thread at most one switch
    # interval (5 ms) of a call that takes far longer.
    assert during > 10_000, during


# -- data frames -----------------------------------------------------------


def _frame_checks(frame, values, matcher):
    titles = ["" if v is None or v != v else v for v in values]
    expected = matcher.match_many(titles)
    codes = [c[0]["code"] if c else None for c in expected]
    scores = [c[0]["score"] if c else None for c in expected]
    return codes, scores


def test_match_series_pandas(matcher2021):
    pd = pytest.importorskip("pandas")
    values = ["cook", None, "", float("nan"), "infirmière", "cook", "zzzz qqqq"]
    s = pd.Series(values, index=[10, 11, 12, 13, 14, 15, 16], name="job")
    frame = noc.match_series(s, matcher2021)
    assert list(frame.columns) == list(noc.SERIES_COLUMNS)
    assert list(frame.index) == list(s.index)
    codes, scores = _frame_checks(frame, values, matcher2021)
    got = [None if pd.isna(c) else c for c in frame["code"]]
    assert got == codes
    assert codes[0] == "63200" and codes[1] is None and codes[6] is None
    assert frame["score"].dtype == "float64"
    assert frame["score"].iloc[0] == scores[0]
    assert pd.isna(frame["query"].iloc[1]) and frame["query"].iloc[0] == "cook"
    others = matcher2021.match("cook")[1:]
    assert frame["others"].iloc[0] == ";".join(
        f"{c['code']}:{c['score']:.3f}" for c in others
    )


def test_match_series_polars(matcher2021):
    pl = pytest.importorskip("polars")
    values = ["cook", None, "infirmière", "zzzz qqqq"]
    frame = noc.match_series(pl.Series("job", values), matcher2021, top=3)
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == list(noc.SERIES_COLUMNS)
    assert frame.height == 4
    codes, _ = _frame_checks(frame, values, matcher2021)
    assert frame["code"].to_list() == codes
    assert frame["others"][0].count(";") == 1


def test_match_series_rejects_other_types():
    with pytest.raises(TypeError, match="pandas or polars Series"):
        noc.match_series(["cook"])


# -- converting codes --------------------------------------------------------


def test_convert_is_the_cli_conversion(cli, noc2021):
    row = cli.json_lines("convert", "4212", "--json", "--data", noc2021)[0]
    assert noc.convert("4212", data=noc2021) == row["conversion"]
    assert noc.load(noc2021).convert("4212") == row["conversion"]
    split = noc.convert("0112", data=noc2021)
    assert split["from"] == "0112" and len(split["targets"]) > 1
    assert noc.convert("1432", from_=2011, data=noc2021)["from"] == "1432"


def test_convert_errors(cli, noc2021, test_data):
    with pytest.raises(noc.NotFound) as e:
        noc.convert("9999", data=noc2021)
    assert str(e.value) == cli.error("convert", "9999", "--data", noc2021)
    with pytest.raises(ValueError, match="only from_=2016 or 2011"):
        noc.convert("4212", from_=2021, data=noc2021)
    with pytest.raises(noc.NocError) as e:
        noc.convert("4212")
    assert str(e.value) == cli.error("convert", "4212")
    bad = test_data / "noc2021" / "noc_2021_version_1.0_-_elements.csv"
    with pytest.raises(noc.NocError) as e:
        noc.convert("4212", concordance=bad)
    assert str(e.value) == cli.error("convert", "4212", "--concordance", bad)


def test_shared_matcher_is_loaded_once_per_process(noc2021):
    a = noc.shared_matcher(noc2021)
    assert noc.shared_matcher(str(noc2021)) is a
    assert noc.shared_matcher() is not a
    assert a.version == 2021 and noc.shared_matcher().version == 2011


# -- duties and reference letters (`noc match --duties`, `noc check`) ----

YOUTH_DUTIES = [
    "Met with clients to assess their needs and strengths",
    "Referred clients to community resources such as housing and legal aid",
    "Ran life skills workshops for youth",
    "Provided crisis intervention",
]


def _duties_file(tmp_path, duties, name="duties.txt"):
    path = tmp_path / name
    path.write_text("".join(f"- {d}\n" for d in duties), encoding="utf-8")
    return path


def _cli_described(cli, title, path, *flags):
    rows = cli.json_lines("match", title, "--duties", path, "--json", *flags)
    assert len(rows) == 1
    return {k: v for k, v in rows[0].items() if k != "line"}


def _cli_check(cli, code, path, *flags):
    p = cli.run("check", code, "--duties", path, "--json", *flags, ok=(0, 1))
    return json.loads(p.stdout)


def test_match_with_duties_is_the_cli_description_match(cli, tmp_path):
    m = noc.Matcher()
    path = _duties_file(tmp_path, YOUTH_DUTIES)
    expected = _cli_described(cli, "youth worker", path)
    assert expected["candidates"] and "duties" in expected["candidates"][0]
    text = path.read_text(encoding="utf-8")
    assert m.match_result("youth worker", duties=text) == expected
    assert m.match_result("youth worker", duties=YOUTH_DUTIES) == expected
    assert m.match("youth worker", duties=YOUTH_DUTIES) == expected["candidates"]
    best = m.match("youth worker", duties=text)[0]
    assert best.code == "4212" and best.duties == expected["candidates"][0]["duties"]
    # The title alone is not the description.
    assert m.match_result("youth worker") != expected
    flagged = _cli_described(cli, "youth worker", path, "--top", "2", "--lang", "en")
    assert m.match_result("youth worker", 2, "en", duties=text) == flagged


def test_match_many_with_duties_is_parallel_to_the_titles(cli, tmp_path):
    m = noc.Matcher()
    titles = ["youth worker", "community worker", "cook", "youth worker"]
    duties = [YOUTH_DUTIES, "\n".join(YOUTH_DUTIES[:2]), None, ""]
    got = m.match_many(titles, duties=duties, threads=2)
    assert got[0] == m.match("youth worker", duties=YOUTH_DUTIES)
    path = _duties_file(tmp_path, YOUTH_DUTIES[:2])
    assert got[1] == _cli_described(cli, "community worker", path)["candidates"]
    # None or blank duties: the title alone, as a title match.
    assert got[2] == m.match("cook") and got[3] == m.match("youth worker")
    with pytest.raises(ValueError, match="one entry per title"):
        m.match_many(titles, duties=duties[:2])


def test_match_with_unreadable_duties_has_the_cli_message(cli, tmp_path):
    m = noc.Matcher()
    path = tmp_path / "empty.txt"
    path.write_text("\n", encoding="utf-8")
    expected = cli.error("match", "youth worker", "--duties", path)
    for call in (m.match, m.match_result):
        with pytest.raises(noc.NocError) as e:
            call("youth worker", duties="\n")
        assert str(e.value) == expected.replace(str(path), "duties=")
    with pytest.raises(noc.NocError, match=r"^duties\[1\]: reading the duties"):
        m.match_many(["a", "b"], duties=[None, "\x00\x01"])


def test_check_is_the_cli_check(cli, tmp_path):
    path = _duties_file(tmp_path, YOUTH_DUTIES + ["Washed the van"])
    text = path.read_text(encoding="utf-8")
    c = noc.load()
    expected = _cli_check(cli, "4212", path)
    assert expected["code"] == "4212" and expected["main_duties"]
    assert c.check("4212", text) == expected
    assert c.check("4212", YOUTH_DUTIES + ["Washed the van"]) == expected
    assert noc.check("4212", text) == expected
    titled = _cli_check(cli, "4212", path, "--title", "Youth worker", "--lang", "en")
    assert titled["client_title"] == "Youth worker"
    assert c.check("4212", text, title="Youth worker", lang="en") == titled


def test_check_reads_chinese_duties(cli, tmp_path):
    # The seed profile's own Chinese, copied, and a line of the client's.
    lines = ["评估客户的相关技能的长处和需求", "每天接听电话"]
    path = _duties_file(tmp_path, lines)
    c = noc.load()
    r = c.check("4212", lines)
    assert r == _cli_check(cli, "4212", path)
    first = r["client_duties"][0]
    assert first["reading"]["english"].startswith("assess client")
    assert "unofficial" in first["reading"]["source"]
    assert [(w["client_duty"], w.get("translated", False)) for w in r["copied"]] == [
        (0, False)
    ]


def test_check_sets_a_pasted_letters_furniture_aside(cli, tmp_path):
    letter = (
        ["Hope Community Services", "To whom it may concern:"]
        + YOUTH_DUTIES
        + ["She works 37.5 hours per week.", "Sincerely,", "John Smith"]
    )
    path = tmp_path / "letter.txt"
    path.write_text("\n".join(letter), encoding="utf-8")
    r = noc.load().check("4212", letter)
    assert r == _cli_check(cli, "4212", path)
    assert [d["text"] for d in r["client_duties"]] == YOUTH_DUTIES
    assert [a["part"] for a in r["set_aside"]] == [
        "letterhead",
        "formula",
        "terms",
        "formula",
        "signature",
    ]


def test_check_errors_have_the_cli_messages(cli, tmp_path):
    c = noc.load()
    path = _duties_file(tmp_path, YOUTH_DUTIES)
    text = path.read_text(encoding="utf-8")
    with pytest.raises(noc.NotFound) as e:
        c.check("9999", text)
    assert str(e.value) == cli.error("check", "9999", "--duties", path)
    assert "not a unit group" in str(e.value)
    # Known only as a "classified elsewhere" target.
    with pytest.raises(noc.NotFound) as e:
        c.check("4152", text)
    assert str(e.value) == cli.error("check", "4152", "--duties", path)
    with pytest.raises(noc.NocError) as e:
        c.check("42x12", text)
    assert str(e.value) == cli.error("check", "42x12", "--duties", path)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(noc.NocError) as e:
        c.check("4212", "  \n")
    expected = cli.error("check", "4212", "--duties", empty)
    assert str(e.value) == expected.replace(str(empty), "duties=")
    with pytest.raises(ValueError, match="lang must be"):
        c.check("4212", text, lang="de")


def test_match_with_duties_on_the_official_data(cli, noc2021, matcher2021, tmp_path):
    c = noc.load(noc2021)
    sections = c.show("42201")["main_duties"]
    items = [t.get("en") for s in sections for t in s["items"]]
    duties = [t for t in items if t][:4]
    assert len(duties) == 4
    path = _duties_file(tmp_path, duties)
    expected = cli.json_lines(
        "match", "social worker", "--duties", path, "--data", noc2021, "--json"
    )[0]
    expected.pop("line", None)
    assert matcher2021.match_result("social worker", duties=duties) == expected
    assert matcher2021.match_many(
        ["social worker", "cook"], duties=[duties, None]
    ) == [expected["candidates"], matcher2021.match("cook")]
    report = json.loads(
        cli.run(
            "check", "42201", "--duties", path, "--data", noc2021, "--json",
            ok=(0, 1),
        ).stdout
    )
    assert c.check("42201", duties) == report
    # In the data, but not a unit group.
    minor = c.codes(level="minor")[0]
    with pytest.raises(noc.NocError) as e:
        c.check(minor, duties)
    assert not isinstance(e.value, noc.NotFound)
    assert "not a unit group" in str(e.value)
    assert str(e.value) == cli.error(
        "check", minor, "--duties", path, "--data", noc2021
    )


def test_check_of_a_group_without_duties(cli, test_data, tmp_path):
    noc2016 = test_data / "noc2016"
    path = _duties_file(tmp_path, YOUTH_DUTIES)
    c = noc.load(noc2016)
    with pytest.raises(noc.NocError) as e:
        c.check("4212", YOUTH_DUTIES)
    assert str(e.value) == cli.error(
        "check", "4212", "--duties", path, "--data", noc2016
    )
    assert "has no main duties" in str(e.value)
