"""Whether mouflow's PostgreSQL pools fit under the server's `max_connections`.

Each process may hold up to `database_pool_size + database_max_overflow` connections. Past the server's
limit, the next connection is refused, and whatever needed it fails. The rule, checked twice:

- a launcher that knows how many processes it will start (`ops.up`: MoU workers, render workers and API
  processes) checks, before it starts any, that all their pools at their largest fit beside the client
  connections open now (`check_planned`), and warns if not;
- each process checks at its start that its own pool fits beside the client connections open now
  (`check_process`). It refuses to start when its pool alone could never fit, and warns when it does not
  fit beside the others.

Only the first refuses: a pool at its largest is the worst case, rarely reached, and a process that will
not start is worse than one that may, under the heaviest load, wait for a connection or be refused one.

What fits is `max_connections` less the slots kept for superusers (and, from PostgreSQL 16, for roles
with pg_use_reserved_connections).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

SERVER_CONNECTIONS = text(
    "SELECT current_setting('max_connections')::int,"
    " current_setting('superuser_reserved_connections')::int"
    " + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0),"
    " (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())"
)


class ConnectionBudgetError(Exception):
    """The pools as the settings size them cannot fit under the server's max_connections."""


@dataclass(frozen=True)
class ServerConnections:
    max_connections: int
    reserved: int
    open: int  # client connections open now, other than the one that asked

    @property
    def available(self) -> int:
        return self.max_connections - self.reserved

    def shortfall(self, wanted: int) -> int:
        """How many connections `wanted` more would lack beside those open now; 0 or less when they fit."""
        return self.open + wanted - self.available

    def describe(self, wanted: int) -> str:
        return (
            f"{wanted} connections wanted, {self.open} open now, and the server takes "
            f"{self.available} (max_connections {self.max_connections} less {self.reserved} reserved)"
        )


def server_connections(connection: Connection) -> ServerConnections:
    max_connections, reserved, open_now = connection.execute(SERVER_CONNECTIONS).one()
    return ServerConnections(int(max_connections), int(reserved), int(open_now))


def read_server(engine: Engine) -> ServerConnections | None:
    """None for SQLite, which has no connection limit."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        return server_connections(connection)


def check_process(engine: Engine, *, per_process: int) -> None:
    """At a process's start, with its own pool's largest size. A database out of reach is no reason not to
    start: the process waits for it as for any outage, unchecked."""
    try:
        server = read_server(engine)
    except DBAPIError as error:
        log.warning("the database's connection limit could not be read, so this process's pool is unchecked: %s", error)
        return
    if server is None:
        return
    if per_process > server.available:
        raise ConnectionBudgetError(
            f"this process's pool alone cannot fit: {server.describe(per_process)}; lower "
            "MOUFLOW_DATABASE_POOL_SIZE and MOUFLOW_DATABASE_MAX_OVERFLOW, or raise max_connections"
        )
    if server.shortfall(per_process) > 0:
        log.warning(
            "the database may refuse this process connections: %s; lower MOUFLOW_DATABASE_POOL_SIZE and "
            "MOUFLOW_DATABASE_MAX_OVERFLOW, run fewer processes, or raise max_connections",
            server.describe(per_process),
        )


def check_planned(engine: Engine, *, pools: Sequence[int]) -> None:
    """Before a launcher starts processes whose pools hold up to `pools` connections, one number each."""
    server = read_server(engine)
    wanted = sum(pools)
    if server is not None and server.shortfall(wanted) > 0:
        raise ConnectionBudgetError(
            f"{len(pools)} processes of up to {wanted} connections in all do not fit: {server.describe(wanted)}; "
            "lower MOUFLOW_DATABASE_POOL_SIZE and MOUFLOW_DATABASE_MAX_OVERFLOW, run fewer processes, "
            "or raise max_connections"
        )
