#!/usr/bin/env bash
# sifsim's one entry point. Creates and reuses .venv/ at the repository root from the pinned
# requirements.lock, then:
#   bash run.sh app    – serves the Streamlit app on http://127.0.0.1:8501 (Changji 2020 baseline)
#   bash run.sh test   – installs Debian's chromium, LibreOffice (headless), poppler-utils, a CJK and an
#                        emoji font if missing, checks the import layers (lint-imports), runs the whole suite
#   bash run.sh setup  – only (re)builds .venv/
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3

setup_venv() {
    if [ ! -x .venv/bin/python ]; then
        "$PY" -m venv .venv
    fi
    # Reinstall only when the lock file changed since the last install.
    local stamp=.venv/.sifsim-lock-sha
    local want
    want=$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -r requirements.lock
        .venv/bin/python -m pip install --quiet --no-deps -e .
        echo "$want" > "$stamp"
    fi
}

setup_browser() {
    # Browser tests drive Debian's chromium (never a downloaded browser); charts need a CJK font;
    # the document render tests need LibreOffice and poppler.
    local need=()
    [ -x /usr/bin/chromium ] || need+=(chromium)
    fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
    # the app's status marks (✅ 🟡 🔴) in screenshots, as planners' browsers show them
    fc-list 2>/dev/null | grep -qi "Noto Color Emoji" || need+=(fonts-noto-color-emoji)
    # document render tests: pptx/docx/xlsx → PDF with headless LibreOffice, PDF → PNG with pdftoppm
    local lo
    for lo in impress writer calc; do
        dpkg -s "libreoffice-$lo-nogui" >/dev/null 2>&1 || dpkg -s "libreoffice-$lo" >/dev/null 2>&1 \
            || need+=("libreoffice-$lo-nogui")
    done
    # pdftoppm here and pdftotext for the app's print test (tests/browser)
    { command -v pdftoppm && command -v pdftotext; } >/dev/null 2>&1 || need+=(poppler-utils)
    if [ ${#need[@]} -gt 0 ]; then
        if [ "$(id -u)" = 0 ]; then
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
        else
            sudo apt-get update -qq
            sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
        fi
    fi
}

cmd=${1:-app}
shift || true
case "$cmd" in
    setup) setup_venv ;;
    app)
        setup_venv
        exec .venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port "${PORT:-8501}" \
            --server.headless true --browser.gatherUsageStats false "$@"
        ;;
    test)
        setup_venv
        setup_browser
        # The layers contract in pyproject.toml: imports run one way (cli → … → baseline).
        .venv/bin/lint-imports
        exec .venv/bin/python -m pytest "$@"
        ;;
    *) echo "usage: bash run.sh [app|test|setup] [extra args]" >&2; exit 2 ;;
esac
