"""The Zalo adapter: the Zalo Bot Platform's HTTP API behind the channel port.

Zalo has no buttons, no replies, no formatting and string ids, so the adapter turns the port's
terms into Zalo's: actions become a numbered line under plain text (a typed number comes back as
``Incoming.action``), the opaque ids become integer handles (``HandleBook``), and a question's
answer is the next message in its chat.
"""

NAME = "zalo"
