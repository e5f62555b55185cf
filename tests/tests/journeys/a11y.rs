//! Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA, best practice) finds nothing
//! on any page or dialog, Escape gives focus back to what opened a dialog, and a user with only a
//! keyboard binds an ENI.

use serde_json::json;
use tether::state::Role;
use tether_tests::axe::assert_accessible;
use tether_tests::console::{Console, serial};
use tether_tests::demo_world::{ENI_A_G, SG_A_WEB, VPC_A, VSW_A_G, WEB_01};
use tether_tests::webdriver::{Browser, keys};
use tether_tests::wizard::{choose_type_and_image, choose_zone};

const PASSWORD: &str = "correct-horse-battery";

/// Opens the ENI page of Hangzhou and waits for its rows.
async fn open_enis(console: &Console, browser: &Browser) -> Result<(), String> {
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser
        .wait(&format!("[data-testid=eni-row-{ENI_A_G}]"), 20)
        .await
        .map(|_| ())
}

/// Clicks `opener`, waits for the dialog `dialog` and for `ready` inside it, checks it, then
/// closes it with Escape and checks focus went back to `opener`.
async fn check_dialog(
    browser: &Browser,
    opener: &str,
    dialog: &str,
    ready: &str,
) -> Result<(), String> {
    browser
        .click_css(&format!("[data-testid=\"{opener}\"]"))
        .await?;
    browser
        .wait(&format!("[data-testid={dialog}] {ready}"), 10)
        .await?;
    assert_accessible(browser, &format!("the {dialog}")).await?;
    browser.press(&[keys::ESCAPE]).await?;
    browser
        .wait_js(
            &format!("!document.querySelector('[data-testid={dialog}]')"),
            5,
        )
        .await?;
    let focused = browser.focused_testid().await?;
    assert_eq!(
        focused.as_deref(),
        Some(opener),
        "Escape closed the {dialog}: focus goes back to the button that opened it"
    );
    Ok(())
}

