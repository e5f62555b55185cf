//! The team portal in a real browser: sign in, act as an operator, see a viewer's buttons
//! disabled with the reason, read the audit trail of what the operator did.

use tether::state::Role;
use tether_tests::console::{Console, serial};
use tether_tests::demo_world::{ENI_A_G, WEB_01};
use tether_tests::webdriver::Browser;

const PROTECTED: &str = "eni-bp1n6yd0bl3i5b9sv2eq";
const PASSWORD: &str = "correct-horse-battery";

/// Opens the ENI page signed out, is sent to sign in, signs in. Returns the history's length
/// before the ENI page was opened and just before the form was sent.
async fn sign_in(
    browser: &Browser,
    url: &str,
    user: &str,
    password: &str,
) -> Result<(u64, u64), String> {
    let at_open = browser.history_length().await?;
    browser
        .goto(&format!("{url}/enis?region=cn-hangzhou"))
        .await?;
    browser.wait("[data-testid=login-page]", 20).await?;
    browser.type_into("[data-testid=login-user]", user).await?;
    browser
        .type_into("[data-testid=login-password]", password)
        .await?;
    let at_submit = browser.history_length().await?;
    browser.click_css("[data-testid=login-submit]").await?;
    Ok((at_open, at_submit))
}

#[tokio::test(flavor = "multi_thread")]
async fn operator_acts_viewer_is_refused_with_reasons_and_the_audit_shows_it() -> Result<(), String>
{
    let _one = serial().await;
    let users = [
        ("otto", Role::Operator, PASSWORD),
        ("vera", Role::Viewer, PASSWORD),
    ];
    let console = Console::start_local("instant", &users).await?;
    let browser = Browser::start().await?;

    sign_in(&browser, &console.url, "otto", "not-the-password").await?;
    let err = browser
        .wait_text("[data-testid=login-error]", 10, |t| !t.is_empty())
        .await?;
    assert!(err.contains("Wrong user name or password"), "{err:?}");

    let (_, before) = sign_in(&browser, &console.url, "otto", PASSWORD).await?;
    browser
        .wait(&format!("[data-testid=eni-row-{ENI_A_G}]"), 20)
        .await?;
    // Back where the user was going, and the sign-in form is not a step in the history.
    let at = browser
        .eval("return [location.pathname + location.search, history.length];")
        .await?;
    assert_eq!(at, serde_json::json!(["/enis?region=cn-hangzhou", before]));
    let who = browser
        .wait_text("[data-testid=user-badge]", 5, |t| t.contains("otto"))
        .await?;
    assert!(who.contains("operator"), "{who:?}");
    // An operator may bind but not delete; a protected ENI shows its lock.
    let delete = browser
        .wait(&format!("[data-testid=delete-{ENI_A_G}]"), 5)
        .await?;
    assert!(!browser.enabled(&delete).await?);
    assert!(
        browser
            .attr(&delete, "data-reason")
            .await?
            .unwrap_or_default()
            .contains("admin")
    );
    browser
        .wait(&format!("[data-testid=lock-{PROTECTED}]"), 5)
        .await?;
    browser
        .click_css(&format!("[data-testid=bind-{ENI_A_G}]"))
        .await?;
    browser
        .click_css(&format!("[data-testid=bind-radio-{WEB_01}]"))
        .await?;
    browser.click_css("[data-testid=bind-confirm]").await?;
    browser
        .wait_js(&format!("document.querySelector('[data-testid=eni-status-{ENI_A_G}]')?.dataset.status === 'InUse'"), 20)
        .await?;

    browser.click_css("[data-testid=logout]").await?;
    // Signed out, on the sign-in page (so opening the ENI page below is a new URL: Chrome turns
    // a navigation to the same URL into a replacement, which would hide a pushed detour).
    browser.wait("[data-testid=login-page]", 10).await?;
    let (at_open, at_form) = sign_in(&browser, &console.url, "vera", PASSWORD).await?;
    // Opening the page is one entry; being sent to sign in took its place, not another.
    assert_eq!(
        at_form,
        at_open + 1,
        "the detour to sign in pushed a history entry"
    );
    browser.wait("[data-testid=create-eni]", 20).await?;
    for testid in ["create-eni".to_owned(), format!("unbind-{ENI_A_G}")] {
        let button = browser.wait(&format!("[data-testid={testid}]"), 10).await?;
        assert!(
            !browser.enabled(&button).await?,
            "{testid} is disabled for a viewer"
        );
        let reason = browser
            .wait_text(&format!("[data-testid={testid}-reason]"), 5, |t| {
                !t.is_empty()
            })
            .await?;
        assert!(
            reason.contains("Your role is viewer"),
            "{testid}: {reason:?}"
        );
    }

    browser.click_css("[data-testid=nav-audit]").await?;
    browser.wait("[data-testid=audit-page]", 10).await?;
    let row = browser
        .wait_js(
            "[...document.querySelectorAll('[data-testid^=audit-row-]')].map(r => r.textContent).find(t => t.includes('AttachNetworkInterface'))",
            10,
        )
        .await?;
    let row = row.as_str().unwrap_or_default();
    assert!(
        row.contains("otto") && row.contains(ENI_A_G),
        "the operator's bind is audited: {row}"
    );
    Ok(())
}
