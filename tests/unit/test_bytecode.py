"""The app's bytecode in the deployment package (`infra.bytecode`): checked-hash, ours only, used by the import."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile

from infra.bytecode import add_to_zip, compile_tree, pyc

SOURCE = b"VALUE = 6 * 7\n"


def test_bytecode_is_checked_against_the_source_hash_not_file_times():
    data = pyc(SOURCE, "chalicelib/x.py")
    assert data[:4] == importlib.util.MAGIC_NUMBER
    assert int.from_bytes(data[4:8], "little") == 0b11  # PEP 552: hash-based, checked
    assert data[8:16] == importlib.util.source_hash(SOURCE)


def test_every_module_of_the_package_gets_bytecode_once(tmp_path):
    archive = tmp_path / "deployment.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("app.py", SOURCE)
        zf.writestr("chalicelib/domain/x.py", SOURCE)
        zf.writestr("somelib/y.py", SOURCE)
        zf.writestr("somelib/template.py", b"def {{ name }}():\n")  # not Python: shipped as it is
    assert add_to_zip(archive) == 3
    assert add_to_zip(archive) == 0  # already there
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
    for module in ("app.py", "chalicelib/domain/x.py", "somelib/y.py"):
        assert importlib.util.cache_from_source(module) in names
    assert importlib.util.cache_from_source("somelib/template.py") not in names


def test_an_import_uses_the_shipped_bytecode_and_a_changed_source_wins(tmp_path):
    (tmp_path / "chalicelib").mkdir()
    (tmp_path / "chalicelib" / "__init__.py").write_bytes(b"")
    (tmp_path / "app.py").write_bytes(SOURCE)
    compile_tree(tmp_path)
    cached = importlib.util.cache_from_source(str(tmp_path / "app.py"))

    def imported() -> tuple[str, bool]:
        """The value ``app`` holds, and whether it came from its bytecode (``-v`` names the file code came from)."""
        run = [sys.executable, "-B", "-v", "-c", "import app; print(app.VALUE)"]
        done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=True)
        return done.stdout.strip(), f"code object from '{cached}'" in done.stderr

    assert imported() == ("42", True)
    (tmp_path / "app.py").write_bytes(b"VALUE = 1\n")  # a stale .pyc is never run: its hash no longer matches
    assert imported() == ("1", False)
