"""Which IP addresses the poller may connect to: public unicast only, unless private networks are allowed."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


class BlockedAddressError(Exception):
    """A connection the guard refused: the host resolved to a non-public address, or was not TCP."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"refused to connect to {host!r}: address {address} is {reason} "
                         "(--allow-private-network or NEWSFLOW_ALLOW_PRIVATE_NETWORKS=true allows it)")
        self.host = host
        self.address = address
        self.reason = reason


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried inside an IPv6 one (mapped, 6to4, NAT64, IPv4-compatible), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64 or (ip in IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(ip: IPAddress) -> str | None:
    """Why an address must not be fetched from, or None when it is a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address) and (inner := embedded_ipv4(ip)) is not None:
        if (reason := blocked_reason(inner)) is not None:
            return f"{reason} (embedded in IPv6)"
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is the IPv4 address itself
            return None
    checks: list[tuple[bool, str]] = [
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip in CGNAT, "shared address space (CGNAT)"),
        (ip.is_reserved, "reserved"),
        (ip in UNIQUE_LOCAL or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local), "private"),
        (ip.is_private, "private"),
        (not ip.is_global, "not globally routable"),
    ]
    return next((reason for hit, reason in checks if hit), None)


@dataclass(frozen=True)
class AddressPolicy:
    """Which resolved addresses may be connected to."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def build(cls, allow_private: bool = False, allowed_networks: Iterable[str] = ()) -> AddressPolicy:
        """A policy from settings values; allowed_networks are CIDRs exempted from the check."""
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks))

    def check(self, host: str, address: str) -> IPAddress:
        """The parsed address, or BlockedAddressError when the policy refuses it."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if self.allow_private or any(ip in net for net in self.allowed_networks):
            return ip
        if (reason := blocked_reason(ip)) is not None:
            raise BlockedAddressError(host, str(ip), reason)
        return ip
