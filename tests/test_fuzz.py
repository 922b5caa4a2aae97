"""Fuzzing every parser and every command (issue 10, acceptance): random bytes, random TOML and
random CSV rows into each of the user's files, random arguments into each CLI sub-command.

Whatever comes in, the answer is a bilingual :class:`~model.errors.InputError` (or success),
never a traceback or another exception, and nothing outside the example's own temporary folder
changes (the repository's data, scenarios and code are fingerprinted before and after).
Bounded: a few dozen examples per target, the whole file well under a minute on two workers.
"""
from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import files
from model.baseline.region import FIGURE_COLUMNS, FUNDS, KEYS, read_region
from model.cli import COMMANDS, main
from model.engine import validate_region
from model.errors import InputError, ProblemList
from model.paths import REPO_ROOT
from model.scenarios.levers import catalogue
from model.scenarios.library import load_scenario
from model.units import UNITS

SYNTHETIC = Path(__file__).parent / "fixtures" / "regions" / "synthetic-2022"
REGION_FILES = ("region.toml", "figures.csv", "adoption.toml", "age_profiles.csv", "assumptions.toml")
WATCHED = ("data", "scenarios", "model", "ui", "tests/fixtures")
FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def fingerprint() -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file the project ships: none may change under fuzzing."""
    out = {}
    for top in WATCHED:
        for dirpath, dirnames, filenames in os.walk(REPO_ROOT / top):
            # the planner's own saved scenarios (scenarios/user) belong to the app's tests
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not (top == "scenarios" and d == "user")]
            for name in filenames:
                path = Path(dirpath) / name
                info = path.lstat()
                out[str(path)] = (info.st_size, info.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def shipped():
    before = fingerprint()
    yield
    assert fingerprint() == before, "fuzzing changed a file outside its temporary folder"


# ------------------------------------------------------------------ strategies

toml_scalars = st.one_of(
    st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.text(max_size=30), st.sampled_from([2021, 2030, 2100, 1900, 0, -1, 0.14, 14, 1e308]))
toml_keys = st.one_of(st.text(min_size=1, max_size=20), st.sampled_from(
    ["scenario", "levers", "region", "source", "choice", "residual", "id", "name_zh", "name_en", "base_year",
     "inherits", "value", "fund", "period", "key", "economy", "enterprise_pension", "2022", "title_zh"]))
toml_values = st.recursive(toml_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(toml_keys, children, max_size=4)), max_leaves=20)
toml_docs = st.dictionaries(toml_keys, toml_values, max_size=6)

lever_names = st.sampled_from(sorted(catalogue()))
lever_values = st.one_of(toml_scalars, st.dictionaries(
    st.one_of(st.integers(1990, 2120).map(str), st.text(max_size=5)), toml_scalars, min_size=0, max_size=3))
scenario_docs = st.fixed_dictionaries({
    "scenario": st.fixed_dictionaries({
        "id": st.one_of(st.just("fuzz"), st.text(max_size=10)),
        "name_zh": st.text(max_size=20), "name_en": st.text(max_size=20),
        "description": st.text(max_size=20), "rationale": st.text(max_size=5)},
        optional={"inherits": st.sampled_from(["baseline", "fuzz", "nope", "../x.toml", "/dev/zero"])}),
    "levers": st.dictionaries(st.one_of(lever_names, st.text(max_size=15)), lever_values, max_size=5)})

cells = st.one_of(st.text(max_size=12), st.sampled_from(
    ["1", "0", "-5", "3521", "0.37", "211801,5", "2,118,015", "1e5", "nan", "", "yes", '"', "\u2028", "\r"]))
figure_rows = st.lists(st.fixed_dictionaries({
    "fund": st.one_of(st.sampled_from(FUNDS + ("total",)), st.text(max_size=5)),
    "period": st.sampled_from(["2022", "2021", "budget", "base", "prior", "1999", "x"]),
    "key": st.one_of(st.sampled_from(sorted(KEYS)), st.text(max_size=5)),
    "value": cells, "unit": st.one_of(st.sampled_from(sorted(UNITS)), st.text(max_size=3)),
    "section": cells, "quote": cells, "as_stated": st.sampled_from(["", "yes", "no"]), "note": cells}),
    max_size=12)


def _csv(rows: list[dict], header: tuple[str, ...]) -> bytes:
    import csv
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _expect_clean(call) -> None:
    """``call()`` may succeed or raise InputError; nothing else."""
    try:
        call()
    except InputError as err:
        assert err.problems and str(err)  # bilingual text renders


# ------------------------------------------------------------------ parsers

@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_in_any_file(shipped, data):
    problems = ProblemList()
    text = files.decode_text(data, "x", problems)
    if text is not None:
        files.parse_toml(text, "x", problems)
    assert all(p.bilingual() for p in problems.items)


@FUZZ
@given(which=st.sampled_from(REGION_FILES), data=st.binary(max_size=300))
def test_random_bytes_as_each_region_file(shipped, which, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "region"
        shutil.copytree(SYNTHETIC, folder)
        (folder / which).write_bytes(data)
        problems = validate_region(folder)
        assert all(p.bilingual() for p in problems)


@FUZZ
@given(which=st.sampled_from(("region.toml", "adoption.toml", "assumptions.toml")), doc=toml_docs)
def test_random_toml_as_each_region_file(shipped, which, doc):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "region"
        shutil.copytree(SYNTHETIC, folder)
        (folder / which).write_text(tomli_w.dumps(doc), encoding="utf-8")
        assert all(p.bilingual() for p in validate_region(folder))


@FUZZ
@given(rows=figure_rows, keep=st.integers(0, 50))
def test_random_csv_rows_in_figures(shipped, rows, keep):
    """Random rows after some of the synthetic region's own (so the checks behind the format run)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "region"
        shutil.copytree(SYNTHETIC, folder)
        own = (SYNTHETIC / "figures.csv").read_bytes().splitlines(keepends=True)
        (folder / "figures.csv").write_bytes(b"".join(own[:keep + 1]) + _csv(rows, FIGURE_COLUMNS + ("as_stated", "note"))
                                             .split(b"\n", 1)[1])
        region, problems = read_region(folder)
        assert all(p.bilingual() for p in problems.items)
        assert all(p.bilingual() for p in validate_region(folder))


