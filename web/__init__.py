"""The leaders' dashboard in the browser: server-rendered pages reading through the same services as
the bot (no query of its own), opened by a personal one-time link."""
