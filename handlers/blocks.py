"""Answer -> Block Kit. Plain data in, blocks out; all mrkdwn escaping happens here.

Built with slack_sdk.models.blocks so Slack's limits are checked where the SDK can check them.
"""
from __future__ import annotations

import json
import re

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from core.answer import Answer, Excerpt
from core.digest import Digest
from core.feedback import REASONS
from core.filters import typed_filters
from core.watch_delivery import Alert

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_VALUE_LIMIT = 2000
PAGE = 5
SHARE_ACTION = "share_answer"
MORE_ACTION = "more_excerpts"
# who-is for a surname several people share: a button for each other person it may mean (ids must differ in a block)
ASK_ACTION = "ask_about"
BUTTON_TEXT_LIMIT = 75
# feedback (issue #20): 👍 / 👎 on every answer, then the 👎's reason; the blocks carrying it have ids
# starting with FEEDBACK_BLOCK, so an update swaps them and leaves the answer as it was
FEEDBACK_BLOCK = "feedback"
UP_ACTION = "feedback_up"
DOWN_ACTION = "feedback_down"
REASON_ACTION = "feedback_reason"


def escape(text: str) -> str:
    """Slack mrkdwn control characters, so article or user text can never ping, link or format as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: str) -> str:
    """Escape, and drop control characters Slack would reject or show as garbage."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return escape(text)


def cut(text: str, limit: int) -> str:
    """Cut at the last sentence end (or word) that fits, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    window = text[: limit - 1]
    stop = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
    if stop > limit // 2:
        return window[: stop + 1] + " …"
    space = window.rfind(" ")
    return (window[:space] if space > limit // 2 else window) + "…"


def link(e: Excerpt) -> str:
    """The title, linked when the source is a web address. Titles lose '|', which would end the link text."""
    title = clean(e.title).replace("|", "–")
    if _web_link(e.source):
        return f"<{e.source}|{title}>"
    return f"*{title}*"


def citation(e: Excerpt) -> str:
    bits = [link(e), e.published or "undated"]
    if e.outlet:
        bits.append(clean(e.outlet))
    if e.also:
        bits.append("also in: " + ", ".join(_named_link(name, url) for name, url in e.also))
    return " · ".join(bits)


def _named_link(name: str, url: str | None) -> str:
    name = clean(name).replace("|", "–")
    return f"<{url}|{name}>" if _web_link(url) else name


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=cut(text, SECTION_LIMIT) if text.strip() else "…"))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=cut(text, SECTION_LIMIT) if text.strip() else "…")])


def _button_value(data: dict) -> str:
    """JSON for a button; <, > and & as \\u escapes, so not even a hidden value holds a raw <!channel>."""

    def dump(d: dict) -> str:
        text = json.dumps(d, ensure_ascii=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    value = dump(data)
    while len(value) > BUTTON_VALUE_LIMIT and data.get("q"):
        data = {**data, "q": data["q"][: len(data["q"]) // 2]}
        value = dump(data)
    return value


def excerpt_blocks(answer: Answer, excerpts: list[Excerpt]) -> list:
    blocks: list = []
    if answer.intent == "who-is":
        for e in excerpts:
            role = f"*{clean(e.role)}*\n" if e.role else ""
            blocks += [_section(f"{role}“{clean(e.text)}”"), _context(citation(e))]
        return blocks
    current = None
    group: list[str] = []
    for e in excerpts + [None]:  # type: ignore[list-item]
        if e is None or (current is not None and e.article_id != current.article_id):
            blocks += [_section("\n".join(group)), _context(citation(current))]
            group = []
        if e is not None:
            group.append(f"> {clean(e.text)}")
            if e.speaker:
                group.append(f"— _{clean(e.speaker)}, {e.published or 'undated'}_")
            current = e
    return blocks


def page_of(answer: Answer, offset: int) -> list[Excerpt]:
    """The excerpts one message shows: the answer's own, or a page of More from `offset`."""
    return answer.excerpts if offset == 0 else answer.more[offset - len(answer.excerpts):][:PAGE]


