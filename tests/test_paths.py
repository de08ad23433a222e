"""The data folder: where it is, and private to its user on POSIX."""

from __future__ import annotations

import os
import stat

import platformdirs
import pytest

from crmsync import paths

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_override_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CRMSYNC_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"
    assert paths.demo_dir() == tmp_path / "elsewhere" / "demo"
    assert paths.demo_dir().is_dir()


@posix_only
def test_created_folders_are_private(tmp_path, monkeypatch, loose_umask):
    monkeypatch.setenv("CRMSYNC_DATA_DIR", str(tmp_path / "new" / "data"))
    assert mode(paths.data_dir()) == 0o700
    assert mode(paths.demo_dir()) == 0o700


@posix_only
def test_default_folder_left_open_by_an_older_version_is_made_private(
    tmp_path, monkeypatch, loose_umask
):
    old = tmp_path / "share" / "crmsync"
    old.mkdir(parents=True)
    os.chmod(old, 0o755)
    monkeypatch.delenv("CRMSYNC_DATA_DIR")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *args, **kwargs: str(old))
    assert paths.data_dir() == old
    assert mode(old) == 0o700


@posix_only
def test_existing_override_folder_is_left_as_it_is(tmp_path, monkeypatch, loose_umask):
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    os.chmod(chosen, 0o750)
    monkeypatch.setenv("CRMSYNC_DATA_DIR", str(chosen))
    assert paths.data_dir() == chosen
    assert mode(chosen) == 0o750


@posix_only
def test_private_file_is_created_once_with_mode_0600(tmp_path, loose_umask):
    target = tmp_path / "secret.bin"
    assert paths.create_private_file(target) is True
    assert mode(target) == 0o600 and target.read_bytes() == b""
    target.write_bytes(b"kept")
    assert paths.create_private_file(target) is False
    assert target.read_bytes() == b"kept"


def test_a_file_in_the_way_of_a_folder_is_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileExistsError):
        paths.make_private_dir(tmp_path / "file")
