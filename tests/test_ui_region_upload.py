"""Region uploads: only the documented files, size-limited, zip read safely, then validated."""
import io
import zipfile
from pathlib import Path

import pytest

from model.errors import InputError
from ui import region_upload as ru

ROOT = Path(__file__).resolve().parents[1]
CHANGJI = ROOT / "data" / "regions" / "changji-2020"
FIXTURES = ROOT / "tests" / "fixtures" / "regions"


def _files(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.name in ru.ALLOWED]


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_shipped_region_uploaded_file_by_file_is_valid():
    folder, problems = ru.check(_files(CHANGJI))
    assert problems == []
    assert sorted(p.name for p in folder.iterdir()) == sorted(n for n, _ in _files(CHANGJI))


def test_zip_with_folder_prefix_and_junk_is_read_by_basename_only():
    entries = {f"changji/{n}": d for n, d in _files(CHANGJI)}
    entries["__MACOSX/._figures.csv"] = b"junk"
    entries["../../etc/evil.sh"] = b"rm -rf /"
    folder, problems = ru.check([("changji.zip", _zip(entries))])
    assert problems == []
    assert not (folder / "evil.sh").exists()
    assert {p.name for p in folder.iterdir()} <= set(ru.ALLOWED)


def test_malformed_fixture_gives_the_validators_problems():
    folder, problems = ru.check(_files(FIXTURES / "malformed-unknown-fund"))
    assert problems, "the malformed fixture must fail validation"
    assert all(p.text("zh") and p.text("en") for p in problems)


def test_unknown_file_name_refused():
    with pytest.raises(InputError) as err:
        ru.collect([("model.pkl", b"\x80\x04")])
    assert "model.pkl" in err.value.text("en") and "not a region data file" in err.value.text("en")


def test_oversized_upload_refused():
    with pytest.raises(InputError, match="too large"):
        ru.collect([("figures.csv", b"x" * (ru.MAX_TOTAL_BYTES + 1))])


def test_zip_bomb_member_is_capped():
    bomb = _zip({"figures.csv": b"0" * (ru.MAX_FILE_BYTES + 10)})
    assert len(bomb) < 100_000
    with pytest.raises(InputError, match="too large"):
        ru.collect([("bomb.zip", bomb)])


def test_broken_zip_refused():
    with pytest.raises(InputError, match="not a valid zip"):
        ru.collect([("region.zip", b"PK\x03\x04 not really")])
