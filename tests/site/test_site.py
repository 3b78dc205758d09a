"""``weibao site`` (issue 26): the static public site, built from the bundled data with the invented sample meetings
and cases of examples/, and read in a real Chromium (Debian's, driven by Playwright): questions typed into the box,
every link followed, a 360 px phone and a desktop, a unit page printed to PDF, axe-core run on the pages.

The questions typed here are invented samples."""

from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, add_samples, cli

WITH_QUESTION_SAMPLES = True


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(repository, site folder), built once for the module through the CLI."""
    base = tmp_path_factory.mktemp("site")
    repo = base / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    add_samples(repo)
    out = base / "网站"
    r = cli(repo, "site", "--out", str(out))
    assert r.exit_code == 0, r.output
    assert re.search(r"已生成网站：.*（\d+ 个网页", r.output)
    return repo, out


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- the build ------------------------------------------------------------------------------------------------


def test_pages_and_same_bytes_every_time(built, tmp_path: Path):
    repo, out = built
    first = files_of(out)
    units = sorted(p.stem for p in (repo / "data/units").glob("*.yaml"))
    assert {f"units/{u}.html" for u in units} <= set(first)
    for page in ("index.html", "units.html", "matrix.html", "rules.html", "meetings.html", "documents.html",
                 "assets/who.js", "assets/who-data.js", "assets/search-data.js", "assets/site.css", "assets/site.js"):
        assert page in first, page
    assert "documents/zhengban-2022-40.html" in first  # 此件公开发布: the founding notice
    again = tmp_path / "again"
    assert cli(repo, "site", "--out", str(again)).exit_code == 0
    assert files_of(again) == first
    assert cli(repo, "site", "--out", str(out)).exit_code == 0  # a folder weibao site built is replaced whole
    assert files_of(out) == first


def test_no_network_at_view_time(built):
    _repo, out = built
    for path, content in files_of(out).items():
        if path.endswith((".html", ".css", ".js")):
            text = content.decode("utf-8")
            assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), path
            assert "@import" not in text and "fetch(" not in text and "XMLHttpRequest" not in text, path


def test_only_public_fields(built):
    repo, out = built
    pages = "\n".join(b.decode("utf-8") for p, b in files_of(out).items() if p.endswith((".html", ".js")))
    import yaml

    from weibao.model.case import CLOSED

    states = set()
    for case in (repo / "data/cases").rglob("*.yaml"):
        doc = yaml.safe_load(case.read_text(encoding="utf-8"))
        states.add(doc["state"])
        # the public summary of an open case is on its lead's page; a finished or stopped one is not
        assert (doc["subject"] in pages) is (doc["state"] not in CLOSED), doc["id"]
        for entry in doc.get("log") or []:
            assert entry["text"] not in pages  # … its log texts (private) never are
        for ext in doc.get("extensions") or []:
            assert ext.get("reason", "\0") not in pages
    assert states & set(CLOSED) and states - set(CLOSED)  # the samples have both


def test_refuses_a_folder_it_did_not_build(built, tmp_path: Path):
    repo, _out = built
    mine = tmp_path / "我的文件"
    mine.mkdir()
    (mine / "笔记.txt").write_text("不要删", encoding="utf-8")
    r = cli(repo, "site", "--out", str(mine))
    assert r.exit_code == 2 and "不是空文件夹，也不是 weibao site 生成的，不会覆盖" in r.output
    assert sorted(p.name for p in mine.iterdir()) == ["笔记.txt"]
    r = cli(repo, "site", "--out", str(mine / "笔记.txt"))
    assert r.exit_code == 2 and "已存在且不是文件夹" in r.output and (mine / "笔记.txt").read_text(encoding="utf-8") == "不要删"
    (tmp_path / ".新网站.weibao-tmp").mkdir()
    r = cli(repo, "site", "--out", str(tmp_path / "新网站"))
    assert r.exit_code == 2 and "不是 weibao site 留下的" in r.output and not (tmp_path / "新网站").exists()


def test_a_finding_stops_the_build_and_nothing_is_written(tmp_path: Path):
    from weibao.site.build import Site, SitePrivacyError, _check_privacy

    site = Site({"units/x.html": "<p>学生王小明，身份证号 110101201001011234，就读于某某县第一中学初二3班</p>".encode()})
    with pytest.raises(SitePrivacyError) as err:
        _check_privacy(site)
    assert err.value.exit_code == 1 and err.value.message.startswith("生成的网页中有") and "units/x.html:1:" in err.value.message
    assert "王小明" not in err.value.message  # the finding is shown masked


def test_invalid_data_builds_nothing(built, tmp_path: Path):
    repo, _ = built
    broken = tmp_path / "repo"
    shutil.copytree(repo / "data", broken / "data")
    unit = broken / "data/units/gongan.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("order: 7", "order: seven"), encoding="utf-8")
    r = cli(broken, "site", "--out", str(tmp_path / "out"))
    assert r.exit_code == 1 and "WB204" in r.output and not (tmp_path / "out").exists()


def test_size_of_the_first_page(built):
    _repo, out = built
    page = (out / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="(assets/[^"]+)"', page)
    total = len(page.encode()) + sum((out / r).stat().st_size for r in refs)
    print(f"first page with its files: {total / 1e6:.2f} MB")
    assert total <= 1_500_000


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])


def test_every_link_resolves(built):
    _repo, out = built
    parsed = {}
    for page in sorted(out.rglob("*.html")):
        p = Links()
        p.feed(page.read_text(encoding="utf-8"))
        parsed[page] = p
    checked = 0
    for page, p in parsed.items():
        for link in p.links:
            parts = urlsplit(link)
            if parts.scheme in ("tel", "mailto") or link == "data:,":  # the empty icon: no request for favicon.ico
                continue
            assert not parts.scheme, (page, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file() and target.is_relative_to(out.resolve()), (page, link)
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in parsed[target].ids, (page, link)
            checked += 1
    assert checked > 300  # 36 pages: navigation, units, the matrix, rule anchors


# -- in Chromium ----------------------------------------------------------------------------------------------


def chromium() -> str:
    exe = os.environ.get("WEIBAO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    return exe


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.errors = []  # console errors and uncaught exceptions: none is allowed on any page
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.errors.append("dialog: " + d.message), d.dismiss()))
    yield pg
    context.close()


def ask(page, out: Path, question: str) -> str:
    page.goto((out / "index.html").as_uri())
    page.fill("#who-q", question)
    page.click("#who-form button")
    page.wait_for_function("document.getElementById('who-result').childElementCount > 0")
    return page.inner_text("#who-result")


def cli_top(repo: Path, question: str, n: int = 5) -> list[str]:
    r = cli(repo, "who", question, "--format", "json", "--top", str(n))
    return [x["unit"]["name"] for x in json.loads(r.stdout)["results"]] if r.exit_code == 0 else []


@pytest.mark.parametrize("question", ["学校旁边的网吧让初中生进去通宵上网", "孩子被打了", "我们单位联络员换人了，名单报给谁备案",
                                      "校车安全", "留守儿童没人管"])
def test_the_box_answers_as_the_cli_does(built, page, question: str):
    repo, out = built
    text = ask(page, out, question)
    shown = [page.inner_text(f"#who-result .answer:nth-child({i}) .answer-head a") for i in range(1, page.locator("#who-result .answer").count() + 1)]
    expected = cli_top(repo, question)
    assert [s.split("（")[0] for s in shown] == expected, text
    assert page.errors == []
    assert "转接：" in text


def test_urgent_first_and_office_rules_quoted(built, page):
    _repo, out = built
    text = ask(page, out, "孩子被打了")
    assert text.startswith("紧急：") and "依法负责：旗公安局牵头" in text
    assert page.locator("#who-result .urgent").count() >= 1
    text = ask(page, out, "我们单位联络员换人了，名单报给谁备案")
    assert "旗未保办" in text.split("\n")[0] + text
    link = page.locator("#who-result a[href^='rules.html#']").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(href) and page.locator(f"[id='{href.split('#')[1]}']").count() == 1
    assert page.errors == []


@pytest.mark.parametrize("question", ["", "   ", "网吧" * 5000, "<script>alert(1)</script>网吧", "<img src=x onerror=alert(1)>孩子被打了",
                                      "😀孩子被拐了", "\u202e孩子被打了"])
def test_bad_questions_never_break_the_page(built, page, question: str):
    _repo, out = built
    text = ask(page, out, question)
    assert text.strip()
    assert page.errors == []  # no script error, no alert
    assert page.locator("#who-result script, #who-result img").count() == 0
    if not question.strip():
        assert text == "问题是空的。例如：孩子被人贩子拐走了"  # refused with the message weibao who gives
    elif len(question) > 2000:
        assert text.startswith("问题有 10000 个字，超过上限 2000 字。")


def test_search_box(built, page):
    _repo, out = built
    page.goto((out / "index.html").as_uri())
    page.fill("#search-q", "网吧")
    page.click("#search-form button")
    page.wait_for_function("document.getElementById('search-result').childElementCount > 0")
    text = page.inner_text("#search-result")
    assert re.match(r"找到 [1-9]\d* 条职责", text) and "互联网上网服务营业场所" in text  # the glossary's word for 网吧
    page.fill("#search-q", "联络员")
    page.click("#search-form button")
    page.wait_for_function("/条规则/.test(document.getElementById('search-result').innerText) && !/ 0 条规则/.test(document.getElementById('search-result').innerText)")
    assert page.errors == []


def test_every_page_loads_without_errors_at_both_widths(built, browser):
    _repo, out = built
    errors: list[str] = []
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        pg = context.new_page()
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("requestfailed", lambda r: errors.append("failed: " + r.url))
        for html in sorted(out.rglob("*.html")):
            pg.goto(html.as_uri())
            assert errors == [], (html, errors)
            if width == 360 and not html.name.startswith("matrix") and "documents/" not in html.as_posix():
                overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, (html, overflow)  # no sideways scrolling on a phone (the matrix scrolls in its own box)
        context.close()


def test_a_unit_page_prints_to_pdf(built, page, tmp_path: Path):
    _repo, out = built
    page.goto((out / "units/gongan.html").as_uri())
    pdf = tmp_path / "gongan.pdf"
    page.pdf(path=str(pdf), format="A4")
    from pdfminer.high_level import extract_text

    text = extract_text(str(pdf))
    assert "旗公安局" in text and "gongan-2" in text and "谁负责" not in text  # the navigation is not printed


def axe_script() -> str:
    for candidate in (os.environ.get("WEIBAO_AXE"), ROOT / ".ci/node_modules/axe-core/axe.min.js", ROOT / "node_modules/axe-core/axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    pytest.skip("axe-core is not installed (.ci/run: npm install axe-core into .ci/node_modules)")


@pytest.mark.parametrize("path, question", [("index.html", "孩子被打了"), ("index.html", None), ("units/gongan.html", None),
                                            ("matrix.html", None), ("rules.html", None), ("meetings.html", None), ("documents.html", None)])
def test_axe_finds_no_serious_violation(built, page, path: str, question):
    _repo, out = built
    if question:
        ask(page, out, question)
    else:
        page.goto((out / path).as_uri())
    page.add_script_tag(content=axe_script())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad


def test_first_answer_time(built, page):
    _repo, out = built
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("html[data-who-ready='1']", state="attached")
    ready = page.evaluate("performance.now()")
    page.fill("#who-q", "学校旁边的网吧让初中生进去通宵上网")
    ms = page.evaluate("""() => { const t = performance.now(); document.querySelector('#who-form button').click();
                                 return performance.now() - t; }""")
    assert page.locator("#who-result .answer").count() > 0 and page.errors == []
    # the target: 150 ms for the first answer once the page has loaded (reported, not asserted: wall time)
    print(f"who box ready {ready:.0f} ms after navigation; first answer {ms:.0f} ms in headless Chromium")


def test_html_in_the_data_is_shown_as_text(built, browser, tmp_path: Path):
    """A meeting title, a decision, a unit's other name holding markup: escaped on every page and in the answers."""
    repo, _ = built
    hostile = tmp_path / "repo"
    shutil.copytree(repo / "data", hostile / "data")
    meeting = hostile / "data/meetings/2026/2026-03-15-director.yaml"
    text = meeting.read_text(encoding="utf-8").replace("title: 2026年第一次主任办公会", 'title: "2026年第一次主任办公会<script>alert(1)</script>"', 1)
    text = text.replace("text: 开展校园周边环境联合检查", 'text: "开展校园周边环境联合检查<img src=x onerror=alert(2)>"', 1)
    meeting.write_text(text, encoding="utf-8")
    unit = hostile / "data/units/wenlv.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("aliases: [文旅局", 'aliases: ["<b onmouseover=alert(3)>网吧管理</b>", 文旅局', 1), encoding="utf-8")
    out = tmp_path / "site"
    r = cli(hostile, "site", "--out", str(out))
    assert r.exit_code == 0, r.output
    pages = {p: b.decode("utf-8") for p, b in files_of(out).items() if p.endswith(".html")}
    joined = "\n".join(pages.values())
    assert "<script>alert" not in joined and "<img src=x" not in joined and "<b onmouseover" not in joined
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["meetings.html"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages["units/gongan.html"]
    assert "&lt;b onmouseover=alert(3)&gt;" in pages["units/wenlv.html"]
    context = browser.new_context()
    pg = context.new_page()
    errors: list[str] = []
    pg.on("dialog", lambda d: (errors.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    for page_path in ("meetings.html", "units/gongan.html", "units/wenlv.html"):
        pg.goto((out / page_path).as_uri())
    pg.goto((out / "index.html").as_uri())
    pg.fill("#search-q", "网吧管理")
    pg.click("#search-form button")
    pg.wait_for_function("document.getElementById('search-result').childElementCount > 0")
    assert errors == [] and pg.locator("#search-result b, #search-result img").count() == 0
    context.close()


def test_from_a_static_web_server(built, page):
    """The same pages from http:// (any static server; here Python's), not only from file://."""
    import functools
    import http.server
    import threading

    _repo, out = built
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html?q=%E5%AD%A9%E5%AD%90%E8%A2%AB%E6%89%93%E4%BA%86")
        page.wait_for_function("document.getElementById('who-result').childElementCount > 0")
        assert page.inner_text("#who-result").startswith("紧急：") and page.errors == []
        page.click("#who-result .answer a")
        page.wait_for_load_state()
        assert page.url.endswith("/units/gongan.html") and page.inner_text("h1") == "旗公安局"
    finally:
        server.shutdown()
        server.server_close()
