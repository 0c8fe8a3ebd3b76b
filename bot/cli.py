"""`us-china ingest|enrich|ask|chat|run|serve|digest|feedback|stats`. Heavy imports stay inside the commands that
need them."""
from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, timedelta

import click

from core.config import Settings, load_settings


def _settings() -> Settings:
    try:
        return load_settings()
    except ValueError as e:
        raise click.ClickException(str(e)) from e


def _store(settings: Settings):
    return open_store_or_exit(settings.store_url)


def open_store_or_exit(url: str):
    """The store, or one clear line (and exit status 1) when the database cannot be opened or reached."""
    from store import StoreUnavailable, open_store

    try:
        return open_store(url)
    except (StoreUnavailable, ValueError, OSError) as e:
        raise click.ClickException(f"cannot open the database at {_redacted(url)}: {e}") from e


def _redacted(url: str) -> str:
    """A URL with its password hidden, for messages and logs."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _embedder(settings: Settings):
    from model.embeddings import make_embedder

    return make_embedder(settings.embedding_model, settings.embedding_engine)


def _run_ingest(settings: Settings, inputs: list[str]) -> bool:
    from core.ingest import ingest

    store, embedder = _store(settings), _embedder(settings)
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="file", desc="indexing", file=sys.stderr)

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    from sources.web import Fetcher

    report = ingest(store, embedder, inputs, progress, fetcher=Fetcher(allow_private=settings.allow_private_urls))
    if bar is not None:
        bar.close()
    for name, reason in report.failed:
        click.echo(f"skipped {name}: {reason}", err=True)
    for name, title in report.duplicates:
        click.echo(f"{name}: same story as “{title}” (kept as another source of it)")
    click.echo(f"{report.summary()}.")
    return report.ok


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages.")
def cli(verbose: bool) -> None:
    """us-china: answers about a news beat from indexed articles, as verbatim cited excerpts."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("inputs", nargs=-1)
def ingest(inputs: tuple[str, ...]) -> None:
    """Index files, folders and web pages (http/https URLs; default: SEEDS_DIR). Exit code 1 if any failed."""
    settings = _settings()
    if not _run_ingest(settings, list(inputs) or [str(settings.seeds_dir)]):
        sys.exit(1)


@cli.command()
@click.option("--seconds", type=float, default=None, help="Stop after this long (default: when all are done).")
def enrich(seconds: float | None) -> None:
    """Check the people table with NER: names never read as a person stop being answered as people."""
    from core.people_check import PeopleCheck

    store = _store(_settings())
    total = store.person_checks_pending()
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="article", desc="checking people", file=sys.stderr)

    def progress(done: int) -> None:
        if bar is not None:
            bar.n = done
            bar.refresh()

    done = PeopleCheck(store).run(seconds, progress)
    if bar is not None:
        bar.close()
    click.echo(f"{done} article(s) checked, {store.person_checks_pending()} left.")


def _answerer(settings: Settings):
    from bot.app import make_answerer

    return make_answerer(_store(settings), _embedder(settings))


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def ask(query: str, as_json: bool) -> None:
    """Answer QUERY as the slash command would."""
    from bot.terminal import answer_lines

    answer = _answerer(_settings()).answer(query)
    click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) if as_json else answer_lines(answer))


def _chat(settings: Settings) -> None:
    from bot.terminal import answer_lines

    answerer = _answerer(settings)
    from core.people_check import BackgroundPeopleCheck, PeopleCheck

    # as a serving bot does: answers at once, and who-is stops taking non-people for people as the check runs
    BackgroundPeopleCheck(PeopleCheck(answerer.store), seconds=3600)()
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input("us-china> ") if interactive else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            break
        if not interactive and not line:
            break
        if line.strip().lower() in {"quit", "exit"}:
            break
        if line.strip():
            click.echo(answer_lines(answerer.answer(line)) + "\n")


@cli.command()
def chat() -> None:
    """Answer queries typed at a prompt (or read line by line from stdin)."""
    _chat(_settings())


CONNECT_SLACK = """\
No Slack settings found, so the bot answers here instead.
To connect Slack: create the app from manifest.yml, install it, put SLACK_BOT_TOKEN
(and SLACK_APP_TOKEN for Socket Mode) in .env, and run `make run` again.
Type a question (e.g. "who is Kurt Campbell"), or Ctrl-D to quit."""


@cli.command()
def run() -> None:
    """Index SEEDS_DIR, then serve Slack if configured, else answer at a prompt."""
    settings = _settings()
    _run_ingest(settings, [str(settings.seeds_dir)])
    if settings.slack_configured:
        _serve(settings)
    else:
        click.echo(CONNECT_SLACK)
        _chat(settings)


