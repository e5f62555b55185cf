//! ENI journeys in a real browser against the real proxy and simulator (demo speed, so the
//! transitions take about a second and the page has to follow them by itself).

use serde_json::{Value, json};
use tether_tests::console::{Console, serial};
use tether_tests::demo_world::{ENI_A_G, SG_A_WEB, VSW_A_G, WEB_01};
use tether_tests::webdriver::Browser;

/// Demo-world stories (crates/sim/src/seed): VPC A zone g and its resources.
const PRE_2018: &str = "i-bp15nvfvdissvkoff7p2";
const QUOTA_FULL: &str = "i-bp1i5nvpiedcw3jmy4xb";
const T5_SMALL: &str = "i-bp182lhj9f1vliiyqqc7";
const NOT_IO_OPTIMIZED: &str = "i-bp17mza3oyl91bdg7shh";
const VPC_B_INSTANCE: &str = "i-bp1s9c3m6c3asn7m0eyu";
const ENI_A_G_2: &str = "eni-bp1fv5762w9x07nacff4";
const ENI_A_H: &str = "eni-bp10p17td9a1m3lh07jx";
const STOPPED: &str = "i-bp1v0rg4txdomwdapi99";
const STOPPING: &str = "i-bp1aww6so8syyzqfasp7";
const STUCK_HOST: &str = "i-bp18quna3qlsbme1ew74";
const ZONE_H: &str = "i-bp11qr0i540n3ic1y5t9";

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
    // Every status the row's badge shows from now on, and a marker a reload would lose.
    browser
        .eval(&format!(
            "window.__tetherNoReload = 'bind';
             const seen = window.__tetherStatuses = [];
             const note = () => {{
               const b = document.querySelector('[data-testid=eni-status-{eni}]');
               const now = b ? [b.dataset.status, b.textContent.trim()] : ['gone', ''];
               const last = seen[seen.length - 1];
               if (!last || last[0] !== now[0] || last[1] !== now[1]) seen.push(now);
             }};
             note();
             new MutationObserver(note).observe(document.body,
               {{subtree: true, childList: true, attributes: true, characterData: true}});"
        ))
        .await?;
    browser.click_css("[data-testid=bind-confirm]").await?;
    // No refresh click from here on: the page must follow Attaching to Bound by itself.
    wait_status(&browser, &eni, "InUse", 20).await?;
    browser.wait("[data-testid=next-steps]", 5).await?;
    // What to do next names the source/destination check for an instance that forwards traffic.
    browser
        .wait_text("[data-testid=next-source-dest]", 5, |t| {
            t.contains("source/destination check")
        })
        .await?;
    let seen = browser.eval("return window.__tetherStatuses;").await?;
    assert_eq!(
        seen,
        json!([
            ["Available", "Available"],
            ["Attaching", "Attaching"],
            ["InUse", "Bound"]
        ]),
        "the badge went from Available through Attaching to Bound"
    );
    assert_eq!(
        browser.eval("return window.__tetherNoReload;").await?,
        json!("bind"),
        "the page was not reloaded"
    );

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

/// Every candidate of the open bind dialog: its eligibility and its reasons' codes, sorted.
async fn candidates(browser: &Browser) -> Result<Value, String> {
    browser
        .eval(
            "const out = {};
             for (const row of document.querySelectorAll('[data-testid^=bind-candidate-]')) {
               const id = row.dataset.testid.slice('bind-candidate-'.length);
               const items = [...document.querySelectorAll(`[data-testid=bind-reasons-${id}] li`)];
               if (items.some(l => !l.textContent.trim())) return 'a reason of ' + id + ' has no words';
               out[id] = [row.dataset.eligible, items.map(l => l.dataset.code).sort()];
             }
             return out;",
        )
        .await
}

/// Opens the bind dialog of `eni` and waits until its candidates are exactly `want` (every
/// instance of the region, with the full set of reasons each shows).
async fn bind_candidates_are(browser: &Browser, eni: &str, want: Value) -> Result<(), String> {
    browser
        .click_css(&format!("[data-testid=bind-{eni}]"))
        .await?;
    browser.wait("[data-testid=bind-dialog]", 5).await?;
    let confirm = browser.wait("[data-testid=bind-confirm]", 5).await?;
    assert!(!browser.enabled(&confirm).await?, "nothing chosen yet");
    // The instance types (for the quota) may arrive after the instances: poll, then compare.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut got = candidates(browser).await?;
    while got != want && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        got = candidates(browser).await?;
    }
    assert_eq!(got, want, "the bind dialog of {eni}");
    browser
        .click_css("[data-testid=bind-dialog] button[aria-label=Close]")
        .await?;
    browser
        .wait_js("!document.querySelector('[data-testid=bind-dialog]')", 5)
        .await
        .map(|_| ())
}

#[tokio::test(flavor = "multi_thread")]
async fn bind_dialog_greys_out_ineligible_instances_with_every_reason() -> Result<(), String> {
    let _one = serial().await;
    let (_console, browser) = open_enis("instant").await?;
    // The ENI in VPC A zone g: each story instance shows its own reason and only that.
    bind_candidates_are(
        &browser,
        ENI_A_G,
        json!({
            WEB_01: ["true", []],
            STOPPED: ["true", []],
            STUCK_HOST: ["true", []],
            PRE_2018: ["false", ["started_before_2018"]],
            QUOTA_FULL: ["false", ["quota_reached"]],
            T5_SMALL: ["false", ["needs_stopped"]],
            NOT_IO_OPTIMIZED: ["false", ["old_generation"]],
            STOPPING: ["false", ["instance_state"]],
            ZONE_H: ["false", ["zone_mismatch"]],
            VPC_B_INSTANCE: ["false", ["vpc_mismatch"]],
        }),
    )
    .await?;
    // The ENI in zone h: every zone-g instance adds the zone to its own reasons.
    bind_candidates_are(
        &browser,
        ENI_A_H,
        json!({
            ZONE_H: ["true", []],
            WEB_01: ["false", ["zone_mismatch"]],
            STOPPED: ["false", ["zone_mismatch"]],
            STUCK_HOST: ["false", ["zone_mismatch"]],
            PRE_2018: ["false", ["started_before_2018", "zone_mismatch"]],
            QUOTA_FULL: ["false", ["quota_reached", "zone_mismatch"]],
            T5_SMALL: ["false", ["needs_stopped", "zone_mismatch"]],
            NOT_IO_OPTIMIZED: ["false", ["old_generation", "zone_mismatch"]],
            STOPPING: ["false", ["instance_state", "zone_mismatch"]],
            VPC_B_INSTANCE: ["false", ["vpc_mismatch", "zone_mismatch"]],
        }),
    )
    .await
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
