"""``python -m unionstats``: the same as the ``unionstats`` command."""

from unionstats.cli import main

raise SystemExit(main())
