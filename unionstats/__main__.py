"""``python -m unionstats``: the same as the ``unionstats`` command.

The guard matters: a reader process started with ``spawn`` (Windows, macOS) imports the main
module again under another name, and must not run the command a second time.
"""

from unionstats.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