@FUZZ
@given(rows=st.lists(st.fixed_dictionaries({
    "fund": st.sampled_from(FUNDS + ("x",)), "group": st.sampled_from(["contributors", "beneficiaries", "x"]),
    "sex": st.sampled_from(["male", "female", ""]), "age": cells, "count": cells}), max_size=10))
def test_random_age_profile_rows(shipped, rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "region"
        shutil.copytree(SYNTHETIC, folder)
        (folder / "age_profiles.csv").write_bytes(_csv(rows, ("fund", "group", "sex", "age", "count")))
        assert all(p.bilingual() for p in validate_region(folder))


@FUZZ
@given(doc=st.one_of(scenario_docs, toml_docs), raw=st.binary(max_size=200), as_bytes=st.booleans())
def test_random_scenario_files(shipped, doc, raw, as_bytes):
    from ui import scenario_store

    content = raw if as_bytes else tomli_w.dumps(doc).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.toml"
        path.write_bytes(content)
        shutil.copyfile(REPO_ROOT / "scenarios" / "baseline.toml", Path(tmp) / "baseline.toml")
        _expect_clean(lambda: load_scenario(path))
        _expect_clean(lambda: scenario_store.parse_upload("fuzz.toml", content))


@FUZZ
@given(members=st.lists(st.tuples(st.sampled_from(REGION_FILES + ("../x.csv", "a/figures.csv", "README")),
                                   st.binary(max_size=200)), max_size=4),
       corrupt=st.integers(0, 400), encrypted=st.booleans())
def test_random_zip_uploads(shipped, members, corrupt, encrypted):
    from ui import region_upload

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    blob = bytearray(buf.getvalue())
    if blob and corrupt < len(blob):
        blob[corrupt] ^= 0xFF
    if encrypted and len(blob) > 8:
        blob[6] |= 0x01  # the "encrypted" flag of the first local header
    _expect_clean(lambda: region_upload.collect([("region.zip", bytes(blob))]))


# ------------------------------------------------------------------ every CLI sub-command

OPTIONS = {
    "reconcile": ["--region", "--lang", "--format", "--all", "--average-base-py", "--pension-employer-rate",
                  "--pension-employee-rate", "--collection-rate"],
    "validate-region": ["--lang"],
    "calibration": ["--region", "--lang", "--format"],
    "backtest": ["--region", "--format"],
    "project": ["--scenario", "--start", "--end", "--region", "--out", "--force"],
    "compare": ["--end", "--fund", "--summary-out", "--out", "--lang", "--no-baseline", "--force", "--paths", "--seed"],
    "solve": ["--fund", "--through", "--min-months", "--start", "--base", "--lang"],
    "sensitivity": ["--fund", "--end", "--base", "--out", "--lang", "--force"],
    "budget": ["--year", "--scenario", "--region", "--out", "--lang", "--force"],
    "execution": ["--year", "--region", "--out", "--lang", "--force"],
    "report": ["--scenario", "--format", "--out", "--lang", "--end", "--region", "--paths", "--seed", "--force"],
    "montecarlo": ["--paths", "--seed", "--end", "--base", "--volatility", "--fund", "--out", "--depletion-out",
                   "--lang", "--force"],
}
# a document pack takes seconds even when small: fewer examples
EXAMPLES = {"report": 5}
# values an option may get: hostile numbers, paths inside the example's folder and a few outside
# that must be refused (never a writable system folder: the fuzzer runs as whoever runs the tests)
VALUES = st.one_of(
    st.sampled_from(["-1", "0", "1", "2", "2022", "2020", "2101", "1990", "nan", "inf", "-inf", "1e400",
                     "4294967296", "abc", "", "zh", "en", "both", "json", "table", "total", "unemployment",
                     "baseline", "employer_rate_14", "fee_cut", "out.csv", "out.txt", "out.xlsx", "sub/out.csv",
                     "existing.csv", "existing.xlsx", "out2.xlsx", "folder", "/proc/x.csv", "/dev/null", ".", "notes.txt", "region",
                     "data/regions/changji-2020", "/dev/zero", "loop.toml"]),
    st.text(max_size=8))


@st.composite
def argv_for(draw, command: str):
    argv = [command]
    if command in ("compare",):
        argv.append(draw(st.sampled_from(["baseline", "employer_rate_14", "nope", "/dev/zero", "folder", "loop.toml"])))
    if command == "solve":
        argv.append(draw(st.sampled_from(["fee_cut", "balancing_rate", "nope"])))
    if command == "validate-region":
        argv.append(draw(st.sampled_from(["region", "folder", "/dev/zero", "missing", "loop.toml"])))
    for _ in range(draw(st.integers(0, 4))):
        option = draw(st.sampled_from(OPTIONS[command]))
        argv.append(option)
        if option not in ("--all", "--no-baseline", "--force"):
            argv.append(draw(VALUES))
    # keep the heavy analyses short whatever else was drawn (their full runs are tested elsewhere)
    if command in ("montecarlo", "compare") and "--paths" not in argv:
        argv += ["--paths", draw(st.sampled_from(["0", "2", "-3"])) if command == "compare" else "2"]
    if command in ("sensitivity", "montecarlo", "compare", "project") and "--end" not in argv:
        argv += ["--end", "2022"]
    if command in ("budget", "execution") and "--year" not in argv:
        argv += ["--year", draw(st.sampled_from(["2021", "2020", "1990", "-1"]))]
    if command == "report":
        if "--out" not in argv:
            argv += ["--out", draw(st.sampled_from(["out2.xlsx", "existing.xlsx", "folder", "x.txt", "deck.pptx"]))]
        if "--paths" not in argv:
            argv += ["--paths", "100"]
        if "--end" not in argv:
            argv += ["--end", "2022"]
    if command in ("budget", "execution") and "--out" not in argv:
        argv += ["--out", draw(st.sampled_from(["out2.xlsx", "existing.xlsx", "folder", "x.csv"]))]
    if command == "solve" and "--through" not in argv:
        argv += ["--through", "2023"]
    return argv


def _workspace(tmp: Path) -> None:
    shutil.copytree(SYNTHETIC, tmp / "region")
    (tmp / "folder").mkdir()
    (tmp / "existing.csv").write_text("keep", encoding="utf-8")
    (tmp / "existing.xlsx").write_text("keep", encoding="utf-8")
    (tmp / "notes.txt").write_text("keep", encoding="utf-8")
    os.symlink(tmp / "loop.toml", tmp / "loop.toml")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_random_arguments_to_every_command(shipped, command, capsys):
    # a new command must be fuzzed too: give it an option list in OPTIONS
    assert command in OPTIONS, f"no option list for {command}: add it to OPTIONS"

    @settings(max_examples=EXAMPLES.get(command, 12), deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(argv=argv_for(command))
    def run(argv):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            _workspace(tmp)
            cwd = os.getcwd()
            os.chdir(tmp)
            try:
                try:
                    code = main(argv)
                except SystemExit as stop:  # argparse: --help or a bilingual usage error
                    code = stop.code
            finally:
                os.chdir(cwd)
            out = capsys.readouterr()
            text = out.out + out.err
            assert "Traceback" not in text
            assert "internal error" not in text, (argv, text[-500:])
            assert code in (0, 1, 2), (argv, code, text[-500:])
            if code == 2 and out.err:
                assert any("\u4e00" <= ch <= "\u9fff" for ch in out.err), (argv, out.err)  # Chinese too
            assert (tmp / "notes.txt").read_text(encoding="utf-8") == "keep"  # never a valid output
            if "--force" not in argv:  # an existing file is replaced only when asked
                assert (tmp / "existing.csv").read_text(encoding="utf-8") == "keep", argv
                assert (tmp / "existing.xlsx").read_text(encoding="utf-8") == "keep", argv
    run()
