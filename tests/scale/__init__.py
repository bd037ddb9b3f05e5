"""Province scale: query plans on 100,000 tasks, and several sending processes on PostgreSQL."""
