"""Quality of the moderation engine: per-rule tables on the authored cases and the shared development data.

    .venv/bin/python benchmarks/quality.py [--data ../shared/data] [--limit 1000] [--functionality] [--failures 5]

Same as `parley evaluate`; prints tables only, asserts nothing.
"""

import sys

from parley.cli import main

if __name__ == "__main__":
    main(["evaluate", *sys.argv[1:]])
