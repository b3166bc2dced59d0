"""unionstats: read, validate and analyse the Excel reports of a Vietnamese labour federation.

The package follows one direction of flow (see ``docs/methodology.md``)::

    raw files -> cells (``cells``) -> values (``forms``) -> store (``ingest``, ``store``)
"""

__version__ = "0.1.0"
