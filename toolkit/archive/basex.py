"""A small client for the BaseX server protocol, with timeouts and clean failure when the connection drops.

The PyPI ``BaseXClient`` (8.4.4) speaks the same protocol, but it sets no socket timeout and loops forever when the
server closes the connection (``recv_into`` returning 0 bytes is never treated as end of stream), so a server that
stops mid-run would hang a deposit. This module implements the documented protocol
(https://docs.basex.org/wiki/Server_Protocol) for the few operations the deposit needs.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
from types import TracebackType

_ESCAPE = 0xFF

#: Protocol codes of the binary commands used here.
_QUERY, _CLOSE, _BIND, _EXECUTE = 0x00, 0x02, 0x03, 0x05
_REPLACE, _STORE = 0x0C, 0x0D


class BaseXError(Exception):
    """Base class of every failure talking to a BaseX server."""


class Unreachable(BaseXError):
    """The server could not be reached (refused, unknown host, no route)."""


class AccessDenied(BaseXError):
    """The server refused the credentials."""


class Timeout(BaseXError):
    """The server did not answer within the timeout."""


class ConnectionLost(BaseXError):
    """The server closed the connection in the middle of an exchange."""


class ServerError(BaseXError):
    """The server answered with an error message (a failed command or query)."""


def _escape(data: bytes) -> bytes:
    # The protocol terminates strings with 0x00 and escapes 0x00 and 0xFF inside them with a leading 0xFF.
    if b"\x00" not in data and b"\xff" not in data:
        return data
    out = bytearray()
    for byte in data:
        if byte in (0x00, _ESCAPE):
            out.append(_ESCAPE)
        out.append(byte)
    return bytes(out)


def address(host: str, port: int) -> str:
    """``host:port``, with an IPv6 address in brackets (``[::1]:1984``)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _auth_digest(user: str, password: str, challenge: str) -> str:
    realm, sep, nonce = challenge.partition(":")
    code = f"{user}:{realm}:{password}" if sep else password
    nonce = nonce if sep else realm
    inner = hashlib.md5(code.encode("utf-8")).hexdigest()
    return hashlib.md5((inner + nonce).encode("utf-8")).hexdigest()


