"""Fragments of hostile input: mrkdwn that would ping or link, control characters, lone surrogates, FTS
syntax, SQL, reserved words, an SSRF target, huge and empty strings."""

NASTY = ["<!channel>", "<!here|here>", "<@U0ADMIN>", "<#C0GENERAL>", "<https://evil.example|click>", "*bold*",
         "_it_", "~s~", "`code`", "```block```", "&amp;", "&lt;", "\x00", "\x1b[31m", "\u202e", "\u200f", "🇨🇳",
         "👩‍👩‍👧", "\ud800", "\udfff", 'NEAR("a" "b", 3)', '"', "AND", "OR NOT", "title:taiwan", "*", "^",
         "'; DROP TABLE articles; --", "%", "_", "\\", "schedule", "daily", "25:00", "feed", "add", "links",
         "http://169.254.169.254/", "who is", "?", "\n", "\t", " " * 50]
