"""What the commands share: settings from flags, and the summary of an index run."""

from __future__ import annotations

from pathlib import Path

import click
from pydantic import ValidationError

from api.settings import Settings
from indexer.build import BuildReport


def settings_from_flags(index_dir=None, corpus_dir=None, root_path=None) -> Settings:
    """Flags over the environment and ``.env``; a wrong setting is one line, not a traceback."""
    overrides: dict = {}
    if index_dir:
        overrides["index_dir"] = Path(index_dir)
    if corpus_dir:
        overrides["corpus_dir"] = Path(corpus_dir)
    if root_path:
        overrides["root_path"] = "/" + root_path.strip("/")
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        wrong = "; ".join(
            f"TRACUU_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise click.ClickException(f"bad setting (environment or .env): {wrong}") from None


def print_report(report: BuildReport) -> None:
    click.echo(
        f"added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"unchanged {report.unchanged}, skipped {len(report.skipped)}; "
        f"{report.documents} documents in the index; {report.seconds:.1f} s "
        f"({report.docs_per_second:.1f} documents/s)",
        err=True,
    )
    for note in report.notes:
        click.echo(f"  note {note}", err=True)
    for skipped in report.skipped:
        click.echo(f"  skipped {skipped.source}: {skipped.reason}", err=True)
