"""The Telegram adapter: the only package of the product that imports ``telegram``."""
