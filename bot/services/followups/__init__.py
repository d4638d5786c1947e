"""Promises that depend on time: surveys, review reminders, later calls, birthdays, nags, digest.

The scheduler only ticks; what is owed lives in `due_tasks` (every step's owed work, through
`owed.py`) and `manager_alerts`. A task is claimed and its message queued in one transaction,
so overlapping ticks or a restart never send twice, and a restart after downtime catches up on
what was missed.
"""

# Rows per transaction when a sweep meets a backlog. Statements run on the event loop (see
# storage.db), so a batch of 100 holds it for tens of milliseconds, and other work goes between.
# Read at each sweep from this module (jobs.py), so a test can make the batches small.
BATCH = 100
