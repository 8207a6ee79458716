"""The eligibility engine: plain Python, no Django, no I/O, no clock."""
