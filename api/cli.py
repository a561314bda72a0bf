"""The `tracuu` command: a thin wrapper over the indexer and search calls."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import asdict, replace
from pathlib import Path

import click

from api import __version__
from api.cli_shared import print_report, settings_from_flags
from api.logs import configure_logging
from api.serve_cli import serve
from api.settings import Settings
from api.solr_cli import solr
from indexer.build import BuildError, build_index
from indexer.engines import check_index
from indexer.locking import IndexBusy
from indexer.progress import SilentProgress, terminal_progress
from search.batch import lookup_numbers, read_numbers
from search.errors import SearchError
from search.models import SearchRequest
from search.searcher import Engine

EXIT_SKIPPED = 2  # the build finished but some files could not be read
EXIT_NOT_FOUND = 1  # a batch lookup where some number names no document


def _engine(settings: Settings) -> Engine:
    return Engine(settings.index_dir, config=settings.engine_config())


@click.group()
@click.version_option(__version__, prog_name="tracuu")
def main() -> None:
    """tracuu: full-text search for Vietnamese administrative documents."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--index-dir", help="Index directory (default: $TRACUU_INDEX_DIR or data/index)")
@click.option("--rebuild", is_flag=True, help="Start over instead of updating")
@click.option("--jobs", type=click.IntRange(1, 64), help="Processes for analysis (default: all)")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary")
@click.option("--no-ocr", is_flag=True, help="Skip scans instead of reading them with Tesseract")
def index(
    paths: tuple[Path, ...], index_dir: str | None, rebuild: bool, jobs, quiet, no_ocr: bool
) -> None:
    """Index the corpus (or the given directory, or files inside the corpus)."""
    settings = settings_from_flags(index_dir)
    configure_logging("warning")  # the summary below says the rest
    logging.getLogger("tracuu.progress").setLevel(logging.INFO)  # lines when not a terminal
    root, files = settings.corpus_dir, None
    if len(paths) == 1 and paths[0].is_dir():
        root = paths[0]
    elif paths:
        if any(p.is_dir() for p in paths):
            raise click.UsageError("give one directory, or files inside the corpus")
        files = list(paths)
    try:
        report = build_index(
            root,
            settings.index_dir,
            engine=settings.engine_config(),
            limits=replace(settings.limits(), ocr=not no_ocr),
            files=files,
            rebuild=rebuild,
            jobs=jobs,
            progress=SilentProgress() if quiet else terminal_progress(),
        )
    except (BuildError, IndexBusy) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:  # a file outside the corpus root
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        print_report(report)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.option("--index-dir", help="Index directory (default: $TRACUU_INDEX_DIR or data/index)")
def check(index_dir: str | None) -> None:
    """Verify every file of the index (sizes, checksums, every record readable)."""
    settings = settings_from_flags(index_dir)
    problems = check_index(settings.engine_config(), settings.index_dir, full=True)
    for problem in problems:
        click.echo(f"damaged: {problem}", err=True)
    if problems:
        sys.exit(1)
    try:
        with _engine(settings) as engine:
            count = engine.document_count()
    except SearchError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"ok: {settings.index_dir}, {count:,} documents, every file as committed")


