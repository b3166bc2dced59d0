"""Allow ``python -m unionstats``."""

from unionstats.cli import main

raise SystemExit(main())
