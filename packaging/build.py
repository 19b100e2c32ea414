"""Build the installers of CueDesk Contacts from the same sources on every platform.

    uv run --group packaging python packaging/build.py linux     # dist/cuedesk-contacts-<v>-linux-<arch>.tar.gz
    uv run --group packaging python packaging/build.py windows   # dist/CueDesk-Contacts-<v>-setup.exe (Inno Setup)
    uv run --group packaging python packaging/build.py macos     # dist/CueDesk-Contacts-<v>.dmg (signed if asked)
    uv run --group packaging python packaging/build.py bundle    # only the PyInstaller one-folder bundle

Only Linux is built and tested on our own machines; Windows and macOS are built by the release workflow
(.github/workflows/release.yml) on those systems.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
NAME = "cuedesk-contacts"


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def run(*cmd: str | Path, **kwargs) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kwargs)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def bundle(dist: Path, work: Path) -> Path:
    """The PyInstaller one-folder bundle (and the .app on macOS)."""
    run(
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        dist,
        "--workpath",
        work,
        PACKAGING / f"{NAME}.spec",
    )
    folder = dist / NAME
    print(f"bundle: {folder} ({folder_size(folder) / 1e6:.0f} MB)")
    return folder


def linux(dist: Path, work: Path) -> Path:
    """A .tar.gz with the bundle, the .desktop file, the icons and install.sh."""
    folder = bundle(dist, work)
    arch = platform.machine() or "x86_64"
    archive = dist / f"{NAME}-{version()}-linux-{arch}.tar.gz"
    top = f"{NAME}-{version()}"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=f"{top}/{NAME}")
        tar.add(PACKAGING / "linux" / "install.sh", arcname=f"{top}/install.sh")
        tar.add(PACKAGING / "linux" / f"{NAME}.desktop", arcname=f"{top}/{NAME}.desktop")
        for png in sorted((ROOT / "resources" / "icons").glob(f"{NAME}-*.png")):
            tar.add(png, arcname=f"{top}/icons/{png.name}")
    print(f"linux: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    return archive


def windows(dist: Path, work: Path) -> Path:
    """A per-user Inno Setup installer (needs ISCC.exe on PATH, e.g. `choco install innosetup`)."""
    bundle(dist, work)
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        sys.exit("Inno Setup's ISCC.exe is not on PATH")
    run(
        iscc,
        f"/DAppVersion={version()}",
        f"/DSourceDir={dist / NAME}",
        f"/O{dist}",
        PACKAGING / "windows" / f"{NAME}.iss",
    )
    return dist / f"CueDesk-Contacts-{version()}-setup.exe"


def macos(dist: Path, work: Path) -> Path:
    """The .app, signed when CODESIGN_IDENTITY is set, inside a .dmg."""
    bundle(dist, work)
    app = dist / "CueDesk Contacts.app"
    identity = os.environ.get("CODESIGN_IDENTITY")
    if identity:
        run(
            "codesign",
            "--force",
            "--deep",
            "--options",
            "runtime",
            "--timestamp",
            "--entitlements",
            PACKAGING / "macos" / "entitlements.plist",
            "--sign",
            identity,
            app,
        )
        run("codesign", "--verify", "--deep", "--strict", app)
    else:
        print("macos: CODESIGN_IDENTITY is not set; the app is not signed")
    dmg = dist / f"CueDesk-Contacts-{version()}.dmg"
    dmg.unlink(missing_ok=True)
    staging = work / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    run(
        "hdiutil",
        "create",
        "-volname",
        "CueDesk Contacts",
        "-srcfolder",
        staging,
        "-ov",
        "-format",
        "UDZO",
        dmg,
    )
    if identity:
        run("codesign", "--sign", identity, "--timestamp", dmg)
    return dmg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", choices=["bundle", "linux", "windows", "macos"])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)
    build = {"bundle": bundle, "linux": linux, "windows": windows, "macos": macos}[args.target]
    build(args.dist.resolve(), args.work.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
