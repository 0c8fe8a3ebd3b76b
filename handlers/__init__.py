"""Slack listeners, thin: parse -> call the core -> render Block Kit."""
from slack_bolt import App

from handlers import actions, commands, home, installs, mentions


def register(app: App, slash_command: str) -> None:
    commands.register(app, slash_command)
    mentions.register(app)
    actions.register(app)
    home.register(app)
    if app.installation_store is not None:  # OAuth mode
        installs.register(app)
