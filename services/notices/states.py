"""Where a notice and each of its deliveries stand, and the outbox keys of its messages.

Delivery state (``NoticeDelivery.state``) follows the outbox, read by idempotency key (the outbox's
unique index): ``pending`` → ``sent`` or ``failed`` (with the sender's error); ``sent`` →
``reminded`` once the one reminder is queued; any → ``acknowledged`` when someone of the agency
presses "Đã nhận". A notice is ``open`` while any delivery is pending or sent, then ``settled``.
"""

from __future__ import annotations

# delivery states
PENDING, SENT, REMINDED, FAILED, ACKNOWLEDGED = "pending", "sent", "reminded", "failed", "acknowledged"
# notice states
OPEN, SETTLED = "open", "settled"

def notice_key(notice_id: int, chat_id: int) -> str:
    return f"notice:{notice_id}:{chat_id}"


def reminder_key(notice_id: int, chat_id: int) -> str:
    return f"notice-remind:{notice_id}:{chat_id}"
