"""Notices from the secretariat, one module per job: the draft, its recipients, the fan-out,
acknowledgements, the follow-up and the summaries; their results in ``results``."""
