"""In headless Chromium, in each interface language: the refusals that break no MoU rule, each in the reader's
words: a token that is not valid, a sign-in form out of date, a page that is not there, an address held after
too many failed sign-ins. Screenshots land in tests/web/screenshots."""

from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.symposium import SCREENSHOTS

LANGUAGES = ("en", "zh-Hant", "zh-Hans")
SAID = {
    "token": {"en": "the token is not valid", "zh-Hant": "憑證無效", "zh-Hans": "凭证无效"},
    "out-of-date": {"en": "the sign-in form is out of date", "zh-Hant": "登入表格已過時", "zh-Hans": "登录表格已过时"},
    "not-there": {"en": "Page not found", "zh-Hant": "此網址並無內容", "zh-Hans": "此网址并无内容"},
    "held": {"en": "too many failed sign-ins", "zh-Hant": "登入失敗次數過多", "zh-Hans": "登录失败次数过多"},
}


async def reader(browser: Browser, site: str, language: str) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    await page.goto(f"{site}/web/language/{language}?next=/web/login")
    return context, page


async def sign_in_with(page: Page, token: str) -> None:
    await page.fill("#token", token)
    async with page.expect_navigation():
        await page.click("#sign-in")


async def shot(page: Page, step: str, language: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"refusal-{step}-{language}.png"), full_page=True)


async def test_refusals_are_in_the_readers_words(site: str, browser: Browser) -> None:
    for language in LANGUAGES:
        _, page = await reader(browser, site, language)
        await sign_in_with(page, "mf_not-a-token")
        await expect(page.locator("#error")).to_contain_text(SAID["token"][language])
        await shot(page, "01-token-not-valid", language)
        await page.eval_on_selector("input[name=csrf_token]", "input => { input.value = 'not-the-cookie' }")
        await sign_in_with(page, "mf_not-a-token")
        await expect(page.locator("main")).to_contain_text(SAID["out-of-date"][language])
        await shot(page, "02-form-out-of-date", language)
        await page.goto(f"{site}/web/no-such-page")
        await expect(page.locator("main")).to_contain_text(SAID["not-there"][language])
        await shot(page, "03-not-found", language)


async def test_a_held_address_is_told_to_wait_in_the_readers_words(site: str, browser: Browser) -> None:
    pages = {language: (await reader(browser, site, language))[1] for language in LANGUAGES}
    for _ in range(10):
        await sign_in_with(pages["en"], "mf_not-a-token")
    for language, page in pages.items():
        await sign_in_with(page, "mf_not-a-token")
        await expect(page.locator("#error")).to_contain_text(SAID["held"][language])
        await shot(page, "04-held", language)
