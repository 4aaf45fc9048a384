"""A median aggregate that runs in the database on PostgreSQL and on the demo's SQLite."""

import statistics

from django.db.models import Aggregate, FloatField


class Median(Aggregate):
    """The median of a column per group: PostgreSQL's `percentile_cont(0.5)`; on SQLite a
    `median()` aggregate this app registers on each connection (`sqlite_median_register`)."""

    function = "MEDIAN"
    name = "Median"
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )


class _SQLiteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def sqlite_median_register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MEDIAN", 1, _SQLiteMedian)
