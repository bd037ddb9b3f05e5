"""Incoming messages, one service call, rendered replies: one module per user area.

Handlers take a channel-neutral ``handlers.deps.Context`` (the incoming message, a way to reply,
the dependencies); ``handlers.inbound`` lists what a channel adapter calls for each kind of update.
"""
