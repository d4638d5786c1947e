"""The deployment files (docs/deploy.md): the image installs as the README says, the systemd
units pass `systemd-analyze verify`, the compose files are read by a compose tool, and the image
builds, answers /healthz, relays a message and drains on SIGTERM (where a container engine runs;
building takes minutes, so only when CARCARE_IMAGE_TEST=1)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import Updates
from tests.steps import GROUP, IVAN, TOKEN

ROOT = Path(__file__).parent.parent
UNITS = sorted((ROOT / "deploy").glob("carcare-*"))
INSTALLED = "/opt/carcare"  # where the units expect the README's checkout


def test_the_image_installs_as_the_readme_does() -> None:
    """The tested install path is the image's: the README's first command's venv and pip."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = next(line for line in readme.splitlines() if "python3 -m venv .venv && " in line)
    install = re.search(r"python3 -m venv \.venv && \.venv/bin/pip install -q -e \.", first)
    assert install, first
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert f"RUN {install.group(0)} " in dockerfile
    assert re.search(r"^USER carcare$", dockerfile, re.M)
    assert 'VOLUME ["/app/data"]' in dockerfile
    assert "/healthz" in dockerfile.split("HEALTHCHECK", 1)[1]


@pytest.fixture
def units(tmp_path: Path) -> Iterator[list[Path]]:
    """The units as installed from this checkout (this venv's carcare-bot in /opt/carcare's place)."""
    script = Path(sys.executable).with_name("carcare-bot")
    if not script.exists():
        pytest.skip("carcare-bot is not installed in this venv: run pip install -e '.[test]' again")
    venv = script.parent.parent
    copies = []
    for unit in UNITS:
        text = unit.read_text(encoding="utf-8").replace(f"{INSTALLED}/.venv", str(venv))
        copy = tmp_path / unit.name
        copy.write_text(text.replace(INSTALLED, str(tmp_path)), encoding="utf-8")
        copies.append(copy)
    yield copies


def test_the_systemd_units_verify(units: list[Path]) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here: the units were not verified")
    assert [unit.name for unit in units] == [
        "carcare-backup.service", "carcare-backup.timer", "carcare-bot.service"
    ]
    done = subprocess.run(
        ["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True, timeout=120
    )
    # verify exits 0 on an unknown key or a bad value, with a line saying so: none is allowed.
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_bot_unit_drains_before_it_kills() -> None:
    unit = (ROOT / "deploy" / "carcare-bot.service").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#")
    )
    assert settings["ExecStart"] == f"{INSTALLED}/.venv/bin/carcare-bot run"
    assert settings["KillSignal"] == "SIGTERM" and settings["KillMode"] == "mixed"
    assert int(settings["TimeoutStopSec"]) >= 30  # two graces of 10 s, then the kill
    assert settings["User"] == "carcare" and settings["Restart"] == "always"


def compose_tool() -> list[str] | None:
    """Docker Compose v2 (podman-compose 1.0 has no `config`, and its --dry-run creates volumes)."""
    if shutil.which("docker") and subprocess.run(
        ["docker", "compose", "version"], capture_output=True, timeout=60
    ).returncode == 0:
        return ["docker", "compose"]
    return None


