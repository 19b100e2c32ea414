"""The Linux installer: build the frozen bundle and its archive, install it for a user, run it, remove it.

Slow (PyInstaller takes a minute or two), but it is the only check that what users download works.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_LIMIT_BYTES = 150 * 1000 * 1000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux"),
]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "packaging/build.py", "linux", "--dist", str(out), "--work", str(work)],
        cwd=ROOT,
        check=True,
        timeout=900,
    )
    bundle = out / "cuedesk-contacts"
    size = folder_size(bundle)
    assert size <= BUNDLE_LIMIT_BYTES, f"the bundle grew to {size / 1e6:.0f} MB (limit 150 MB)"
    [tarball] = out.glob("cuedesk-contacts-*-linux-*.tar.gz")
    return tarball


def test_the_archive_holds_the_bundle_launcher_menu_entry_and_icons(archive: Path):
    top = f"cuedesk-contacts-{__version__}"
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert f"{top}/cuedesk-contacts/cuedesk-contacts" in names
    assert f"{top}/install.sh" in names
    assert f"{top}/cuedesk-contacts.desktop" in names
    assert {f"{top}/icons/cuedesk-contacts-{s}.png" for s in (16, 32, 48, 128, 256, 512)} <= names
    assert any(n.endswith("/app/server/migrations/versions/0001_initial_schema.py") for n in names)


def test_installed_for_a_user_it_opens_the_sandbox_and_uninstalls_cleanly(archive: Path, tmp_path: Path):
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    [unpacked] = (tmp_path / "unpacked").iterdir()
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "QT_QPA_PLATFORM": "offscreen",
        "CUEDESK_SANDBOX_DIR": str(tmp_path / "sandbox"),
    }
    subprocess.run(["sh", str(unpacked / "install.sh")], env=env, check=True, timeout=120)

    launcher = home / ".local/bin/cuedesk-contacts"
    desktop = home / ".local/share/applications/cuedesk-contacts.desktop"
    assert (
        launcher.is_symlink() and launcher.resolve() == home / ".local/opt/cuedesk-contacts/cuedesk-contacts"
    )
    entry = desktop.read_text()
    assert f"Exec={home}/.local/opt/cuedesk-contacts/cuedesk-contacts %F" in entry
    assert "Icon=cuedesk-contacts" in entry and "Type=Application" in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps/cuedesk-contacts.png").is_file()

    version = subprocess.run(
        [str(launcher), "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    assert version.stdout.strip() == f"CueDesk Contacts {__version__}"
    smoke = subprocess.run(
        [str(launcher), "--smoke-test"], env=env, capture_output=True, text=True, timeout=300
    )
    assert smoke.returncode == 0, smoke.stderr
    assert smoke.stdout.startswith("smoke test passed:") and "contacts on Sandbox" in smoke.stdout

    subprocess.run(["sh", str(unpacked / "install.sh"), "--uninstall"], env=env, check=True, timeout=60)
    assert not launcher.exists() and not desktop.exists()
    assert not (home / ".local/opt/cuedesk-contacts").exists()
    assert not list((home / ".local/share/icons").rglob("cuedesk-contacts.png"))