@main.command()
@click.argument("query")
@click.option("--doc-type", multiple=True, help="Filter by type (repeat for OR)")
@click.option("--year", multiple=True, type=int, help="Filter by year (repeat for OR)")
@click.option(
    "--status", multiple=True, help="active, amended, replaced or repealed (repeat for OR)"
)
@click.option("--page", type=click.IntRange(1, 1000), default=1, help="Page of results")
@click.option("--per-page", type=click.IntRange(1, 100), default=10, help="Results per page")
@click.option("--explain", is_flag=True, help="Each hit's tier and the parts of its score")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
@click.option("--index-dir", help="Index directory")
def search(
    query: str, doc_type, year, status, page, per_page, explain, as_json: bool, index_dir
) -> None:
    """Search the index."""
    request = SearchRequest(
        q=query,
        doc_type=list(doc_type),
        year=list(year),
        status=list(status),
        page=page,
        per_page=per_page,
        explain=explain,
    )
    try:
        with _engine(settings_from_flags(index_dir)) as engine:
            results = engine.search(request)
    except SearchError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(asdict(results), ensure_ascii=False, indent=2))
        return
    click.echo(f"{results.total} documents ({results.took_ms} ms)")
    if results.partial:
        missing = ", ".join(results.missing) or "part of the index"
        click.echo(f"Kết quả chưa đầy đủ: {missing} không trả lời; the total is incomplete")
    if results.relaxed:
        click.echo("Không có văn bản nào chứa tất cả các từ; đây là các văn bản gần nhất.")
    if results.suggestion:
        click.echo(f"Có phải bạn muốn tìm: {results.suggestion}")
    for hit in results.results:
        state = "" if hit.status == "active" else f"  ({hit.status})"
        click.echo(
            f"\n{hit.id}  {hit.number or '-'}  {hit.doc_type or '-'}  {hit.issued_date or '-'}"
            + state
        )
        click.echo(f"  {hit.title or ''}")
        click.echo("  " + hit.snippet.replace("<mark>", "[").replace("</mark>", "]"))
        if hit.explain:
            click.echo("  " + ", ".join(f"{k}: {v}" for k, v in hit.explain.items()))


@main.command()
@click.argument("numbers", nargs=-1)
@click.option(
    "--file",
    "numbers_file",
    type=click.File(encoding="utf-8-sig"),
    help="Read numbers from FILE, one a line (- for standard input)",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
@click.option("--index-dir", help="Index directory")
def lookup(numbers: tuple[str, ...], numbers_file, as_json: bool, index_dir) -> None:
    """Find documents by number (số hiệu); `-` or --file reads many, one a line."""
    if numbers == ("-",):
        numbers_file, numbers = sys.stdin, ()
    if numbers_file is None and len(numbers) == 1:
        return _lookup_one(numbers[0], as_json, index_dir)
    wanted = list(numbers) + list(read_numbers(numbers_file or []))
    if not wanted:
        raise click.UsageError("give a NUMBER, or numbers with --file FILE or - (stdin)")
    try:
        with _engine(settings_from_flags(index_dir)) as engine:
            found = lookup_numbers(engine, wanted)
    except SearchError as exc:
        raise click.ClickException(str(exc)) from exc
    _print_batch(found, as_json)
    if not all(found.values()):
        sys.exit(EXIT_NOT_FOUND)


def _lookup_one(number: str, as_json: bool, index_dir) -> None:
    try:
        with _engine(settings_from_flags(index_dir)) as engine:
            hits = engine.lookup(number)
    except SearchError as exc:
        raise click.ClickException(str(exc)) from exc
    if not hits:
        raise click.ClickException(f"no document with number {number!r}")
    if as_json:
        click.echo(json.dumps({"results": [asdict(h) for h in hits]}, ensure_ascii=False, indent=2))
        return
    for hit in hits:
        click.echo(_hit_line(hit))


def _hit_line(hit) -> str:
    when = hit.issued_date or "-"
    return f"{hit.id}  {hit.number}  {hit.doc_type or '-'}  {when}  {hit.title or ''}"


def _print_batch(found: dict, as_json: bool) -> None:
    """JSON as POST /api/lookup answers; else one line a hit: the number as given, a tab."""
    if as_json:
        results = {n: [asdict(h) for h in hits] for n, hits in found.items()}
        click.echo(json.dumps({"results": results}, ensure_ascii=False, indent=2))
        return
    for number, hits in found.items():
        for hit in hits or [None]:
            click.echo(f"{number}\t{_hit_line(hit) if hit else 'not found'}")
    missing = sum(1 for hits in found.values() if not hits)
    click.echo(f"{len(found)} numbers: {len(found) - missing} found, {missing} not found", err=True)


main.add_command(serve)
main.add_command(solr)

if __name__ == "__main__":
    main()