/// The `data-testid` of the first enabled element matching `css`.
async fn first_enabled(browser: &Browser, css: &str) -> Result<String, String> {
    let v = browser
        .wait_js(
            &format!("document.querySelector('{css}:not([disabled])')?.dataset.testid"),
            10,
        )
        .await?;
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{css}: {v}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_and_dialog_passes_axe_and_escape_gives_focus_back() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("instant").await?;
    // Something to show in the audit trail.
    console
        .api(
            "CreateNetworkInterface",
            json!({"RegionId": "cn-hangzhou", "VSwitchId": VSW_A_G,
                   "SecurityGroupIds": [SG_A_WEB], "NetworkInterfaceName": "audited"}),
        )
        .await?;
    let browser = Browser::start().await?;

    open_enis(&console, &browser).await?;
    assert_accessible(&browser, "the ENI page").await?;
    check_dialog(&browser, "create-eni", "create-dialog", "#create-vswitch").await?;
    check_dialog(
        &browser,
        &format!("bind-{ENI_A_G}"),
        "bind-dialog",
        &format!("[data-testid=bind-candidate-{WEB_01}]"),
    )
    .await?;
    let unbind = first_enabled(&browser, "[data-testid^=unbind-eni-]").await?;
    check_dialog(
        &browser,
        &unbind,
        "unbind-dialog",
        "[data-testid=unbind-confirm]",
    )
    .await?;
    check_dialog(
        &browser,
        &format!("delete-{ENI_A_G}"),
        "delete-dialog",
        "[data-testid=delete-typed]",
    )
    .await?;
    check_dialog(
        &browser,
        &format!("modify-{ENI_A_G}"),
        "modify-dialog",
        "[data-testid=modify-submit]",
    )
    .await?;
    browser
        .click_css("[data-testid=demo-controls] summary")
        .await?;
    browser.wait("[data-testid=demo-speed]", 5).await?;
    assert_accessible(&browser, "the demo controls (admin)").await?;
    browser
        .click_css("[data-testid=demo-controls] summary")
        .await?;

    browser.click_css("[data-testid=nav-instances]").await?;
    browser
        .wait(&format!("[data-testid=instance-row-{WEB_01}]"), 20)
        .await?;
    assert_accessible(&browser, "the instances page").await?;
    let release = first_enabled(&browser, "[data-testid^=release-i-]").await?;
    check_dialog(
        &browser,
        &release,
        "release-dialog",
        "[data-testid=release-confirm]",
    )
    .await?;

    browser.click_css("[data-testid=nav-create]").await?;
    browser.wait("[data-testid=wizard-step-basic]", 20).await?;
    choose_zone(&browser, "cn-hangzhou-g").await?;
    assert_accessible(&browser, "the wizard's first step").await?;
    choose_type_and_image(&browser).await?;
    browser.select("[data-testid=wizard-vpc]", VPC_A).await?;
    browser
        .select("[data-testid=wizard-vswitch]", VSW_A_G)
        .await?;
    browser.select("[data-testid=wizard-sg]", SG_A_WEB).await?;
    browser.click_css("[data-testid=add-eni]").await?;
    browser.wait("[data-testid=wizard-secondary]", 5).await?;
    assert_accessible(&browser, "the wizard's network step").await?;
    browser.click_css("[data-testid=wizard-next]").await?;
    browser.wait("[data-testid=wizard-verdict-ok]", 10).await?;
    browser.click_css("[data-testid=show-call] summary").await?;
    assert_accessible(&browser, "the wizard's review step").await?;
    browser.click_css("[data-testid=wizard-create]").await?;
    browser
        .wait_js("document.querySelector('[data-testid=wizard-created-status]')?.dataset.status === 'Running'", 30)
        .await?;
    assert_accessible(&browser, "the wizard's created notice").await?;

    browser.click_css("[data-testid=nav-audit]").await?;
    browser.wait("[data-testid^=audit-row-]", 20).await?;
    assert_accessible(&browser, "the audit page").await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sign_in_page_passes_axe_with_and_without_an_error() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start_local("instant", &[("ada", Role::Admin, PASSWORD)]).await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser.wait("[data-testid=login-page]", 20).await?;
    assert_accessible(&browser, "the sign-in page").await?;
    browser.type_into("[data-testid=login-user]", "ada").await?;
    browser
        .type_into("[data-testid=login-password]", "not-the-password")
        .await?;
    browser.click_css("[data-testid=login-submit]").await?;
    browser
        .wait_text("[data-testid=login-error]", 10, |t| !t.is_empty())
        .await?;
    assert_accessible(&browser, "the sign-in page with its error").await?;
    browser
        .type_into("[data-testid=login-password]", PASSWORD)
        .await?;
    browser.click_css("[data-testid=login-submit]").await?;
    browser
        .wait(&format!("[data-testid=eni-row-{ENI_A_G}]"), 20)
        .await?;
    browser
        .wait_text("[data-testid=user-badge]", 5, |t| t.contains("ada"))
        .await?;
    assert_accessible(&browser, "the ENI page, signed in as an admin").await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_keyboard_alone_binds_an_eni() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("demo").await?;
    let browser = Browser::start().await?;
    open_enis(&console, &browser).await?;
    let bind = format!("bind-{ENI_A_G}");
    // From the top of the page, Tab walks the bar, the menu, the toolbar and the rows.
    browser
        .press_until_focused(&[keys::TAB], "the row's Bind button", 400, |t| t == bind)
        .await?;
    browser.press(&[keys::ENTER]).await?;
    browser.wait("[data-testid=bind-dialog]", 5).await?;
    browser
        .wait(&format!("[data-testid=bind-candidate-{WEB_01}]"), 10)
        .await?;
    // Into the candidates' radio group, then pick one with Space and move to WEB_01 with the
    // arrows (they skip the instances that are not eligible, and select as they move).
    browser
        .press_until_focused(&[keys::TAB], "a candidate's radio", 20, |t| {
            t.starts_with("bind-radio-")
        })
        .await?;
    browser.press(&[keys::SPACE]).await?;
    let web_01 = format!("bind-radio-{WEB_01}");
    browser
        .press_until_focused(&[keys::ARROW_DOWN], "WEB_01's radio", 20, |t| t == web_01)
        .await?;
    let checked = browser
        .eval(&format!(
            "return document.querySelector('[data-testid={web_01}]').checked;"
        ))
        .await?;
    assert_eq!(checked, json!(true), "the arrow keys selected WEB_01");
    browser
        .press_until_focused(&[keys::TAB], "the OK button", 10, |t| t == "bind-confirm")
        .await?;
    // The dialog keeps focus inside: past OK is its close button, and Shift+Tab comes back.
    browser.press(&[keys::TAB]).await?;
    let wrapped = browser
        .eval("return document.activeElement.getAttribute('aria-label');")
        .await?;
    assert_eq!(wrapped, json!("Close"), "Tab after OK wraps to Close");
    browser
        .press_until_focused(&[keys::SHIFT, keys::TAB], "the OK button", 1, |t| {
            t == "bind-confirm"
        })
        .await?;
    browser.press(&[keys::ENTER]).await?;
    browser
        .wait_js(
            &format!("document.querySelector('[data-testid=eni-status-{ENI_A_G}]')?.dataset.status === 'InUse'"),
            20,
        )
        .await?;
    let badge = browser
        .wait_text(&format!("[data-testid=eni-status-{ENI_A_G}]"), 5, |t| {
            t.contains("Bound")
        })
        .await?;
    assert_eq!(badge.trim(), "Bound");
    browser.wait("[data-testid=next-steps]", 5).await?;
    assert_accessible(&browser, "the ENI page after a bind, with its next steps").await
}
