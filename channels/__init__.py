"""Messengers behind one port (``channels.port``); one package per messenger, Telegram first."""
