"""The ``parley`` console command: Django's management commands with Parley's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")  # `parley import-feed` runs the import_feed command
    execute_from_command_line(["parley", *args])


if __name__ == "__main__":
    main()
