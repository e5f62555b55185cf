//! ENI journeys in a real browser against the real proxy and simulator (demo speed, so the
//! transitions take about a second and the page has to follow them by itself).

use serde_json::json;
use tether_tests::console::{Console, serial};
use tether_tests::webdriver::Browser;

/// Demo-world stories (crates/sim/src/seed): VPC A zone g and its resources.
const VSW_A_G: &str = "vsw-bp1ug3yabs2uyk3hdg31";
const SG_A_WEB: &str = "sg-bp1z3geajvjslcyr9tya";
const WEB_01: &str = "i-bp1ddo8am4lsmcdrzicc";
const PRE_2018: &str = "i-bp15nvfvdissvkoff7p2";
const QUOTA_FULL: &str = "i-bp1i5nvpiedcw3jmy4xb";
const T5_SMALL: &str = "i-bp182lhj9f1vliiyqqc7";
const NOT_IO_OPTIMIZED: &str = "i-bp17mza3oyl91bdg7shh";
const VPC_B_INSTANCE: &str = "i-bp1s9c3m6c3asn7m0eyu";
const ENI_A_G: &str = "eni-bp1xlpsfz1q7pd4okoob";
const ENI_A_G_2: &str = "eni-bp1fv5762w9x07nacff4";

async fn open_enis(speed: &str) -> Result<(Console, Browser), String> {
    let console = Console::start(speed).await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser
        .wait(&format!("[data-testid=eni-row-{ENI_A_G}]"), 20)
        .await?;
    Ok((console, browser))
}

async fn status_of(browser: &Browser, eni: &str) -> Result<String, String> {
    let e = browser
        .wait(&format!("[data-testid=eni-status-{eni}]"), 10)
        .await?;
    Ok(browser.attr(&e, "data-status").await?.unwrap_or_default())
}

async fn wait_status(browser: &Browser, eni: &str, want: &str, secs: u64) -> Result<(), String> {
    let css = format!("[data-testid=eni-status-{eni}]");
    browser
        .wait_js(
            &format!("document.querySelector('{css}')?.dataset.status === '{want}'"),
            secs,
        )
        .await
        .map(|_| ())
}