def test_the_compose_files_are_read_by_compose(tmp_path: Path) -> None:
    tool = compose_tool()
    if tool is None:
        pytest.skip("`docker compose` is not installed here: compose.yaml was not read by it")
    for name in ("compose.yaml", "compose.web.yaml", "Dockerfile"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TOKEN}\nMANAGER_CHAT_ID={GROUP}\n", encoding="utf-8")
    files = ["-f", "compose.yaml", "-f", "compose.web.yaml"]
    done = subprocess.run(
        [*tool, *files, "config"], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    said = done.stdout
    assert "127.0.0.1:8080:8080" in said and "unless-stopped" in said and "/app/data" in said
    plain = subprocess.run(
        [*tool, "-f", "compose.yaml", "config"], capture_output=True, text=True, timeout=120,
        cwd=tmp_path,
    )
    assert plain.returncode == 0, plain.stderr
    assert "8080:8080" not in plain.stdout  # long polling publishes no port


# --- the image itself -------------------------------------------------------------------------


def engine() -> str | None:
    """A container engine that answers here: docker's daemon, or podman."""
    for name in ("docker", "podman"):
        if shutil.which(name) and subprocess.run(
            [name, "info"], capture_output=True, timeout=60
        ).returncode == 0:
            return name
    return None


# podman keeps HEALTHCHECK only in docker's image format; docker runs it every 2 s here.
FORMAT = {"podman": ["--format", "docker"]}
HEALTH_EVERY = {"docker": ["--health-interval", "2s", "--health-start-period", "60s"]}


async def image_health_check(name: str, box: str) -> str:
    if name == "podman":  # runs the check now
        done = subprocess.run([name, "healthcheck", "run", box], capture_output=True, text=True, timeout=60)
        return "healthy" if done.returncode == 0 else done.stdout + done.stderr
    deadline = time.monotonic() + 90
    while True:
        done = subprocess.run(
            [name, "inspect", box, "--format", "{{.State.Health.Status}}"], capture_output=True,
            text=True, timeout=60,
        )
        if done.stdout.strip() == "healthy" or time.monotonic() > deadline:
            return done.stdout.strip()
        await asyncio.sleep(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def healthy(port: int, limit: float) -> dict:
    deadline = time.monotonic() + limit
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as answer:
                    if answer.status == 200:
                        return await answer.json()
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"no healthy /healthz on {port} in {limit} s")
            await asyncio.sleep(0.5)  # a container starting, not the bot's own time


async def test_the_image_builds_runs_and_drains(tg: FakeTelegram, tmp_path: Path) -> None:
    if os.environ.get("CARCARE_IMAGE_TEST") != "1":
        pytest.skip("building the image takes minutes: CARCARE_IMAGE_TEST=1 runs it (docs/deploy.md)")
    name = engine()
    if name is None:
        pytest.skip("no container engine runs here (docker info and podman info both fail)")
    base = os.environ.get("CARCARE_IMAGE_BASE", "python:3.11-slim-bookworm")
    tag = f"carcare-bot-test:{os.getpid()}"
    # This machine's own needs, such as a TLS proxy's certificate for pip (docs/deploy.md).
    extra = shlex.split(os.environ.get("CARCARE_IMAGE_BUILD_OPTIONS", ""))
    build = await asyncio.to_thread(
        subprocess.run,
        [name, "build", *FORMAT.get(name, []), *extra, "--build-arg", f"BASE={base}", "-t", tag, str(ROOT)],
        capture_output=True, text=True, timeout=1800,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    port, box = free_port(), f"carcare-test-{os.getpid()}"
    volume = f"{box}-data"
    run = [
        name, "run", "-d", "--init", "--name", box, "--network", "host", "-v", f"{volume}:/app/data",
        "-e", f"BOT_TOKEN={TOKEN}", "-e", f"MANAGER_CHAT_ID={GROUP}",
        "-e", f"TELEGRAM_API_URL={tg.url}", "-e", f"HTTP_PORT={port}", "-e", "HTTP_HOST=127.0.0.1",
        "-e", "TELEGRAM_CHAT_PER_SECOND=0", *HEALTH_EVERY.get(name, []), tag,
    ]
    started = await asyncio.to_thread(subprocess.run, run, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    try:
        body = await healthy(port, 120)
        assert body["ok"] is True and body["outbox"] == "ok"
        assert await image_health_check(name, box) == "healthy"  # the image's own HEALTHCHECK
        who = subprocess.run([name, "exec", box, "id", "-u"], capture_output=True, text=True, timeout=60)
        assert who.stdout.strip() == "10001"  # not root
        update = Updates(GROUP).command(IVAN, "/start")
        tg.push_update(update)
        await tg.handled(update["update_id"], timeout=60)
        async with asyncio.timeout(60):
            while not any(call.method == "sendMessage" for call in tg.to_chat(IVAN.id)):
                await tg.wait_for_call()
        began = time.monotonic()
        stop = await asyncio.to_thread(
            subprocess.run, [name, "stop", "-t", "30", box], capture_output=True, timeout=120
        )
        assert stop.returncode == 0
        assert time.monotonic() - began < 25  # drained on SIGTERM, not killed at the deadline
        state = subprocess.run(
            [name, "inspect", box, "--format", "{{json .State}}"], capture_output=True, text=True,
            timeout=60,
        )
        assert json.loads(state.stdout)["ExitCode"] == 0
        files = subprocess.run(
            [name, "run", "--rm", "-v", f"{volume}:/app/data", "--entrypoint", "ls", tag, "/app/data"],
            capture_output=True, text=True, timeout=120,
        )
        assert "carcare.sqlite3" in files.stdout.split()  # the database lives in the volume
    finally:
        subprocess.run([name, "rm", "-f", box], capture_output=True, timeout=120)
        subprocess.run([name, "volume", "rm", "-f", volume], capture_output=True, timeout=120)
        subprocess.run([name, "rmi", "-f", tag], capture_output=True, timeout=120)
