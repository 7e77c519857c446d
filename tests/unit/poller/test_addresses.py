"""The address checker: every non-public class is refused, public unicast is allowed."""

from __future__ import annotations

import ipaddress

import pytest

from services.poller.addresses import AddressPolicy, BlockedAddressError, blocked_reason

BLOCKED = [
    ("127.0.0.1", "loopback"),
    ("127.255.0.9", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.254", "private"),
    ("192.168.1.1", "private"),
    ("fc00::1", "private"),
    ("fd12:3456::1", "private"),
    ("fec0::1", "private"),
    ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("100.64.0.1", "shared address space (CGNAT)"),
    ("100.127.255.254", "shared address space (CGNAT)"),
    ("::ffff:127.0.0.1", "loopback (embedded in IPv6)"),
    ("::7f00:1", "loopback (embedded in IPv6)"),
    ("::808:808", "reserved"),
    ("::ffff:10.0.0.1", "private (embedded in IPv6)"),
    ("::ffff:169.254.169.254", "link-local (embedded in IPv6)"),
    ("::ffff:100.64.0.1", "shared address space (CGNAT) (embedded in IPv6)"),
    ("2002:7f00:1::1", "loopback (embedded in IPv6)"),
    ("64:ff9b::a00:1", "private (embedded in IPv6)"),
    ("0.1.2.3", "private"),
    ("192.0.2.10", "private"),
    ("198.18.0.1", "private"),
]
ALLOWED = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"]


@pytest.mark.parametrize(("address", "reason"), BLOCKED, ids=[a for a, _ in BLOCKED])
def test_non_public_address_is_refused(address: str, reason: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason
    with pytest.raises(BlockedAddressError, match=r"feeds\.example\.test") as refused:
        AddressPolicy().check("feeds.example.test", address)
    assert refused.value.address == str(ipaddress.ip_address(address))
    assert "--allow-private-network" in str(refused.value)  # what to change, when the address is meant


@pytest.mark.parametrize("address", ALLOWED)
def test_public_address_is_allowed(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None
    assert str(AddressPolicy().check("feeds.example.test", address)) == str(ipaddress.ip_address(address))


@pytest.mark.parametrize(("address", "_reason"), BLOCKED, ids=[a for a, _ in BLOCKED])
def test_allow_private_allows_everything(address: str, _reason: str) -> None:
    AddressPolicy(allow_private=True).check("intranet", address)


def test_allowed_network_is_exempt_and_nothing_else() -> None:
    policy = AddressPolicy.build(allowed_networks=["10.20.0.0/16"])
    policy.check("feeds.internal", "10.20.3.4")
    with pytest.raises(BlockedAddressError):
        policy.check("feeds.internal", "10.21.3.4")


def test_scoped_ipv6_address_is_checked_without_its_scope() -> None:
    with pytest.raises(BlockedAddressError, match="link-local"):
        AddressPolicy().check("router", "fe80::1%eth0")
