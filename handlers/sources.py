"""`/us-china add URL`, `feed add|list|remove`, `links on|off`: replies, ephemeral, in words for people."""
from __future__ import annotations

from collections.abc import Callable

from core.admins import is_admin
from core.config import Settings
from core.ingest import ItemResult
from core.sources_service import NotAFeed, SourcesService
from core.workspaces import workspace_key
from handlers.blocks import clean, escape
from handlers.grammar import AddUrl, FeedAdd, FeedList, FeedRemove, Invalid, Links
from handlers.replies import admins_only

Say = Callable[[str], None]


def run(request, command: dict, settings: Settings, sources: SourcesService, say: Say) -> None:
    """Carry out one parsed sources command, replying through say() (once, or twice for a new feed)."""
    name = escape(command.get("command") or settings.slash_command)
    user, channel, team = command.get("user_id", ""), command.get("channel_id", ""), command.get("team_id", "")
    if isinstance(request, Invalid):
        say(f"{clean(request.problem)}\nUsage: `{name} add URL`, `{name} feed add URL`, `{name} feed list`, "
            f"`{name} feed remove ID`, `{name} links on|off`")
    elif isinstance(request, FeedList):
        say(feed_list(sources))
    elif not is_admin(settings, user, team):
        say(admins_only(settings, team, "add sources or change feeds and link indexing"))
    elif isinstance(request, AddUrl):
        say(added_reply(sources.add_url(request.url)))
    elif isinstance(request, FeedAdd):
        add_feed(request.url, user, sources, say)
    elif isinstance(request, FeedRemove):
        feed = sources.remove_feed(request.feed_id)
        if feed is None:
            say(f"There is no feed #{request.feed_id}. `{name} feed list` shows them.")
        else:
            say(f"Removed feed #{feed.id} ({clean(feed.title or feed.url)}). The articles it brought stay indexed.")
    elif isinstance(request, Links):
        sources.set_links(workspace_key(settings, team), channel, request.on, user)
        say(f"Links posted in <#{clean(channel)}> will be indexed, with a ✅ on each message when done. "
            "I must be a member of the channel: `/invite @us-china`." if request.on
            else f"Links posted in <#{clean(channel)}> are no longer indexed.")


def added_reply(item: ItemResult) -> str:
    title = f"*{clean(item.title or item.source)}*"
    if item.status in {"added", "updated"}:
        what = "Indexed" if item.status == "added" else "Re-indexed (the page changed)"
        return (f"{what}: {title} ({item.published or 'undated'}, {item.sentences} sentences) "
                f"from {clean(item.source)}")
    if item.status == "unchanged":
        return f"Already indexed: {title} ({clean(item.source)})."
    if item.status == "same-story":
        return (f"Same story as *{clean(item.same_as or '')}*: {title} is kept as another source of it, "
                "cited with it rather than twice.")
    return f"Could not add {clean(item.source)}: {clean(item.reason or 'it failed')}."


def add_feed(url: str, user: str, sources: SourcesService, say: Say) -> None:
    try:
        feed, created = sources.subscribe(url, user)
    except NotAFeed as e:
        say(f"Could not add the feed {clean(url)}: {clean(str(e))}.")
        return
    if not created:
        say(f"Feed #{feed.id} is already followed: {clean(feed.title or feed.url)}.")
        return
    say(f"Added feed #{feed.id}: {clean(feed.title or feed.url)}. Indexing its entries now; "
        "it is checked again every few minutes.")
    result = sources.poll(feed)
    if result.error:
        say(f"Feed #{feed.id}: the first check failed: {clean(result.error)}. `feed list` will show later checks.")
    else:
        failed = f", {result.failed} could not be fetched" if result.failed else ""
        say(f"Feed #{feed.id}: {result.new} new {'article' if result.new == 1 else 'articles'} indexed{failed}.")


def feed_list(sources: SourcesService) -> str:
    feeds = sources.feeds()
    if not feeds:
        return "No feeds yet. Add one with `feed add URL`."
    lines = []
    for f in feeds:
        fetched = f"last fetched {f.last_fetched[:16].replace('T', ' ')} UTC" if f.last_fetched else "not fetched yet"
        new = f" · {f.last_new} new last time" if f.last_new is not None else ""
        error = f" · last error: {clean(f.last_error)}" if f.last_error else ""
        lines.append(f"#{f.id} {clean(f.title or '(untitled)')} — {clean(f.url)} · {fetched}{new}{error}")
    return "\n".join(lines)
