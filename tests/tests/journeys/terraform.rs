//! Show the call as Terraform (issue 17): copy the Terraform block for a new ENI from the Create
//! ENI dialog, then create the ENI the block describes.

use serde_json::json;
use tether_tests::axe::assert_accessible;
use tether_tests::console::{Console, serial};
use tether_tests::demo_world::{ENI_A_G, SG_A_WEB, VSW_A_G};
use tether_tests::webdriver::Browser;

/// A description HCL must escape: quotes, a backslash and what would start an interpolation.
const DESCRIPTION: &str = r#"say "hi" \ ${var.x}"#;
/// The same text as the block writes it.
const DESCRIPTION_HCL: &str = r#""say \"hi\" \\ $${var.x}""#;

/// Headless Chromium may refuse the clipboard: a stand-in keeps what the app writes to it.
const CATCH_CLIPBOARD: &str = "Object.defineProperty(navigator, 'clipboard', {configurable: true,
   value: {writeText: t => { window.__copied = t; return Promise.resolve(); }}});
 window.__copied = null;";

#[tokio::test(flavor = "multi_thread")]
async fn copy_the_terraform_block_for_a_new_eni() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser
        .wait(&format!("[data-testid=eni-row-{ENI_A_G}]"), 20)
        .await?;
    browser.click_css("[data-testid=create-eni]").await?;
    browser.wait("[data-testid=create-dialog]", 5).await?;
    browser
        .select("[data-testid=create-vswitch]", VSW_A_G)
        .await?;
    browser
        .click_css(&format!("[data-testid=create-sg-{SG_A_WEB}]"))
        .await?;
    browser
        .type_into("[data-testid=create-name]", "tf-journey")
        .await?;
    browser
        .type_into("[data-testid=create-description]", DESCRIPTION)
        .await?;
    browser
        .click_css("[data-testid=create-dialog] [data-testid=show-call] summary")
        .await?;
    browser.wait("[data-testid=call-terraform]", 5).await?;
    let block = browser
        .eval("return document.querySelector('[data-testid=call-terraform]').textContent;")
        .await?;
    let block = block.as_str().unwrap_or_default().to_owned();
    assert!(
        block.starts_with("resource \"alicloud_ecs_network_interface\" \"tf_journey\" {\n"),
        "{block}"
    );
    for line in [
        format!("  vswitch_id             = \"{VSW_A_G}\"\n"),
        format!("  security_group_ids     = [\"{SG_A_WEB}\"]\n"),
        "  network_interface_name = \"tf-journey\"\n".to_owned(),
        format!("  description            = {DESCRIPTION_HCL}\n"),
    ] {
        assert!(block.contains(&line), "{line:?} is not in\n{block}");
    }
    assert!(block.ends_with("}\n"), "{block}");
    assert!(
        browser
            .find("[data-testid=call-terraform-import]")
            .await?
            .is_none(),
        "a new ENI has nothing to import"
    );
    assert_accessible(
        &browser,
        "the Create ENI dialog with its call and Terraform shown",
    )
    .await?;
    if let Some(dir) = std::env::var_os("TETHER_SCREENSHOTS") {
        browser
            .eval("document.querySelector('[data-testid=call-terraform]').scrollIntoView({block: 'center'});")
            .await?;
        let path = std::path::Path::new(&dir).join("create-eni-terraform.png");
        browser.screenshot(&path).await?;
    }

    let copy = browser.wait("[data-testid=copy-terraform]", 5).await?;
    assert_eq!(
        browser.attr(&copy, "aria-label").await?.as_deref(),
        Some("Copy the Terraform block")
    );
    browser.eval(CATCH_CLIPBOARD).await?;
    browser.click(&copy).await?;
    let copied = browser.wait_js("window.__copied", 5).await?;
    assert_eq!(copied, json!(block), "the button copies the block shown");

    // The block describes the call: the ENI the dialog then creates has that description.
    browser.click_css("[data-testid=create-submit]").await?;
    browser
        .wait_js(
            "[...document.querySelectorAll('[data-testid^=eni-row-]')].some(r => r.textContent.includes('tf-journey'))",
            15,
        )
        .await?;
    let made = console
        .api(
            "DescribeNetworkInterfaces",
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceName": "tf-journey"}),
        )
        .await?;
    assert_eq!(
        made["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["Description"],
        json!(DESCRIPTION),
        "{made}"
    );
    Ok(())
}
