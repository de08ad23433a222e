"""scripts/screenshots.py: the README's four screenshots, rendered from a (small) demo."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from PIL import Image

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "screenshots.py"
NAMES = ["week", "sync_tab", "wizard_preview", "wizard_summary"]

sys.path.insert(0, str(Path(__file__).resolve().parent / "gui"))
from test_render_all import assert_not_blank  # noqa: E402


def load_script():
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_writes_the_four_screenshots(qapp, tmp_path, monkeypatch, capsys):
    screenshots = load_script()
    monkeypatch.setenv("CRMSYNC_LANG", "en")
    before = dict(os.environ)
    out = tmp_path / "screenshots"
    assert screenshots.main(["--out", str(out), "--small", "--lang", "fr"]) == 0

    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.png" for name in NAMES)
    printed = capsys.readouterr().out
    for name in NAMES:
        path = out / f"{name}.png"
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == screenshots.SIZE
        assert_not_blank(path)
        assert path.stat().st_size < 300 * 1024
        assert f"wrote {path}" in printed
    # the data folder, language and Qt platform it set for its run are put back
    assert dict(os.environ) == before
