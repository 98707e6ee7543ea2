"""The demo publisher used by ``parley seed-demo``: its feed, terms and discussion."""
