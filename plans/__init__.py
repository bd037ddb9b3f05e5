"""Pure logic of the product: deadlines, agencies, documents, replies, calendars.

Nothing here touches Telegram, a database, the network or the clock: every function takes
what it needs as arguments, so it is tested as a plain function.
"""