class Session:
    """One authenticated connection to a BaseX server; use as a context manager."""

    def __init__(self, host: str, port: int, user: str, password: str, *, timeout: float = 30.0) -> None:
        self._buffer = bytearray()
        #: Set once the stream is unusable (lost, timed out): nothing more is sent on it.
        self._broken = False
        self._address = address(host, port)
        self._timeout = timeout
        self._socket = _connect(host, port, timeout)
        try:
            challenge = self._read_string()
            self._send(user.encode("utf-8") + b"\x00" + _auth_digest(user, password, challenge).encode("ascii"))
            if not self._read_ok():
                raise AccessDenied(f"BaseX at {self._address} refused the credentials of user {user!r}")
        except BaseXError:
            self._socket.close()
            raise

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Say goodbye if the connection still stands, then close it."""
        if not self._broken:
            with contextlib.suppress(OSError):
                self._socket.sendall(b"exit\x00")
        self._socket.close()

    # -- the commands -------------------------------------------------------------------------------------------

    def execute(self, command: str) -> str:
        """Run a database command (``OPEN db``, ``SET CHOP false``); return its result."""
        self._send(command.encode("utf-8"))
        result = self._read_string()
        info = self._read_string()
        if not self._read_ok():
            raise ServerError(info.strip())
        return result

    def query(self, text: str, bindings: dict[str, str] | None = None) -> str:
        """Evaluate an XQuery with external string variables bound by name; return the serialised result."""
        prepared = self.prepare(text)
        try:
            return prepared.execute(bindings)
        finally:
            prepared.close()

    def prepare(self, text: str) -> Query:
        """Compile an XQuery once on the server, to run it many times with new bindings."""
        return Query(self, self._exchange(_QUERY, text.encode("utf-8")))

    def replace(self, path: str, content: bytes) -> str:
        """Add or replace the XML document at ``path`` of the opened database (one atomic update); return the info."""
        return self._put(_REPLACE, path, content)

    def store(self, path: str, content: bytes) -> str:
        """Add or replace the raw (binary) resource at ``path`` of the opened database, bytes as given; the info."""
        return self._put(_STORE, path, content)

    def _put(self, code: int, path: str, content: bytes) -> str:
        self._socket_send(bytes([code]) + _escape(path.encode("utf-8")) + b"\x00" + _escape(content) + b"\x00")
        info = self._read_string()
        if not self._read_ok():
            raise ServerError(info.strip())
        return info

    # -- the wire -----------------------------------------------------------------------------------------------

    def _exchange(self, code: int, payload: bytes) -> str:
        # Query-protocol messages carry their arguments already escaped (several strings joined by 0x00).
        self._socket_send(bytes([code]) + payload + b"\x00")
        result = self._read_string()
        if not self._read_ok():
            raise ServerError(self._read_string().strip())
        return result

    def _send(self, data: bytes) -> None:
        self._socket_send(data + b"\x00")

    def _socket_send(self, data: bytes) -> None:
        try:
            self._socket.sendall(data)
        except OSError as exc:
            raise self._failure(exc, "did not accept data") from None

    def _fill(self) -> None:
        try:
            chunk = self._socket.recv(65536)
        except OSError as exc:
            raise self._failure(exc, "did not answer") from None
        if not chunk:
            self._broken = True
            raise ConnectionLost(f"BaseX at {self._address} closed the connection")
        self._buffer.extend(chunk)

    def _failure(self, exc: OSError, doing: str) -> BaseXError:
        self._broken = True
        if isinstance(exc, TimeoutError):
            return Timeout(f"BaseX at {self._address} {doing} within the timeout ({self._timeout:g} s)")
        return ConnectionLost(f"the connection to BaseX at {self._address} was lost: {exc.strerror or exc}")

    def _read_byte(self) -> int:
        if not self._buffer:
            self._fill()
        byte = self._buffer[0]
        del self._buffer[0]
        return byte

    def _read_ok(self) -> bool:
        return self._read_byte() == 0

    def _read_string(self) -> str:
        out = bytearray()
        start = 0
        while True:
            end = self._buffer.find(b"\x00", start)
            escape = self._buffer.find(b"\xff", start)
            if escape != -1 and (end == -1 or escape < end):
                # An escaped byte: keep the byte after 0xFF literally (it may be 0x00 or 0xFF).
                while len(self._buffer) <= escape + 1:
                    self._fill()
                out += self._buffer[start:escape]
                out.append(self._buffer[escape + 1])
                start = escape + 2
                continue
            if end == -1:
                out += self._buffer[start:]
                self._buffer.clear()
                start = 0
                self._fill()
                continue
            out += self._buffer[start:end]
            del self._buffer[: end + 1]
            return out.decode("utf-8")


def _connect(host: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to ``host:port``, or the reason there is none as a :class:`BaseXError`."""
    where = address(host, port)
    try:
        connection = socket.create_connection((host, port), timeout=timeout)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except TimeoutError:
        raise Timeout(f"no BaseX server answered at {where} within {timeout:g} s (connecting)") from None
    except ConnectionRefusedError:
        raise Unreachable(f"no BaseX server answers at {where} (connection refused)") from None
    except socket.gaierror as exc:
        raise Unreachable(f"cannot find the host {host!r} for BaseX ({exc.strerror or exc})") from None
    except OSError as exc:
        raise Unreachable(f"cannot reach a BaseX server at {where}: {exc.strerror or exc}") from None
    except (ValueError, OverflowError) as exc:
        # the socket layer refuses some names (an IDNA label over 63 characters) and ports with these, not OSError
        raise Unreachable(f"cannot reach a BaseX server at {where}: {exc}") from None
    return connection


class Query:
    """A query held open on the server; its bindings are reset after each execution."""

    def __init__(self, session: Session, query_id: str) -> None:
        self._session = session
        self._id = query_id

    def execute(self, bindings: dict[str, str] | None = None) -> str:
        """Bind external string variables by name, run the query, return the serialised result."""
        for name, value in (bindings or {}).items():
            fields = [self._id, f"${name}", value, "xs:string"]
            self._session._exchange(_BIND, b"\x00".join(_escape(f.encode("utf-8")) for f in fields))
        return self._session._exchange(_EXECUTE, self._id.encode("utf-8"))

    def close(self) -> None:
        """Release the query on the server (nothing is sent on a broken connection)."""
        if not self._session._broken:
            self._session._exchange(_CLOSE, self._id.encode("utf-8"))