def feedback_blocks(value: str, state: str = "ask", feedback_id: int | None = None,
                    reason: str | None = None) -> list:
    """👍 / 👎 ("ask"); after a 👎, its reasons ("reasons"); then a thank-you, once ("thanked")."""
    if state == "thanked":
        said = f"👎 Thanks for the feedback: “{clean(reason)}” noted." if reason else "👍 Thanks for the feedback."
        return [ContextBlock(block_id=FEEDBACK_BLOCK, elements=[MarkdownTextObject(text=said)])]
    if state == "reasons":
        offset = json.loads(value).get("o", 0)
        return [ContextBlock(block_id=f"{FEEDBACK_BLOCK}_note",
                             elements=[MarkdownTextObject(text="👎 Noted. What was wrong?")]),
                ActionsBlock(block_id=FEEDBACK_BLOCK, elements=[
                    ButtonElement(text=label[:1].upper() + label[1:], action_id=f"{REASON_ACTION}_{code}",
                                  value=_button_value({"f": feedback_id, "r": code, "o": offset}))
                    for code, label in REASONS.items()])]
    return [ActionsBlock(block_id=FEEDBACK_BLOCK, elements=[
        ButtonElement(text="👍", action_id=UP_ACTION, value=value),
        ButtonElement(text="👎", action_id=DOWN_ACTION, value=value)])]


def swap_feedback(blocks: list[dict], replacement: list) -> list[dict]:
    """A message's blocks with its feedback blocks replaced (the answer itself is left as it was)."""
    ours = [i for i, b in enumerate(blocks) if str(b.get("block_id", "")).startswith(FEEDBACK_BLOCK)]
    at = ours[0] if ours else len(blocks)
    kept = [b for i, b in enumerate(blocks) if i not in ours]
    return kept[:at] + [b.to_dict() if hasattr(b, "to_dict") else b for b in replacement] + kept[at:]


def answer_blocks(answer: Answer, shared_by: str | None = None, offset: int = 0, feedback: list | None = None
                  ) -> list[dict]:
    """The answer as blocks: the query restated (with the filters it applied), the summary, cited excerpts, Share
    and More buttons, and 👍 / 👎 (or `feedback`, the blocks that replaced them)."""
    asked = f"*{clean(answer.query)}*"
    if answer.filters:
        asked += f" · filters: {clean(answer.filters.describe())}"
    blocks: list = [_context(f"<@{shared_by}> shared: {asked}" if shared_by else f"You asked: {asked}")]
    if answer.entity and offset == 0:
        blocks.append(HeaderBlock(text=cut(answer.entity, HEADER_LIMIT) if answer.entity.strip() else "…"))
    if offset == 0:
        blocks.append(_section(clean(answer.summary)))
        if answer.also_named and not shared_by:
            blocks.append(ActionsBlock(elements=also_named_buttons(answer)))
    excerpts = page_of(answer, offset)
    if excerpts:
        blocks.append(DividerBlock())
        blocks += excerpt_blocks(answer, excerpts)
    shown = offset + len(excerpts) if offset else len(answer.excerpts)
    remaining = len(answer.excerpts) + len(answer.more) - shown
    buttons = []
    if answer.excerpts and not shared_by:
        buttons.append(ButtonElement(text="Share in channel", action_id=SHARE_ACTION,
                                     value=_button_value({"q": answer.query, "o": offset})))
    if remaining > 0 and not shared_by:
        buttons.append(ButtonElement(text=f"More ({remaining})", action_id=MORE_ACTION,
                                     value=_button_value({"q": answer.query, "o": shown})))
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    blocks = blocks[:MAX_BLOCKS - 2]  # room for the feedback blocks
    if answer.intent != "invalid-filter":  # the grammar is not an answer to judge
        blocks += feedback or feedback_blocks(_button_value({"q": answer.query, "o": offset}))
    return [b.to_dict() for b in blocks]


def also_named_buttons(answer: Answer) -> list[ButtonElement]:
    """"Who is Boris Johnson?" beside the profile of Alan Johnson, when `who is Johnson` was asked: each asks for
    that person's profile under the filters the question typed."""
    filters = typed_filters(answer.query)
    return [ButtonElement(text=cut(f"Who is {name}?", BUTTON_TEXT_LIMIT), action_id=f"{ASK_ACTION}_{k}",
                          value=_button_value({"q": f"who is {name} {filters}".strip(), "o": 0}))
            for k, name in enumerate(answer.also_named)]


