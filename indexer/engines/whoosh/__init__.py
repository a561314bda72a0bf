"""The Whoosh engine, write side: the schema, the on-disk format, parallel segment writing.

The default engine: embedded, one index directory on this machine.
"""

DEFAULT = True
