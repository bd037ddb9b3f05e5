"""The failures a test can inject into the Zalo stand-in: the shared connection faults and Zalo's refusals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from serverkit import faults

FaultKind = Literal["429", "500", "502", "timeout", "lost_response", "chat_gone"]


@dataclass
class Fault(faults.Fault):
    """One armed failure; `times=None` keeps it armed until `ZaloServer.clear_faults()`.

    "429" rate limited and "500" server error (JSON envelope, nothing done); "502" a proxy's HTML page;
    "timeout": nothing done, the connection held `delay` s (default 10) then dropped; "lost_response":
    done, then held `delay` s (default 0) and dropped without an answer; "chat_gone": the chat no longer
    exists for the bot (the refusal a blocked private chat or a group the bot left gets).
    """

    kind: FaultKind


class FaultPlan(faults.FaultPlan[Fault]):
    def __init__(self) -> None:
        super().__init__(get_args(FaultKind))
