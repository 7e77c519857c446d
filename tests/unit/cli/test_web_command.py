"""`newsflow web` and `run --web` on the command line: loopback by default, checked ports, a taken port named."""

from __future__ import annotations

import socket

import pytest

from services.cli.errors import CliError
from services.cli.main import build_parser, main
from services.web.serve import Listener


def test_web_listens_on_loopback_by_default() -> None:
    args = build_parser().parse_args(["web"])
    assert (args.host, args.port) == ("127.0.0.1", 8080)
    run = build_parser().parse_args(["run", "--web"])
    assert (run.web, run.web_host, run.web_port) == (True, "127.0.0.1", 8080)


@pytest.mark.parametrize("port", ["65536", "-1", "http"])
def test_a_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["web", "--port", port])
    assert stop.value.code == 2 and "--port" in capsys.readouterr().err


def test_run_web_does_not_go_with_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--web", "--once"]) == 2
    assert "--web serves while the pipeline runs" in capsys.readouterr().err


def test_a_taken_port_fails_before_anything_starts() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(CliError, match=f"cannot listen on 127.0.0.1:{port}"):
            Listener("127.0.0.1", port)


def test_port_zero_picks_a_free_one_and_names_it() -> None:
    listener = Listener("127.0.0.1", 0)
    sock = listener.take()
    try:
        assert listener.port > 0 and listener.url == f"http://127.0.0.1:{listener.port}/"
    finally:
        sock.close()
