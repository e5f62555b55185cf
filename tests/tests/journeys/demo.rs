//! The presenter's demo controls in a real browser: switch speed and fault scenario, reset the
//! world in one click.

use serde_json::json;
use tether_tests::console::{Console, serial};
use tether_tests::demo_world::ENI_A_G;
use tether_tests::webdriver::Browser;

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_switches_speed_and_scenario_and_resets_the_demo() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("instant").await?;
    let vsws = console
        .api("DescribeVSwitches", json!({"RegionId": "cn-hangzhou"}))
        .await?;
    let vsw = &vsws["VSwitches"]["VSwitch"][0];
    let sgs = console
        .api(
            "DescribeSecurityGroups",
            json!({"RegionId": "cn-hangzhou", "VpcId": vsw["VpcId"]}),
        )
        .await?;
    let extra = console
        .api(
            "CreateNetworkInterface",
            json!({"RegionId": "cn-hangzhou", "VSwitchId": vsw["VSwitchId"],
                   "SecurityGroupIds": [sgs["SecurityGroups"]["SecurityGroup"][0]["SecurityGroupId"]],
                   "NetworkInterfaceName": "made-during-the-demo"}),
        )
        .await?;
    let extra = extra["NetworkInterfaceId"]
        .as_str()
        .ok_or("created")?
        .to_owned();

    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    browser
        .wait(&format!("[data-testid=eni-row-{extra}]"), 20)
        .await?;
    browser
        .click_css("[data-testid=demo-controls] summary")
        .await?;
    browser
        .select("[data-testid=demo-speed]", "realistic")
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while console.simulator.speed() != tether_sim::Speed::Realistic {
        if std::time::Instant::now() > deadline {
            return Err("the speed never changed".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser
        .select("[data-testid=demo-scenario]", "throttling")
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while console.simulator.faults().scenario.as_deref() != Some("throttling") {
        if std::time::Instant::now() > deadline {
            return Err("the scenario never changed".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser
        .select("[data-testid=demo-scenario]", "none")
        .await?;
    // A marker the reload after the reset removes: without it, a blank page in the middle of
    // the reload would pass for "the ENI is gone".
    browser.eval("window.__tetherBeforeReset = true;").await?;
    browser.click_css("[data-testid=demo-reset]").await?;
    browser
        .wait_js("window.__tetherBeforeReset === undefined", 20)
        .await?;
    // The page reloads only once the reset was answered: the API already sees the seed world.
    let gone = console
        .api(
            "DescribeNetworkInterfaces",
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": [extra]}),
        )
        .await?;
    assert_eq!(
        gone["NetworkInterfaceSets"]["NetworkInterfaceSet"],
        json!([]),
        "the ENI made during the demo is gone: {gone}"
    );
    let seed = console
        .api(
            "DescribeNetworkInterfaces",
            json!({"RegionId": "cn-hangzhou", "NetworkInterfaceId": [ENI_A_G]}),
        )
        .await?;
    assert_eq!(
        seed["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["Status"], "Available",
        "the seed ENI is back: {seed}"
    );
    // And the reloaded page shows that world.
    browser
        .wait(&format!("[data-testid=eni-row-{ENI_A_G}]"), 20)
        .await?;
    browser
        .wait_js(
            &format!("!document.querySelector('[data-testid=eni-row-{extra}]')"),
            20,
        )
        .await?;
    Ok(())
}
