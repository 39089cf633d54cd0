"""The web chat in real headless Chromium (Debian's /usr/bin/chromium; nothing is downloaded)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


@pytest.fixture()
def dialogs() -> list[str]:
    """Messages of any alert()/confirm() the page opened: injected script would show up here."""
    return []


# Screenshots are test artefacts: kept after the run (CI uploads the directory).
ARTIFACTS = Path(os.environ.get("POLICYKB_ARTIFACTS", Path(__file__).resolve().parents[1] / "test-artifacts")) / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's chromium (make system-deps)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); the browser test needs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_ui(browser, live_server, dialogs, viewport: dict[str, int]):
    page = browser.new_page(viewport=viewport, locale="zh-CN")
    page.set_default_timeout(TIMEOUT_MS)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{live_server.url}/ui/")
    page.locator("#question textarea").wait_for()
    return page


@pytest.fixture()
def page(browser, live_server, dialogs):
    page = open_ui(browser, live_server, dialogs, {"width": 1280, "height": 1000})
    yield page
    page.close()


def ask(page, question: str, done: str = "引用条款"):
    """Send a question; return its answer bubble once `done` shows in it (citations come last)."""
    from playwright.sync_api import expect

    answers = page.locator("#chatbot [data-testid='bot']")
    count = answers.count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    expect(answers).to_have_count(count + 1)
    expect(answers.nth(count)).to_contain_text(done)
    return answers.nth(count)


def show_tasks_of(page, unit_name: str) -> None:
    """On the 部门职责 tab, list the tasks of a unit typed by its short name (市教委 has 存量专利盘点)."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="部门职责").click()
    unit = page.locator("#unit input")
    unit.fill(unit_name)
    unit.press("Enter")
    page.get_by_role("button", name="查看任务").click()
    expect(page.locator("#unit-tasks")).to_contain_text("存量专利盘点")


def test_chat_answers_with_citations_follow_ups_and_escapes_html(page, dialogs, tmp_path):
    from playwright.sync_api import expect

    first = ask(page, "中小企业知识产权运营能力提升项目每家支持多少钱？")
    expect(first).to_contain_text("20万元")
    expect(first).to_contain_text("引用条款")
    expect(first).to_contain_text("上海市知识产权运营服务体系建设第二批专项资金实施细则")
    expect(first).to_contain_text("第十五条")
    expect(first).to_contain_text("一次性予以每家不超过20万元经费支持")  # verbatim clause text
    expect(first).to_contain_text("已失效")  # validity badge on the session's date (2025-06-01)
    # each source is a collapsed block under the answer: the clause text shows when it is opened
    blocks = first.locator("details")
    assert blocks.count() >= 1 and "**" not in first.locator("summary").first.inner_text()
    quote = blocks.first.locator("blockquote")
    expect(quote).to_be_hidden()
    blocks.first.locator("summary").click()
    expect(quote).to_be_visible()
    page.screenshot(path=tmp_path / "chat.png", full_page=True)

    # the browser keeps one session: a follow-up is understood in context
    expect(ask(page, "我们医院想建知识产权运营中心，专项资金每家能支持多少？")).to_contain_text("50万元")
    expect(ask(page, "那高校呢？")).to_contain_text("80万元")

    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>这个项目还有效吗？"
    ask(page, attack, done="")
    users = page.locator("#chatbot [data-testid='user']")
    expect(users.last).to_contain_text("<script>alert(1)</script><img src=x onerror=alert(2)>")
    assert page.locator("#chatbot script").count() == 0 and page.locator("#chatbot img[src=x]").count() == 0
    assert dialogs == []
    page.screenshot(path=tmp_path / "chat-escaped.png", full_page=True)


def test_eligibility_tab_lists_programs(page, tmp_path):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="资格查询").click()
    page.locator("#subject-type").get_by_label("中小企业", exact=True).check()
    page.locator("#attributes").get_by_label("专精特新", exact=True).check()
    page.locator("#check-eligibility").click()
    table = page.locator("#programs")
    expect(table).to_contain_text("中小企业知识产权运营能力提升项目")
    expect(table).to_contain_text("每家不超过20万元")
    expect(table).to_contain_text("已失效")
    page.screenshot(path=tmp_path / "eligibility.png", full_page=True)


def test_units_tab_shows_tasks_with_csv_and_documents_tab_shows_validity(page, tmp_path):
    from playwright.sync_api import expect

    show_tasks_of(page, "市教委")
    expect(page.locator("#unit-note")).to_contain_text("上海市教育委员会")
    with page.expect_download() as download:
        page.locator("#unit-csv a").first.click()
    saved = tmp_path / "tasks.csv"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith("\ufeff单位,角色,文件,条款,任务,截止时间,目标,条款ID".encode())

    page.get_by_role("tab", name="文件库").click()
    documents = page.locator("#documents")
    expect(documents).to_contain_text("上海市专利转化运用专项行动实施方案")
    expect(documents).to_contain_text("非政策文件")
    expect(documents).to_contain_text("已失效")
    page.screenshot(path=tmp_path / "documents.png", full_page=True)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_three_tabs_fit_the_screen_and_the_answer_shows_without_scrolling(browser, live_server, dialogs, device):
    """At desktop and phone width: the chat answer's first line is in view as soon as it arrives
    (its sources are collapsed below it), the eligibility and 部门职责 tabs show their results, and
    no page scrolls sideways. Each state is saved as a screenshot artefact."""
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = open_ui(browser, live_server, dialogs, VIEWPORTS[device])
    try:
        answer = ask(page, "中小企业知识产权运营能力提升项目每家支持多少钱？")
        expect(answer).to_contain_text("20万元")
        box = answer.bounding_box()
        # what the reader sees at the answer's first line is the answer itself, not something over it
        seen = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.closest(\"[data-testid='bot']\") !== null", [box["x"] + 24, box["y"] + 14])
        assert 0 <= box["y"] < VIEWPORTS[device]["height"] and seen, box
        assert no_horizontal_scroll(page)
        page.screenshot(path=ARTIFACTS / f"chat-{device}.png")

        page.get_by_role("tab", name="资格查询").click()
        page.locator("#subject-type").get_by_label("医院", exact=True).check()
        page.locator("#check-eligibility").click()
        expect(page.locator("#programs")).to_contain_text("医疗卫生系统知识产权运营中心建设")
        expect(page.locator("#eligibility-verdict")).to_contain_text("没有找到“医院”可以申报的现行有效项目")
        assert no_horizontal_scroll(page)
        page.screenshot(path=ARTIFACTS / f"eligibility-{device}.png", full_page=True)

        show_tasks_of(page, "市教委")
        assert no_horizontal_scroll(page)
        page.screenshot(path=ARTIFACTS / f"units-{device}.png", full_page=True)
    finally:
        page.close()
    assert dialogs == []
