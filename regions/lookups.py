"""The `prefix` lookup: an index-friendly "starts with" on region codes.

Django's `startswith` is a LIKE, which SQLite only serves from an index when
LIKE is made case sensitive for the whole connection (and that would change
every `icontains`). So on SQLite the prefix becomes a range of the binary
collation; on PostgreSQL it stays a LIKE, which the code's
varchar_pattern_ops index serves.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import Lookup
from django.db.models.sql.compiler import SQLCompiler


@models.CharField.register_lookup
@models.ForeignKey.register_lookup
class Prefix(Lookup):
    lookup_name = "prefix"
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = connection.ops.prep_for_like_query(self.rhs) + "%"
        return f"{lhs} LIKE %s", (*lhs_params, pattern)

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = str(self.rhs)
        # Every string that starts with the prefix sorts at or after it and
        # before the prefix with its last character moved one code point on.
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", (*lhs_params, prefix, *lhs_params, upper)
