"""Render Office files the way a reader's machine would: Debian's LibreOffice in headless mode to
PDF, then poppler's ``pdftoppm`` to PNG pages, and a check that a page holds text.

Used by the document tests in one module-scoped fixture (one LibreOffice start per batch of
files). LibreOffice runs with its own profile folder, so parallel test workers and other
LibreOffice instances do not collide, and with ``tests/fixtures/fonts/fonts.conf``, which maps
the Windows faces the documents name (宋体, 黑体, …) to Debian's Noto CJK SC faces. Files that
share a stem would overwrite each other's PDF: the caller gives each file its own stem.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

FONTS_CONF = Path(__file__).resolve().parent / "fixtures" / "fonts" / "fonts.conf"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def tools_missing() -> list[str]:
    """The programs the render tests need that are not installed (``bash run.sh test`` installs them)."""
    return [p for p in ("soffice", "pdftoppm") if shutil.which(p) is None]


def to_pdf(files: list[Path], outdir: Path, timeout: float = 180) -> dict[Path, Path]:
    """Convert every file with one headless LibreOffice call; ``{file: pdf}``."""
    stems = [f.stem for f in files]
    if len(set(stems)) != len(stems):
        raise ValueError(f"files must have distinct stems (LibreOffice overwrites PDFs): {stems}")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="sifsim-lo-"))
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(profile))
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--nologo", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=timeout, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = {f: outdir / f"{f.stem}.pdf" for f in files}
    missing = [str(p) for p in out.values() if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return out


def to_png(pdf: Path, outdir: Path, dpi: int = 80) -> list[Path]:
    """Every page of ``pdf`` as ``<stem>-<n>.png`` in ``outdir``, in page order."""
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(outdir / pdf.stem)],
                   check=True, capture_output=True, timeout=120)
    return sorted(outdir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def ink_rows(png: Path, threshold: int = 160) -> int:
    """Number of pixel rows of a page that carry dark ink (text or lines), a proxy for
    "the page has visible text": a blank or tofu-free-but-empty page has none."""
    gray = np.asarray(Image.open(png).convert("L"))
    return int((gray < threshold).any(axis=1).sum())


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path) -> str:
    """The PDF's text layer (``pdftotext``), to check that Chinese came through as characters."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_fonts(pdf: Path) -> str:
    """``pdffonts`` output: which faces LibreOffice embedded."""
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
