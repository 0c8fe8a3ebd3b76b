"""us-china: a Slack bot that answers from indexed articles with verbatim, cited excerpts."""
