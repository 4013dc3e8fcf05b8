#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A setting missing from the environment is the newcomer's first stumble: one line that says what
        # to set, not a traceback.
        sys.exit(f"{error}\nOn a development machine: DEBUG=true .venv/bin/python manage.py ... (see README.md).")


if __name__ == "__main__":
    main()
