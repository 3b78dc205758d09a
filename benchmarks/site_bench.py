"""Figures of ``weibao site`` on the bundled data with the sample meetings and cases of examples/: build time, size of
the site and of the first page (as on disk, and gzip-compressed as a static server sends it), and in headless
Chromium the time until the who box is ready and the time of the first answers.

    python benchmarks/site_bench.py [--shots docs/site]

``--shots`` also saves the screenshots of docs/site.md (first page with an answer, on a desktop and a 360 px phone;
a unit page).  Needs Debian's chromium and the playwright package (the test extra).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUESTIONS = ["学校旁边的网吧让初中生进去通宵上网", "孩子被打了", "我们单位联络员换人了，名单报给谁备案", "校车安全", "留守儿童没人管",
             "孩子在学校被同学欺负了找谁", "小区附近有人卖烟给未成年人"]  # invented samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shots", type=Path, help="save the screenshots of docs/site.md into this folder")
    args = ap.parse_args()
    os.environ["WEIBAO_CACHE"] = "0"
    from weibao.core.repository import Repository
    from weibao.site.build import build_site, write_site

    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT / "data", repo / "data")
        shutil.copytree(ROOT / "examples/meetings/good/2026", repo / "data/meetings/2026")
        shutil.copytree(ROOT / "examples/cases/good/2026", repo / "data/cases/2026")
        t = time.perf_counter()
        site = build_site(Repository(repo))
        build_s = time.perf_counter() - t
        out = Path(tmp) / "site"
        write_site(site, out)
        page = site.files["index.html"].decode()
        first = ["index.html", *re.findall(r'(?:src|href)="(assets/[^"]+)"', page)]
        raw = sum(len(site.files[f]) for f in first)
        gz = sum(len(gzip.compress(site.files[f], 9)) for f in first)
        print(f"build (no cache, index built too): {build_s:.2f} s; {len(site.files)} files, {site.size / 1e6:.2f} MB")
        print(f"first page with its files: {raw / 1e6:.2f} MB on disk, {gz / 1e6:.2f} MB gzip-compressed")
        for f in first:
            print(f"  {f:24} {len(site.files[f]):>9,} bytes  gzip {len(gzip.compress(site.files[f], 9)):>9,}")
        browse(out, args.shots)


def browse(out: Path, shots: Path | None) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: no browser figures")
        return
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        print("chromium is not installed: no browser figures")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        ready, answers = [], []
        for _ in range(5):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto((out / "index.html").as_uri())
            page.wait_for_selector("html[data-who-ready='1']", state="attached")
            ready.append(page.evaluate("performance.now()"))
            for q in QUESTIONS:
                page.fill("#who-q", q)
                answers.append(page.evaluate("""() => { const t = performance.now(); document.querySelector('#who-form button').click();
                                              return performance.now() - t; }"""))
            page.close()
        print(f"who box ready after navigation: median {statistics.median(ready):.0f} ms (5 loads)")
        print(f"answer time: median {statistics.median(answers):.1f} ms, max {max(answers):.1f} ms ({len(answers)} questions)")
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
            for name, width, height, path, question in (("site-desktop.png", 1280, 1000, "index.html", "学校旁边的网吧让初中生进去通宵上网"),
                                                        ("site-phone.png", 360, 900, "index.html", "孩子被打了"),
                                                        ("site-unit.png", 1280, 1000, "units/gongan.html", None)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto((out / path).as_uri())
                if question:
                    page.wait_for_selector("html[data-who-ready='1']", state="attached")
                    page.fill("#who-q", question)
                    page.click("#who-form button")
                    page.locator("#who-result").scroll_into_view_if_needed()
                page.screenshot(path=str(shots / name))
                page.close()
                print(f"saved {shots / name}")
        browser.close()


if __name__ == "__main__":
    main()
