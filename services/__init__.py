"""Use cases: one async function each, taking a unit of work (session) and the clock."""
