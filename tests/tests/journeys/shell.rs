//! The pipeline end to end: the proxy serves the built app, the app calls `/api/session` and
//! renders the shell with the backend badge, in headless Chromium.

use tether_tests::console::Console;
use tether_tests::webdriver::Browser;

#[tokio::test(flavor = "multi_thread")]
async fn the_console_shell_renders_with_the_simulator_badge() -> Result<(), String> {
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser.wait("[data-testid=shell]", 20).await?;
    let badge = browser
        .wait_text("[data-testid=backend-badge]", 20, |t| !t.is_empty())
        .await?;
    assert!(badge.contains("Simulator"), "badge says {badge:?}");
    for nav in ["nav-instances", "nav-enis", "nav-create"] {
        browser.wait(&format!("[data-testid={nav}]"), 5).await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn each_page_brings_its_own_chunk_and_the_eni_dialogs_come_after_the_list()
-> Result<(), String> {
    let _one = tether_tests::console::serial().await;
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser.wait("[data-testid=enis-page]", 20).await?;
    let first = browser.fetched_paths().await?.join(" ");
    assert!(first.contains("split_enis_page"), "{first}");
    for other in [
        "split_instances_page",
        "split_wizard_page",
        "split_audit_page",
        "split_eni_dialog",
    ] {
        assert!(
            !first.contains(other),
            "{other} is not needed to draw the list: {first}"
        );
    }
    // A moment after the list is drawn, the dialogs' code is fetched in the background...
    browser
        .wait_js(
            "performance.getEntriesByType('resource').some(e => e.name.includes('split_eni_dialog'))",
            10,
        )
        .await?;
    // ...and the first dialog opens from it.
    browser.click_css("[data-testid=create-eni]").await?;
    browser.wait("[data-testid=create-name]", 10).await?;
    browser.click_css("[aria-label=Close]").await?;
    // Another page fetches its own chunk when visited.
    browser.click_css("[data-testid=nav-audit]").await?;
    browser.wait("[data-testid=audit-page]", 20).await?;
    let later = browser.fetched_paths().await?.join(" ");
    assert!(later.contains("split_audit_page"), "{later}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn links_change_page_without_a_reload_and_back_returns() -> Result<(), String> {
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser.wait("[data-testid=enis-page]", 20).await?;
    // A reload would drop this: every step below must keep it.
    browser
        .eval("window.__same_document = 1; return 1;")
        .await?;
    let current = |testid: &'static str| {
        format!(
            "document.querySelector('[data-testid={testid}]').getAttribute('aria-current') === 'page'"
        )
    };
    browser.wait_js(&current("nav-enis"), 5).await?;
    // The link to where the user already is does not stack up history entries.
    let before = browser.history_length().await?;
    browser.click_css("[data-testid=nav-enis]").await?;
    browser.click_css("[data-testid=nav-enis]").await?;
    let after = browser.history_length().await?;
    assert_eq!(
        before, after,
        "clicking the current page added history entries"
    );

    browser.click_css("[data-testid=nav-instances]").await?;
    browser.wait("[data-testid=instances-page]", 20).await?;
    browser.wait_js(&current("nav-instances"), 5).await?;
    let enis_current = browser
        .eval(&format!("return {};", current("nav-enis")))
        .await?;
    assert_eq!(
        enis_current,
        serde_json::json!(false),
        "two nav entries marked current"
    );
    let url = browser
        .eval("return location.pathname + location.search;")
        .await?;
    assert_eq!(url, serde_json::json!("/instances?region=cn-hangzhou"));

    // Another region is another history entry on the same page.
    browser
        .select("[data-testid=region-select]", "cn-beijing")
        .await?;
    browser
        .wait_js("location.search === '?region=cn-beijing'", 5)
        .await?;
    browser.wait("[data-testid=instances-page]", 5).await?;

    browser.eval("history.back(); return 1;").await?;
    browser
        .wait_js("location.search === '?region=cn-hangzhou'", 5)
        .await?;
    browser.eval("history.back(); return 1;").await?;
    browser.wait("[data-testid=enis-page]", 20).await?;
    browser.wait_js(&current("nav-enis"), 5).await?;
    let kept = browser.eval("return window.__same_document === 1;").await?;
    assert_eq!(
        kept,
        serde_json::json!(true),
        "a link or Back reloaded the page"
    );

    // An unknown path inside the app says so instead of showing a blank page.
    browser.goto(&format!("{}/nowhere", console.url)).await?;
    browser
        .wait_text("main", 20, |t| t.contains("does not exist"))
        .await?;
    Ok(())
}
