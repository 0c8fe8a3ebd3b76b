"""What tests and benchmarks share: real local stand-ins for Slack's Web API and for web servers, requests
signed as Slack signs them, free ports, and the labelled question sets. Never imported by the bot."""
