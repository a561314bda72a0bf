"""`tracuu serve`: take the port, bring the index up to date, print where to go, serve."""

from __future__ import annotations

import errno
import socket

import click

from api.cli_shared import settings_from_flags
from api.logs import configure_logging
from indexer.build import BuildError, build_index
from indexer.locking import IndexBusy
from indexer.progress import SilentProgress, terminal_progress
from search.errors import SearchError

LOG_LEVELS = ("debug", "info", "warning", "error")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--index-dir", help="Index directory")
@click.option("--corpus-dir", help="Corpus directory")
@click.option("--root-path", help="Path prefix behind a reverse proxy (e.g. /tracuu)")
@click.option(
    "--log-level",
    type=click.Choice(LOG_LEVELS, case_sensitive=False),
    default="info",
    show_default=True,
)
@click.option(
    "--log-format",
    type=click.Choice(("human", "json")),
    default="human",
    show_default=True,
    help="Log lines (access, index runs, errors) as text or as JSON objects",
)
@click.option("--quiet", is_flag=True, help="No progress bar while indexing")
def serve(
    host: str, port: int, index_dir, corpus_dir, root_path, log_level, log_format, quiet
) -> None:
    """Bring the index up to date with the corpus, then serve the API and web pages.

    The port is taken first: a busy one stops here, before any indexing."""
    import uvicorn

    from api.app import create_app
    from api.welcome import welcome_lines

    configure_logging(log_level, log_format)
    listener = bind_port(host, port)
    settings = settings_from_flags(index_dir, corpus_dir, root_path)
    try:
        build_index(  # it logs the run: counts, notes, skipped files
            settings.corpus_dir,
            settings.index_dir,
            engine=settings.engine_config(),
            limits=settings.limits(),
            progress=SilentProgress() if quiet else terminal_progress(),
        )
    except (BuildError, IndexBusy) as exc:  # serve anyway: /healthz and searches say it
        click.echo(f"Error: {exc}; serving it as it is (answers 503 until fixed)", err=True)
    app = create_app(settings)
    try:
        count = app.state.engine.document_count()
    except SearchError as exc:
        click.echo(f"Error: {exc}", err=True)
    else:
        shown_port = listener.getsockname()[1]
        for line in welcome_lines(f"http://{host}:{shown_port}", app.state.engine, count):
            click.echo(line, err=True)
    config = uvicorn.Config(
        app,
        log_level=log_level.lower(),
        log_config=None,  # configure_logging's handler and format
        access_log=False,  # api.logs.RequestLog writes it, with the request id
        root_path=settings.root_path,
    )
    uvicorn.Server(config).run(sockets=[listener])


def bind_port(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or one line saying why not (click exits 1)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart reuses it at once
    try:
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        if exc.errno == errno.EADDRINUSE:
            why = "is already in use (another tracuu, or another program)"
        elif exc.errno == errno.EACCES:
            why = "needs more privileges (ports below 1024)"
        else:
            why = f"cannot be opened ({exc.strerror or exc})"
        raise click.ClickException(
            f"port {port} on {host} {why}; choose another with --port (make serve PORT=...)"
        ) from None
    return listener
