"""User-facing failures: one or two lines naming what failed and what to change, never a traceback (``-v`` shows it)."""

from __future__ import annotations

from urllib.parse import urlsplit

EXIT_FAILED = 1  # a service or input the command needed was not usable
EXIT_USAGE = 2  # the command line itself is wrong (argparse uses 2 too)


class CliError(Exception):
    """A failure the user can act on; its message is printed as is."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def redacted(url: str) -> str:
    """host:port/database of a connection URL, without user or password."""
    try:
        parts = urlsplit(url)
        host = f"{parts.hostname or '?'}:{parts.port or 5432}"
    except ValueError:
        return "(unparsable URL)"
    return f"{host}{parts.path or ''}"


def postgres_error(exc: BaseException, url: str | None) -> CliError:
    """What went wrong reaching Postgres, naming DATABASE_URL."""
    import asyncpg

    where = f"Postgres at {redacted(url)}" if url else "Postgres"
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return CliError(f"{where}: {exc}.\nCreate it (`newsflow init` does) or point DATABASE_URL at an existing one.")
    if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError | asyncpg.InvalidPasswordError):
        return CliError(f"{where} refused the login: {exc}.\nCheck the user and password in DATABASE_URL.")
    if isinstance(exc, ValueError | asyncpg.ClientConfigurationError) and not isinstance(exc, OSError):
        return CliError(f"DATABASE_URL is not a valid Postgres URL ({exc}).\n"
                        "Use the form postgresql://user:password@host:5432/database.")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
    return CliError(f"cannot connect to {where}: {reason}.\n"
                    "Check that Postgres is running and that DATABASE_URL names it.")


def broker_error(exc: BaseException, bootstrap: str) -> CliError:
    """What went wrong reaching the Kafka broker, naming KAFKA_BOOTSTRAP_SERVERS."""
    reason = str(exc) or type(exc).__name__
    if "Unable to bootstrap" in reason or isinstance(exc, OSError):
        reason = "no broker answered"
    return CliError(f"cannot reach the Kafka broker at {bootstrap}: {reason}.\n"
                    "Check that it is running and that KAFKA_BOOTSTRAP_SERVERS names it.")
