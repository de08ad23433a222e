"""Every Qt Designer form's committed module is what pyside6-uic makes of it today."""

from __future__ import annotations

from crmsync.gui import forms_build


def test_every_form_has_an_up_to_date_module():
    forms = forms_build.forms()
    assert forms, "no .ui file found"
    stale = forms_build.stale_forms()
    assert stale == [], (
        f"stale generated forms: {[f.name for f in stale]}; "
        "run: uv run python -m crmsync.gui.forms_build"
    )


def test_a_changed_form_is_found_stale(tmp_path, monkeypatch):
    source = forms_build.UI_DIR / "about.ui"
    changed = tmp_path / "ui"
    changed.mkdir()
    edited = source.read_text(encoding="utf-8").replace("Licence :", "Licence  :")
    (changed / "about.ui").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(forms_build, "PROJECT_DIR", tmp_path)
    assert forms_build.stale_forms(changed) == [changed / "about.ui"]
