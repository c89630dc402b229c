"""Screenshots of the demo for the README: docs/screenshots/overview.png and team.png.

Builds a throw-away SQLite database (migrations, then `engage seed-demo`), serves it on a free local
port, signs in as the demo's HR user in headless Chromium and saves the overview and a team page.
Run it with `make screenshots`.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
FLASK = str(ROOT / ".venv" / "bin" / "flask")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
MAX_HEIGHT = 1500  # a long page is cut here: the README shows its top
TEAM = "Support EMEA"
DEMO_USER = ("hr@demo.example", "demo-password")
CHARTS_DRAWN = """() => window.Chart && [...document.querySelectorAll("canvas[data-chart]")].every(
    canvas => { const chart = Chart.getChart(canvas); return chart && !Chart.animator.running(chart); })"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def demo_environment(folder: Path) -> dict[str, str]:
    return os.environ | {
        "FLASK_APP": "wsgi",
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}",
        "SECRET_KEY": secrets.token_hex(32),  # this run's only: its sessions end with it
        "SLACK_BOT_TOKEN": "",
        "SLACK_SIGNING_SECRET": "",
    }


def wait_until_serving(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"the server did not answer at {url} within {seconds:.0f} s")


def shoot(page: Page, path: Path) -> None:
    page.wait_for_timeout(300)  # the first frame of Chart.js's animation
    page.wait_for_function(CHARTS_DRAWN)  # and its last
    height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height}
    )
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def take_screenshots(url: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(30_000)
        page.goto(f"{url}/login")
        page.fill("input[name=email]", DEMO_USER[0])
        page.fill("input[name=password]", DEMO_USER[1])
        page.click("input[type=submit]")
        page.wait_for_url(f"{url}/dashboard/")
        shoot(page, OUT / "overview.png")
        page.click(f"table.teams-table >> text={TEAM}")
        page.wait_for_url(f"{url}/dashboard/teams/*")
        shoot(page, OUT / "team.png")
        browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="engage-screenshots-") as folder:
        env = demo_environment(Path(folder))
        subprocess.run([FLASK, "db", "upgrade"], cwd=ROOT, env=env, check=True)
        subprocess.run([FLASK, "engage", "seed-demo"], cwd=ROOT, env=env, check=True)
        port = free_port()
        serve = [FLASK, "run", "--host", "127.0.0.1", "--port", str(port)]
        server = subprocess.Popen(serve, cwd=ROOT, env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_serving(url, server)
            take_screenshots(url)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
