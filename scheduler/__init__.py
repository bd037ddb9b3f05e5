"""Deciding what to send when (the engine) and sending it (the outbox sender)."""
