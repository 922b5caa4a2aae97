"""Share links reproduce a scenario exactly; uploads are parsed as TOML text and validated."""
import base64
import zlib
from pathlib import Path

import pytest

from model.scenarios import library as msc
from model.errors import InputError
from ui import scenario_store as store
from ui import share

ROOT = Path(__file__).resolve().parents[1]


def _shared(**levers) -> share.SharedScenario:
    return share.SharedScenario(base="baseline", id="cut_test", name_zh="降费测试",
                                name_en="Cut test", levers=levers or {
                                    "enterprise_pension.employer_rate": {2022: 0.14, 2030: 0.1 + 0.2},
                                    "economy.wage_growth": 0.055})


def test_roundtrip_is_bit_exact():
    original = _shared()
    back = share.decode(share.encode(original))
    assert back == original
    # 0.1 + 0.2 = 0.30000000000000004 survives unchanged, not rounded to 0.3
    assert back.levers["enterprise_pension.employer_rate"][2030] == 0.1 + 0.2


def test_link_rebuilds_the_same_resolved_scenario():
    original = _shared()
    direct = store.build(original)
    via_link = store.build(share.decode(share.encode(original)))
    assert via_link.resolved == direct.resolved
    assert via_link.resolved["enterprise_pension.employer_rate"][2022] == 0.14


@pytest.mark.parametrize("text", ["not-a-link", "", "A" * 9000])
def test_garbage_links_raise_input_error(text):
    with pytest.raises(InputError) as err:
        share.decode(text)
    assert err.value.problems[0].file == "URL"
    assert "链接" in err.value.text("zh")


def test_decompression_bomb_is_refused():
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" * 5_000_000, 9)).decode().rstrip("=")
    assert len(bomb) < share.MAX_PARAM_CHARS
    with pytest.raises(InputError, match="too large"):
        share.decode(bomb)


def test_link_with_out_of_range_lever_fails_validation():
    shared = share.decode(share.encode(_shared(**{"enterprise_pension.employer_rate": 1.5})))
    with pytest.raises(InputError) as err:
        store.build(shared)
    assert "enterprise_pension.employer_rate" in err.value.text("en")


def test_upload_of_a_shipped_file_matches_the_library():
    path = ROOT / "scenarios" / "employer_rate_14.toml"
    shared = store.parse_upload(path.name, path.read_bytes())
    assert shared.base == "baseline"
    rebuilt = store.build(shared)
    assert rebuilt.resolved == msc.load_scenario(path).resolved


def test_download_then_upload_roundtrip():
    text = store.toml_text(_shared())
    back = store.parse_upload("cut_test.toml", text.encode("utf-8"))
    assert back.levers == _shared().levers
    assert 'inherits = "baseline"' in text


@pytest.mark.parametrize("content, fragment", [
    (b"[scenario\nid = 1", "TOML"),
    (b"\xff\xfe\x00", "UTF-8"),
    (b'[scenario]\nid="x"\nname_zh="x"\nname_en="x"\ndescription="x"\nrationale="x"\n'
     b'inherits="nowhere"\n[levers]\n', "nowhere"),
    (b'[scenario]\nid="x"\nname_zh="x"\nname_en="x"\ndescription="x"\nrationale="x"\n'
     b'[levers]\n"enterprise_pension.employer_rate" = 5\n', "employer_rate"),
])
def test_bad_uploads_give_bilingual_problems(content, fragment):
    with pytest.raises(InputError) as err:
        store.parse_upload("upload.toml", content)
    assert fragment in str(err.value)
    assert "文件" in err.value.text("zh") and "file" in err.value.text("en")


def test_oversized_upload_refused_before_parsing():
    with pytest.raises(InputError, match="too large"):
        store.parse_upload("big.toml", b"#" * (store.MAX_UPLOAD_BYTES + 1))