#[tokio::test(flavor = "multi_thread")]
async fn create_bind_see_bound_without_refresh_unbind_and_delete() -> Result<(), String> {
    let _one = serial().await;
    let (console, browser) = open_enis("demo").await?;
    browser.click_css("[data-testid=create-eni]").await?;
    browser.wait("[data-testid=create-dialog]", 5).await?;
    browser
        .select("[data-testid=create-vswitch]", VSW_A_G)
        .await?;
    browser
        .click_css(&format!("[data-testid=create-sg-{SG_A_WEB}]"))
        .await?;
    browser
        .type_into("[data-testid=create-name]", "e2e-journey-eni")
        .await?;
    browser.click_css("[data-testid=create-submit]").await?;
    // The new row carries the name; its ID comes from the page, not from a fixture.
    let testid = browser
        .wait_js(
            "[...document.querySelectorAll('[data-testid^=eni-row-]')].find(r => r.textContent.includes('e2e-journey-eni'))?.dataset.testid",
            15,
        )
        .await?;
    let eni = testid
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("eni-row-")
        .to_owned();
    assert!(eni.starts_with("eni-"), "{testid}");
    assert_eq!(status_of(&browser, &eni).await?, "Available");

    browser
        .click_css(&format!("[data-testid=bind-{eni}]"))
        .await?;
    browser.wait("[data-testid=bind-dialog]", 5).await?;
    browser
        .click_css(&format!("[data-testid=bind-radio-{WEB_01}]"))
        .await?;
    browser.click_css("[data-testid=bind-confirm]").await?;
    // No refresh click from here on: the page must follow Attaching to Bound by itself.
    wait_status(&browser, &eni, "InUse", 20).await?;
    let badge = browser
        .wait_text(&format!("[data-testid=eni-status-{eni}]"), 5, |t| {
            !t.is_empty()
        })
        .await?;
    assert!(badge.contains("Bound"), "InUse shows as Bound: {badge:?}");
    browser.wait("[data-testid=next-steps]", 5).await?;

    browser
        .click_css(&format!("[data-testid=unbind-{eni}]"))
        .await?;
    browser.click_css("[data-testid=unbind-confirm]").await?;
    wait_status(&browser, &eni, "Available", 20).await?;

    browser
        .click_css(&format!("[data-testid=delete-{eni}]"))
        .await?;
    let confirm = browser.wait("[data-testid=delete-confirm]", 5).await?;
    assert!(
        !browser.enabled(&confirm).await?,
        "delete waits for the typed ID"
    );
    browser
        .type_into("[data-testid=delete-typed]", &eni)
        .await?;
    browser.click_css("[data-testid=delete-confirm]").await?;
    browser
        .wait_js(
            &format!("!document.querySelector('[data-testid=eni-row-{eni}]')"),
            20,
        )
        .await?;
    let left = console
        .api(
            "DescribeNetworkInterfaces",
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": [eni]}),
        )
        .await?;
    assert_eq!(
        left["NetworkInterfaceSets"]["NetworkInterfaceSet"]
            .as_array()
            .map(Vec::len),
        Some(0),
        "{left}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn bind_dialog_greys_out_ineligible_instances_with_every_reason() -> Result<(), String> {
    let _one = serial().await;
    let (_console, browser) = open_enis("instant").await?;
    browser
        .click_css(&format!("[data-testid=bind-{ENI_A_G}]"))
        .await?;
    browser.wait("[data-testid=bind-dialog]", 5).await?;
    let confirm = browser.wait("[data-testid=bind-confirm]", 5).await?;
    assert!(!browser.enabled(&confirm).await?, "nothing chosen yet");
    for (instance, code) in [
        (VPC_B_INSTANCE, "vpc_mismatch"),
        (QUOTA_FULL, "quota_reached"),
        (T5_SMALL, "needs_stopped"),
        (NOT_IO_OPTIMIZED, "old_generation"),
        (PRE_2018, "started_before_2018"),
    ] {
        let row = browser
            .wait(&format!("[data-testid=bind-candidate-{instance}]"), 10)
            .await?;
        assert_eq!(
            browser.attr(&row, "data-eligible").await?.as_deref(),
            Some("false"),
            "{instance}"
        );
        let codes = browser
            .eval(&format!(
                "return [...document.querySelectorAll('[data-testid=bind-reasons-{instance}] li')].map(l => l.dataset.code)"
            ))
            .await?;
        assert!(
            codes
                .as_array()
                .is_some_and(|c| c.iter().any(|x| x == code)),
            "{instance}: {codes} lacks {code}"
        );
        let text = browser
            .text(
                &browser
                    .wait(&format!("[data-testid=bind-reasons-{instance}]"), 5)
                    .await?,
            )
            .await?;
        assert!(!text.trim().is_empty(), "the reason is shown in words");
    }
    let web = browser
        .wait(&format!("[data-testid=bind-candidate-{WEB_01}]"), 5)
        .await?;
    assert_eq!(
        browser.attr(&web, "data-eligible").await?.as_deref(),
        Some("true")
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_instance_started_before_2018_is_restarted_then_bound() -> Result<(), String> {
    let _one = serial().await;
    let (_console, browser) = open_enis("demo").await?;
    browser
        .click_css(&format!("[data-testid=bind-{ENI_A_G_2}]"))
        .await?;
    browser.wait("[data-testid=bind-dialog]", 5).await?;
    browser
        .click_css(&format!("[data-testid=restart-{PRE_2018}]"))
        .await?;
    browser
        .wait_js(&format!("document.querySelector('[data-testid=bind-candidate-{PRE_2018}]')?.dataset.eligible === 'true'"), 30)
        .await?;
    browser
        .click_css(&format!("[data-testid=bind-radio-{PRE_2018}]"))
        .await?;
    browser.click_css("[data-testid=bind-confirm]").await?;
    wait_status(&browser, ENI_A_G_2, "InUse", 20).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upstream_error_is_shown_with_its_code_and_request_id() -> Result<(), String> {
    let _one = serial().await;
    let (console, browser) = open_enis("instant").await?;
    console.simulator.set_faults(tether_sim::FaultConfig {
        rules: vec![tether_sim::FaultRule {
            action: Some("AttachNetworkInterface".into()),
            mutating_only: false,
            kind: tether_sim::FaultKind::OperationConflict,
            probability: 1.0,
        }],
        scenario: None,
    });
    browser
        .click_css(&format!("[data-testid=bind-{ENI_A_G}]"))
        .await?;
    browser
        .click_css(&format!("[data-testid=bind-radio-{WEB_01}]"))
        .await?;
    browser.click_css("[data-testid=bind-confirm]").await?;
    let code = browser
        .wait_text("[data-testid=error-code]", 10, |t| !t.is_empty())
        .await?;
    assert_eq!(code.trim(), "OperationConflict");
    let rid = browser
        .wait_text("[data-testid=error-request-id]", 5, |t| !t.is_empty())
        .await?;
    assert!(
        rid.chars().filter(|c| *c == '-').count() >= 4,
        "a RequestId: {rid:?}"
    );
    assert_eq!(
        status_of(&browser, ENI_A_G).await?,
        "Available",
        "nothing changed"
    );
    Ok(())
}
