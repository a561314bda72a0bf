"""Building the dev-cluster launcher (``launcher/``: a pom and one Java class) with Maven.

The build goes to a cache directory named after a digest of the launcher's sources, so
it happens once per machine and again only when the sources change; Maven's output is
turned into short progress messages (artifacts and megabytes downloaded, then the build).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

LAUNCHER_DIR = Path(__file__).parent / "launcher"
JAR = "tracuu-solr-dev-cluster-1.0.jar"
MAIN_CLASS = "tracuu.solr.DevNode"
DOWNLOADED = re.compile(r"Downloaded from \S+: \S+ \(([\d.]+) (B|kB|MB|GB)")
UNITS = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}

OnProgress = Callable[[str], None]


class LauncherError(Exception):
    """The launcher cannot be built or run; the message says what is missing."""


def cache_dir() -> Path:
    """``$TRACUU_CACHE_DIR``, else ``$XDG_CACHE_HOME/tracuu``, else ``~/.cache/tracuu``."""
    if os.environ.get("TRACUU_CACHE_DIR"):
        return Path(os.environ["TRACUU_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tracuu"


def sources_digest(root: Path = LAUNCHER_DIR) -> str:
    """A digest of the launcher's pom and sources (not of any build output)."""
    digest = hashlib.sha1()
    files = [root / "pom.xml", *sorted((root / "src").rglob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def classpath(build: Path) -> str:
    """The java ``-cp`` of a built launcher (our jar first, for its log configuration)."""
    return f"{build / JAR}{os.pathsep}{build / 'lib' / '*'}"


def build_launcher(on_progress: OnProgress = lambda _: None) -> Path:
    """The launcher's build directory, built first if needed (Maven must be installed)."""
    build = cache_dir() / f"solr-launcher-{sources_digest()}"
    if (build / JAR).is_file() and (build / "lib").is_dir():
        return build
    maven = shutil.which("mvn")
    if maven is None:
        raise LauncherError(
            "Maven (mvn) is needed to build the Solr launcher: apt-get install maven"
        )
    command = [
        maven,
        "-B",
        "-f",
        str(LAUNCHER_DIR / "pom.xml"),
        f"-Dtracuu.target={build}",
        "-DskipTests",
        "package",
    ]
    on_progress("building the Solr launcher with Maven (first time: downloads ~120 MB)")
    _run_maven(command, on_progress)
    if not (build / JAR).is_file():
        raise LauncherError(f"Maven finished but {build / JAR} is missing")
    return build


def _run_maven(command: list[str], on_progress: OnProgress) -> None:
    """Run Maven, reporting downloads as running totals and errors as they come."""
    count, size, errors = 0, 0.0, []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as proc:
        for line in proc.stdout:
            found = DOWNLOADED.search(line)
            if found:
                count += 1
                size += float(found.group(1)) * UNITS[found.group(2)]
                if count % 20 == 1:
                    on_progress(f"maven: downloaded {count} files, {size / 1e6:.1f} MB")
            elif "[ERROR]" in line:
                errors.append(line.strip())
            elif "Building jar" in line or "Compiling" in line:
                on_progress("maven: " + line.split("]", 1)[-1].strip())
    if count:
        on_progress(f"maven: downloaded {count} files, {size / 1e6:.1f} MB")
    if proc.returncode:
        detail = "\n".join(errors[:15]) or "no error message"
        raise LauncherError(f"Maven failed (exit {proc.returncode}):\n{detail}")
