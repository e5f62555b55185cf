//! The creation wizard in a real browser: an instance with a primary and a secondary ENI, as the
//! seed document describes, followed until Running.

use serde_json::json;
use tether_tests::console::{Console, serial};
use tether_tests::demo_world::{CENTOS_73, SG_A_WEB, VPC_A, VSW_A_G};
use tether_tests::webdriver::Browser;
use tether_tests::wizard::first_step;

#[tokio::test(flavor = "multi_thread")]
async fn the_wizard_creates_an_instance_with_a_primary_and_a_secondary_eni() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("demo").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/create?region=cn-hangzhou", console.url))
        .await?;
    browser.wait("[data-testid=wizard-step-basic]", 20).await?;
    browser
        .select("[data-testid=wizard-zone]", "cn-hangzhou-g")
        .await?;
    // A type without ENI support is offered but cannot be picked, with its reason.
    let t1 = browser
        .wait("[data-testid=\"wizard-type-radio-ecs.t1.small\"]", 10)
        .await?;
    assert!(
        !browser.enabled(&t1).await?,
        "ecs.t1.small cannot take ENIs"
    );
    // The first step is drawn from the page's own chunk; the later steps' chunk is fetched only
    // after the first step's data arrived (Resource Timing, so no race with this test's pace).
    let first = browser.fetched_paths().await?.join(" ");
    assert!(first.contains("split_wizard_page"), "{first}");
    let after = browser
        .wait_js(
            "(() => { const r = performance.getEntriesByType('resource'); \
              const later = r.find(e => e.name.includes('split_wizard_later')); \
              const images = r.find(e => e.name.includes('/api/DescribeImages')); \
              return later && images ? String(later.startTime >= images.responseEnd) : ''; })()",
            10,
        )
        .await?;
    assert_eq!(
        after,
        json!("true"),
        "the later steps' chunk came before the first step's data"
    );
    browser
        .click_css("[data-testid=\"wizard-type-radio-ecs.g6.large\"]")
        .await?;
    browser
        .click_css(&format!("[data-testid=\"wizard-image-{CENTOS_73}\"]"))
        .await?;
    browser.click_css("[data-testid=wizard-next]").await?;

    browser.wait("[data-testid=wizard-step-network]", 5).await?;
    browser.select("[data-testid=wizard-vpc]", VPC_A).await?;
    browser
        .select("[data-testid=wizard-vswitch]", VSW_A_G)
        .await?;
    browser.select("[data-testid=wizard-sg]", SG_A_WEB).await?;
    browser.click_css("[data-testid=add-eni]").await?;
    browser.wait("[data-testid=wizard-secondary]", 5).await?;
    let add = browser.wait("[data-testid=add-eni]", 5).await?;
    assert!(
        !browser.enabled(&add).await?,
        "the wizard takes one secondary ENI"
    );
    let why = browser
        .wait_text("[data-testid=add-eni-reason]", 5, |t| !t.is_empty())
        .await?;
    assert_eq!(
        why.trim(),
        "At creation an instance takes at most two ENIs: one primary and one secondary. Attach more later.",
        "the limit is explained"
    );
    browser.click_css("[data-testid=wizard-next]").await?;

    browser.wait("[data-testid=wizard-step-review]", 5).await?;
    browser.wait("[data-testid=wizard-verdict-ok]", 5).await?;
    browser.click_css("[data-testid=show-call] summary").await?;
    let call = browser
        .wait_text("[data-testid=show-call]", 5, |t| t.contains("RunInstances"))
        .await?;
    assert!(
        call.contains("NetworkInterface.2"),
        "the call shows the secondary ENI: {call}"
    );
    browser.click_css("[data-testid=wizard-create]").await?;
    browser
        .wait_js("document.querySelector('[data-testid=wizard-created-status]')?.dataset.status === 'Running'", 30)
        .await?;
    let link = browser.wait("[data-testid=wizard-created-link]", 5).await?;
    let href = browser.attr(&link, "href").await?.unwrap_or_default();
    let instance = href
        .split("i-")
        .nth(1)
        .map(|rest| format!("i-{}", rest.split(['&', '?', '/']).next().unwrap_or("")))
        .unwrap_or_default();
    assert!(instance.len() > 4, "link to the new instance: {href}");

    let enis = console
        .api(
            "DescribeNetworkInterfaces",
            json!({"RegionId": "cn-hangzhou", "InstanceId": instance}),
        )
        .await?;
    let mut types: Vec<String> = enis["NetworkInterfaceSets"]["NetworkInterfaceSet"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["Type"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default();
    types.sort();
    assert_eq!(types, ["Primary", "Secondary"], "{enis}");
    let secondary = enis["NetworkInterfaceSets"]["NetworkInterfaceSet"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["Type"] == "Secondary").cloned())
        .unwrap_or_default();
    assert_eq!(
        secondary["VSwitchId"], VSW_A_G,
        "the ENI is in the instance's vSwitch"
    );
    assert_eq!(
        secondary["DeleteOnRelease"], true,
        "released with the instance by default"
    );

    // Another region is a fresh wizard: the created notice goes and the steps start over.
    browser
        .select("[data-testid=region-select]", "cn-shanghai")
        .await?;
    browser
        .wait_js(
            "!document.querySelector('[data-testid=wizard-created]')",
            10,
        )
        .await?;
    first_step(&browser, "cn-shanghai-e").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn another_region_starts_the_wizard_over_with_that_regions_choices() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/create?region=cn-hangzhou", console.url))
        .await?;
    first_step(&browser, "cn-hangzhou-g").await?;
    browser.select("[data-testid=wizard-vpc]", VPC_A).await?;

    browser
        .select("[data-testid=region-select]", "cn-shanghai")
        .await?;
    // Back to the first step, nothing of Hangzhou chosen, Shanghai's zones offered.
    browser.wait("[data-testid=wizard-step-basic]", 10).await?;
    browser
        .wait("[data-testid=wizard-zone] option[value=cn-shanghai-e]", 10)
        .await?;
    let hangzhou_zones = browser
        .eval("return document.querySelectorAll('[data-testid=wizard-zone] option[value^=cn-hangzhou]').length;")
        .await?;
    assert_eq!(hangzhou_zones, json!(0));
    let next = browser.wait("[data-testid=wizard-next]", 5).await?;
    assert!(
        !browser.enabled(&next).await?,
        "Next needs this region's zone, type and image"
    );
    // The network step then offers Shanghai's VPCs only.
    first_step(&browser, "cn-shanghai-e").await?;
    browser
        .wait_js(
            "document.querySelectorAll('[data-testid=wizard-vpc] option[value^=vpc-]').length > 0",
            10,
        )
        .await?;
    let stale = browser
        .eval(&format!(
            "return document.querySelectorAll('[data-testid=wizard-vpc] option[value={VPC_A}]').length;"
        ))
        .await?;
    assert_eq!(stale, json!(0), "a Hangzhou VPC is offered in Shanghai");
    Ok(())
}
