"""`watch NAME_OR_TOPIC`, `watch list`, `unwatch ID`, from the slash command, a mention or a DM. Replies in words."""
from __future__ import annotations

from datetime import datetime

from core.admins import is_admin
from core.cadence import format_time
from core.config import Settings
from core.watch_delivery import BATCH
from core.watches import TooManyWatches, WatchRecord, WatchService
from core.workspaces import workspace_key
from handlers.blocks import clean, escape
from handlers.grammar import Invalid, Unwatch, WatchAdd, WatchList, parse_watch, watch_usage
from handlers.replies import admins_only

EVERY = f"at most one post every {int(BATCH.total_seconds() // 60)} minutes"


def reply(text: str, team_id: str, channel_id: str, user_id: str, command: str, settings: Settings,
          watches: WatchService) -> str:
    """The mrkdwn reply to one watch command; starts or stops a watch as a side effect. Watches belong to the
    workspace and the conversation they were made in: another workspace's are never listed or stopped."""
    name = escape(command)
    request = parse_watch(text)
    workspace = workspace_key(settings, team_id)
    if isinstance(request, Invalid):
        return "\n".join([clean(request.problem), "Usage:", watch_usage(name)])
    if isinstance(request, WatchList):
        return list_text(watches.listed(workspace, channel_id), settings.timezone)
    if not is_admin(settings, user_id, team_id):
        refused = admins_only(settings, team_id, "start or stop watches")
        return f"{refused} `{name} watch list` shows this conversation's."
    if isinstance(request, WatchAdd):
        try:
            watch = watches.create(workspace, channel_id, request.subject, user_id)
        except TooManyWatches:
            return f"This conversation has the most watches it can have. `{name} unwatch ID` stops one first."
        subject = clean(watch.subject)
        what = (f"new articles naming *{subject}* will be posted here with the sentence that names them"
                if watch.kind == "person" else
                f"new articles on *{subject}* (the rule topic digests use) will be posted here with the sentence "
                "closest to it")
        return f"Watching #{watch.id}: {what}, {EVERY}. `{name} unwatch {watch.id}` stops it."
    assert isinstance(request, Unwatch)
    watch = watches.cancel(request.watch_id, workspace, channel_id)
    if watch is None:
        return f"There is no watch #{request.watch_id} here. `{name} watch list` shows them."
    return f"Stopped watch #{watch.id} ({watch.kind}: {clean(watch.subject)}). No more alerts from it."


def list_text(records: list[WatchRecord], tz: str) -> str:
    if not records:
        return "No watches here."
    return "\n".join(watch_line(r, tz) for r in records)


def watch_line(record: WatchRecord, tz: str) -> str:
    watch, post = record.watch, record.last_post
    since = format_time(datetime.fromisoformat(watch.created_at), tz)
    found = f"{record.articles} article{'s' if record.articles != 1 else ''} found"
    if post is None:
        last = "none yet"
    elif post.status == "posted":
        last = f"posted {format_time(datetime.fromisoformat(post.finished_at or post.claimed_at), tz)}"
    elif post.status == "posting":
        last = "posting"
    else:
        last = f"failed ({clean(post.error or 'error')})"
    return f"#{watch.id} {watch.kind}: {clean(watch.subject)} · since {since} · {found} · last alert: {last}"
