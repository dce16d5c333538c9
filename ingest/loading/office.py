"""Legacy and other office files (.doc, .wps, .rtf, .odt, .et, …): converted with LibreOffice, then read.

LibreOffice (``soffice --headless --convert-to docx|xlsx``) turns a word-processor file into .docx
and a spreadsheet into .xlsx, which the DOCX and workbook loaders read as usual; the document keeps
its own file name, format and document id. Each process uses a private LibreOffice profile
(``-env:UserInstallation``), so parallel workers never share one, and a conversion that takes longer
than CONVERT_TIMEOUT seconds is stopped. Where LibreOffice is not installed, the file gets an issue
row saying what would read it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.model import IngestIssue, LoadedDocument

# suffix -> the format LibreOffice converts it to
CONVERSIONS = {
    ".doc": "docx",
    ".dot": "docx",
    ".wps": "docx",  # WPS Writer
    ".wpt": "docx",
    ".rtf": "docx",
    ".odt": "docx",
    ".et": "xlsx",  # WPS Spreadsheets
    ".ett": "xlsx",
}
CONVERT_TIMEOUT = 180  # seconds for one file (the first conversion of a process also creates its profile)
INSTALL_HINT = "LibreOffice (Debian: apt-get install libreoffice-writer libreoffice-calc)"

_profile: str | None = None


def load_office(doc: LoadedDocument, data: bytes, suffix: str) -> None:
    """Convert the file with LibreOffice and read the result. Never raises."""
    target = CONVERSIONS[suffix]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        doc.issues.append(
            _error(
                f"{suffix} file not read: it is read by converting it to .{target} with {INSTALL_HINT}, not installed here"
            )
        )
        return
    converted, problem = convert(soffice, data, suffix, target)
    if converted is None:
        doc.issues.append(_error(f"{suffix} file not read: LibreOffice could not convert it to .{target}: {problem}"))
        return
    if target == "docx":
        from ingest.loading.docx import load_docx

        load_docx(doc, converted)
    else:
        from ingest.loading.xlsx import load_workbook

        load_workbook(doc, converted)


def convert(soffice: str, data: bytes, suffix: str, target: str) -> tuple[bytes | None, str]:
    """(the converted file's bytes, "") or (None, what went wrong)."""
    with tempfile.TemporaryDirectory(prefix="office-") as work:
        source = Path(work) / f"document{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation=file://{_profile_dir()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            work,
            str(source),
        ]
        # A session of its own, so that a conversion that hangs is stopped with every process it started.
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=_environment()
        )
        try:
            _, stderr = process.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return None, f"no result within {CONVERT_TIMEOUT} s"
        output = Path(work) / f"document.{target}"
        if output.is_file() and output.stat().st_size:
            return output.read_bytes(), ""
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        return None, (message[-1] if message else f"exit code {process.returncode}, no output")


def _profile_dir() -> str:
    """This process's LibreOffice profile (created by the first conversion, removed at exit)."""
    global _profile
    if _profile is None or not Path(_profile).is_dir():
        _profile = tempfile.mkdtemp(prefix="soffice-profile-")
        atexit.register(shutil.rmtree, _profile, True)
    return _profile


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HOME", tempfile.gettempdir())  # LibreOffice needs a home to start
    return env


def _error(message: str) -> IngestIssue:
    return IngestIssue("load", "error", message)
