"""Notices from the secretariat, one module per job: composing the draft step by step (``composing``,
on the draft kept by ``drafts``), its ``recipients``, the ``fan_out`` on confirmation, the
``acknowledgement``, the engine's ``follow_up`` and the ``summaries``; what they return is in
``results``, where deliveries stand in ``states``, and the texts they queue come from ``messages``."""