def _serve(settings: Settings) -> None:
    missing = settings.missing_for_serving()
    if missing:
        raise click.ClickException(f"missing settings: {', '.join(missing)} (see .env.example)")
    from bot.serve import serve

    serve(settings, _store(settings))


@cli.command()
def serve() -> None:
    """Serve Slack: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT."""
    _serve(_settings())


def _duration(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+)\s*([mhdw])", text.strip().lower())
    if not match:
        raise click.BadParameter(f"{text!r}: use a number and m, h, d or w, e.g. 1d or 12h")
    unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[match.group(2)]
    return timedelta(**{unit: int(match.group(1))})


@cli.command()
@click.option("--channel", required=True, help="Slack channel id (C…) the digest is for.")
@click.option("--topic", default=None, help="Only stories on this topic (by relevance, not substring).")
@click.option("--since", "since", default="1d", show_default=True, help="How far back: 30m, 12h, 1d, 1w.")
@click.option("--post", is_flag=True, help="Post it into the channel (needs SLACK_BOT_TOKEN) instead of printing.")
@click.option("--team", default="", help="With OAuth (many workspaces): the workspace (T…) the channel is in.")
def digest(channel: str, topic: str | None, since: str, post: bool, team: str) -> None:
    """Print (or post) the digest of what was indexed recently."""
    from datetime import datetime

    from bot.terminal import digest_lines
    from core.digest import Digester

    settings = _settings()
    window = _duration(since)
    if post and not (settings.slack_configured or settings.oauth):
        raise click.ClickException("--post needs SLACK_BOT_TOKEN (see .env.example)")
    if post and settings.oauth and not team:
        raise click.ClickException("--post needs --team T… with OAuth: the workspace whose channel it is")
    now = datetime.now(UTC)
    # windows are [since, until) in whole seconds: +1 s takes in what was indexed this very second
    digester = Digester(_store(settings), _embedder(settings), settings.beat)
    result = digester.build(now - window, now + timedelta(seconds=1), topic, settings.timezone)
    if not post:
        click.echo(digest_lines(result))
        return
    from bot.app import connect
    from core.digest_delivery import DeliveryError
    from handlers.digest_outbox import SlackOutbox

    try:
        ts = SlackOutbox(connect(settings).workspaces).post_digest(team, channel, result, {"source": "cli"})
    except DeliveryError as e:
        raise click.ClickException(f"Slack refused the post: {e.code}") from e
    click.echo(f"Posted to {channel} (ts {ts}): {result.headline()}")


@cli.command()
@click.option("--since", "since", default=None, help="How far back: 12h, 7d, 4w (default: 7d for the table, all for"
              " --export).")
@click.option("--export", "export", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the 👎 questions to FILE as JSONL, in the format of testkit/labels/answers_*.jsonl.")
def feedback(since: str, export: str | None) -> None:
    """The 👍 / 👎 given on answers, as a table; or, with --export, the 👎 questions ready to label."""
    from core.feedback import FeedbackService
    from store.feedback import FeedbackTable

    service = FeedbackService(FeedbackTable(_store(_settings())))
    if export:
        rows = service.export_rows(_duration(since) if since else None)
        with open(export, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        click.echo(f"Wrote {len(rows)} 👎 question(s){f' from the last {since}' if since else ''} to {export}.")
        return
    since = since or "7d"
    window = _duration(since)
    given = service.since(window)
    if not given:
        click.echo(f"No feedback in the last {since}.")
        return
    click.echo(f"{'when (UTC)':<20} {'team':<10} {'user':<11} vote {'reason':<17} {'shown':>5}  question")
    for f in given:
        question = " ".join(f.question.split())
        question = question if len(question) <= 70 else question[:69] + "…"
        click.echo(f"{f.created_at[:16].replace('T', ' '):<20} {(f.team_id or '-'):<10} {f.user_id:<11} "
                   f"{'👍' if f.vote == 'up' else '👎'}   {(f.reason or '-'):<17} {len(f.shown):>5}  {question}")
    up = sum(f.vote == "up" for f in given)
    click.echo(f"{len(given)} in the last {since}: 👍 {up} · 👎 {len(given) - up}")


@cli.command()
def stats() -> None:
    """Articles, chunks, people, duplicate rate, schedules, DB size."""
    settings = _settings()
    numbers = _store(settings).stats()
    for name, value in numbers.items():
        click.echo(f"{name:>10}: {value:,}")
    if numbers["articles"]:
        click.echo(f"{'dup. rate':>10}: {numbers['duplicates'] / numbers['articles']:.1%} of articles repeat a story"
                   " already indexed (kept as extra sources)")


def main() -> None:
    cli(prog_name="us-china")
