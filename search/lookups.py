"""``field__any=[...]``: the field equals one of the values, sent as one array parameter.

A search reads a thousand candidate documents by id. ``__in`` writes a thousand placeholders,
and Django and psycopg then spent about as long building and parsing that statement on every
search as PostgreSQL spent answering it; ``= ANY(%s)`` is one parameter and a short statement.
On other databases it is ``IN``.
"""

from __future__ import annotations

from django.db.models import Lookup


def _int_array(values) -> str:
    """Integers as one PostgreSQL array literal (``{1,2,3}``), sent as ``%s::bigint[]``:
    psycopg adapts a list element by element, which for a thousand ids took longer than the
    query it was for."""
    return "{" + ",".join(str(int(value)) for value in values) + "}"


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if all(isinstance(value, int) for value in values):
            return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, _int_array(values))
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if not values:
            return "1 = 0", tuple(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)
