"""Tasks survive a broker outage: each enqueue is written in the caller's transaction first (an
outbox row), published after commit, and published again by a beat job if the broker was down."""
