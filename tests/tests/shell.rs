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
