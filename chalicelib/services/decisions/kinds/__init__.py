"""One adapter per verifiable kind: its declaration (`SPEC`) and its own effect; the rest is shared."""