def answer_text(answer: Answer) -> str:
    """Notification and screen-reader fallback for the blocks."""
    return cut(f"{clean(answer.query)}: {clean(answer.summary)}", SECTION_LIMIT)


def usage_blocks(command: str) -> list[dict]:
    return [_section(usage_text(command)).to_dict()]


def usage_text(command: str) -> str:
    c = escape(command)
    return "\n".join([
        f"*{c}* answers from the indexed articles with quoted, cited excerpts.",
        f"• `{c} who is Kurt Campbell` — the roles the articles give a person, with sources and dates",
        f"• `{c} tensions taiwan` — a short brief on a topic",
        f"• `{c} why was the trip postponed` — the sentences that answer a question",
        f"• `{c} schedule daily 09:00 [topic]`, `schedule weekly mon 08:30 [topic]`, `schedule list`, "
        f"`schedule cancel ID` — digests in this channel",
        f"• `{c} taiwan since:2023-06-01 source:state.gov` — filters in any question: `since:7d` or "
        "`since:2023-06-01`, `before:2023-07`, `source:DOMAIN`, `outlet:NAME`, and `latest` for newest first",
        f"• `{c} add URL`, `feed add URL`, `feed list`, `feed remove ID` — add sources",
        f"• `{c} watch Kurt Campbell`, `watch taiwan strait`, `watch list`, `unwatch ID` — post here when a new "
        "article names the person or is on the topic",
        f"• `{c} stats` — what is indexed",
        f"• `{c} help` — this message",
        "Mention the bot in a channel or send it a DM to get the answer in a thread.",
    ])


def digest_blocks(digest: Digest) -> list[dict]:
    """A digest as blocks: the headline, then per story its linked title, quotes and a context line."""
    blocks: list = [_section(f"*{clean(digest.headline())}*")]
    for story in digest.stories:
        title = clean(story.title).replace("|", "–")
        heading = f"<{story.link}|{title}>" if _web_link(story.link) else f"*{title}*"
        quotes = "\n".join(f"> {clean(s)}" for s in story.sentences)
        blocks.append(_section(f"{heading}\n{quotes}" if quotes else heading))
        bits = [story.published or "undated"] + ([clean(story.outlet)] if story.outlet else [])
        if story.people:
            bits.append("People: " + ", ".join(clean(p) for p in story.people))
        if story.also:
            bits.append("Also in: " + ", ".join(_named_link(s.outlet or s.title, s.link) for s in story.also))
        blocks.append(_context(" · ".join(bits)))
    if digest.more:
        blocks.append(_context(f"…and {digest.more} more."))
    return [b.to_dict() for b in blocks][:MAX_BLOCKS]


def digest_text(digest: Digest) -> str:
    return cut(clean(digest.headline()), SECTION_LIMIT)


def alert_text(alert: Alert) -> str:
    """'Watch #3: 2 new articles naming Kurt Campbell': the notification line and the fallback."""
    n = len(alert.hits) + alert.more
    what = "naming" if alert.watch.kind == "person" else "on"
    return cut(f"Watch #{alert.watch.id}: {n} new article{'s' if n != 1 else ''} {what} {clean(alert.watch.subject)}",
               SECTION_LIMIT)


def alert_blocks(alert: Alert, command: str) -> list[dict]:
    """A watch alert: per article its linked title, the sentence that matched (quoted), its date and outlet."""
    blocks: list = [_section(f"*{alert_text(alert)}*")]
    for hit in alert.hits:
        title = clean(hit.title).replace("|", "–")
        heading = f"<{hit.link}|{title}>" if _web_link(hit.link) else f"*{title}*"
        blocks.append(_section(f"{heading}\n> {clean(hit.sentence)}"))
        blocks.append(_context(" · ".join([hit.published or "undated"] + ([clean(hit.outlet)] if hit.outlet else []))))
    if alert.more:
        blocks.append(_context(f"…and {alert.more} more."))
    blocks.append(_context(f"`{escape(command)} unwatch {alert.watch.id}` stops this watch."))
    return [b.to_dict() for b in blocks][:MAX_BLOCKS]


def _web_link(url: str | None) -> bool:
    return bool(url and re.match(r"https?://", url) and not re.search(r"[\s<>|]", url))
