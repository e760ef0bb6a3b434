"""In headless Chromium, in each interface language: an HKTE manager adds a webhook for one event on the party
page, then replaces its signing secret, which is shown that once; the events are named in the reader's words.
Screenshots land in tests/web/screenshots."""

from playwright.async_api import Browser, expect
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from tests.api.conftest import make_users
from tests.symposium import Person

HEADINGS = {"en": "A new signing secret", "zh-Hant": "新的簽署密鑰", "zh-Hans": "新的签署密钥"}
DUE_SOON = {"en": "milestone due soon", "zh-Hant": "里程碑即將到期", "zh-Hans": "里程碑即将到期"}


async def test_a_webhook_is_added_and_its_secret_replaced(
    site: str, browser: Browser, sessions: sessionmaker[Session]
) -> None:
    users = make_users(sessions)
    manager = await Person.sign_in(browser, site, users.token("hkte", Role.MANAGER), "hkte-manager")
    page = manager.page
    await manager.visit("/web/party")
    await page.fill("#webhook-url", "https://hooks.example.invalid/mouflow")
    await page.check("input[name=events][value=milestone_due_soon]")  # the code is what the form sends
    await manager.press("#do-add-webhook")
    first = await page.locator("#webhook-secret").inner_text()
    for language, heading in HEADINGS.items():
        await manager.visit(f"/web/language/{language}?next=/web/party")
        await manager.press("[id^=do-rotate-]")
        await expect(page.locator("#secret-rotated")).to_contain_text(heading)
        assert (await page.locator("#rotated-secret").inner_text()) not in {first, ""}
        await expect(page.locator(".webhook .tag")).to_have_text(DUE_SOON[language])
        due_soon = page.locator("label.check", has=page.locator("input[value=milestone_due_soon]"))
        await expect(due_soon).to_have_text(DUE_SOON[language])
        await manager.shot(f"party-01-secret-replaced-{language}")


CONTROL_REFUSED = {"en": "control character", "zh-Hant": "有欄位含有控制字元", "zh-Hans": "有字段含有控制字符"}


async def test_text_with_a_bidi_override_is_refused_in_the_readers_words(
    site: str, browser: Browser, sessions: sessionmaker[Session]
) -> None:
    users = make_users(sessions)
    manager = await Person.sign_in(browser, site, users.token("hkte", Role.MANAGER), "hkte-manager")
    page = manager.page
    for language, words in CONTROL_REFUSED.items():
        await manager.visit(f"/web/language/{language}?next=/web/party")
        await page.fill("#webhook-url", "https://hooks.example.invalid/\u202egpj.exe")
        await page.check("input[name=events][value=milestone_due_soon]")
        await manager.press("#do-add-webhook")
        await expect(page.locator("#error")).to_contain_text(words)
        await manager.shot(f"party-03-bidi-refused-{language}")
    await manager.visit("/web/party")
    await expect(page.locator(".webhook")).to_have_count(0)  # nothing was kept
