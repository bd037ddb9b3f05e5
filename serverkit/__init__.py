"""What every local stand-in for a bot's HTTP API needs, whatever the API: shared by tgserver and zaloserver.

The stand-ins differ in their methods, payloads and error wording; they share how a test waits for the
bot (`waiting`, `observing`), how failures are injected and answered (`faults`, `errors`, `endpoints`),
what is recorded (`records`, `state`), how updates are handed out (`updates`, `receiving`, `webhook`),
people's private chats (`acting`), and how a server starts, stops and runs by hand (`server`,
`standalone`).
"""
