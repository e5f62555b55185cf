//! The ENI detail page in a real browser against the real proxy and simulator: a bound ENI's
//! secondary private IPs assigned from its page and seen without a refresh, an assignment over
//! the instance type's limit refused with its reason before any call, one unassigned again; an
//! ENI's tags, security groups, IPv6 addresses and source/destination check changed from its
//! page; and a managed ENI read-only, every action saying why.

use tether_tests::axe::assert_accessible;
use tether_tests::console::{Console, serial};
use tether_tests::demo_world::{ENI_A_G, SG_A_WEB};
use tether_tests::webdriver::Browser;

/// The demo world's `api-full-data` (crates/sim/src/seed.rs): InUse, a secondary ENI of
/// `api-full`, an ecs.g6.large (6 private IPs per ENI), holding its primary address only.
const BOUND_NAME: &str = "api-full-data";

async fn assigns(console: &Console) -> u64 {
    calls(console, "AssignPrivateIpAddresses")
}

/// How many `action` calls the simulator has answered.
fn calls(console: &Console, action: &str) -> u64 {
    console
        .simulator
        .stats()
        .by_action
        .get(action)
        .copied()
        .unwrap_or(0)
}

/// The ID of the listed ENI whose row carries `name`.
async fn eni_named(browser: &Browser, name: &str) -> Result<String, String> {
    let testid = browser
        .wait_js(
            &format!("[...document.querySelectorAll('[data-testid^=eni-row-]')].find(r => r.textContent.includes('{name}'))?.dataset.testid"),
            20,
        )
        .await?;
    Ok(testid
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("eni-row-")
        .to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bound_eni_gets_two_secondary_ips_from_its_page_and_is_refused_past_its_types_limit()
-> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("demo").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    let eni = eni_named(&browser, BOUND_NAME).await?;
    assert!(eni.starts_with("eni-"), "{eni}");
    // A marker a reload would lose: from here on the page must follow by itself.
    browser.eval("window.__tetherNoReload = 'detail';").await?;
    browser
        .click_css(&format!("[data-testid=eni-link-{eni}]"))
        .await?;
    browser.wait("[data-testid=eni-detail-page]", 10).await?;
    let path = browser
        .eval("return location.pathname + location.search;")
        .await?;
    assert_eq!(
        path.as_str(),
        Some(format!("/enis/{eni}?region=cn-hangzhou").as_str())
    );
    browser
        .wait_text("[data-testid=ip-meter]", 10, |t| {
            t == "1 of 6 addresses used (ecs.g6.large allows 6 per ENI)"
        })
        .await?;
    let name = browser.wait("[data-testid=field-name]", 5).await?;
    assert_eq!(browser.text(&name).await?, BOUND_NAME);

    // Two more addresses, by count.
    browser.type_into("[data-testid=assign-count]", "2").await?;
    // The show-the-call panel opens on a click; WebDriver reads only visible text.
    browser
        .click_css("[data-testid=assign-call] summary")
        .await?;
    let cli = browser
        .wait_text("[data-testid=assign-call] [data-testid=call-cli]", 5, |t| {
            t.contains("SecondaryPrivateIpAddressCount")
        })
        .await?;
    assert!(
        cli.starts_with("aliyun ecs AssignPrivateIpAddresses "),
        "{cli}"
    );
    assert!(
        cli.contains(&format!("--NetworkInterfaceId {eni}")),
        "{cli}"
    );
    assert!(cli.contains("--SecondaryPrivateIpAddressCount 2"), "{cli}");
    browser.click_css("[data-testid=assign-ips]").await?;
    browser
        .wait_text("[data-testid=ip-meter]", 15, |t| {
            t == "3 of 6 addresses used (ecs.g6.large allows 6 per ENI)"
        })
        .await?;
    let rows = browser
        .eval("return document.querySelectorAll('[data-testid^=ip-row-]').length;")
        .await?;
    assert_eq!(rows.as_u64(), Some(3));
    let primaries = browser
        .eval(
            "return document.querySelectorAll('[data-testid^=ip-row-][data-primary=true]').length;",
        )
        .await?;
    assert_eq!(primaries.as_u64(), Some(1));
    assert_eq!(
        browser
            .eval("return window.__tetherNoReload;")
            .await?
            .as_str(),
        Some("detail"),
        "the page was reloaded"
    );
    assert_eq!(assigns(&console).await, 1);

    // Four more would make 7 of 6: refused, with the reason, and nothing is sent.
    browser.type_into("[data-testid=assign-count]", "4").await?;
    let reason =
        "The ENI has 3 private IPs; 4 more would pass the 6 per ENI that ecs.g6.large allows.";
    browser
        .wait_text("[data-testid=assign-reasons]", 5, |t| t == reason)
        .await?;
    let button = browser.wait("[data-testid=assign-ips]", 5).await?;
    assert!(!browser.enabled(&button).await?);
    assert_eq!(
        browser.attr(&button, "data-reason").await?.as_deref(),
        Some(reason)
    );
    // Even a script's click on the disabled button sends nothing.
    browser
        .eval("document.querySelector('[data-testid=assign-ips]').click();")
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(assigns(&console).await, 1, "a refused assignment was sent");
    assert_accessible(
        &browser,
        "the ENI detail page with a refusal and a call shown",
    )
    .await?;

    // One of the two goes back; the primary cannot be chosen.
    let primary = browser
        .wait(
            "[data-testid^=ip-row-][data-primary=true] input[type=checkbox]",
            5,
        )
        .await?;
    assert!(!browser.enabled(&primary).await?);
    browser
        .click_css("[data-testid^=ip-row-][data-primary=false] input[type=checkbox]")
        .await?;
    browser.click_css("[data-testid=unassign-ips]").await?;
    browser
        .wait_text("[data-testid=ip-meter]", 15, |t| {
            t == "2 of 6 addresses used (ecs.g6.large allows 6 per ENI)"
        })
        .await?;
    assert_eq!(
        browser
            .eval("return window.__tetherNoReload;")
            .await?
            .as_str(),
        Some("detail"),
        "the page was reloaded"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_managed_enis_page_is_read_only_with_the_reason() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!("{}/enis?region=cn-hangzhou", console.url))
        .await?;
    let eni = eni_named(&browser, "nat-gw-eni").await?;
    // Opened by its address, as a bookmark would.
    browser
        .goto(&format!("{}/enis/{eni}?region=cn-hangzhou", console.url))
        .await?;
    let reason = "Managed by an Alibaba Cloud service (ACK, NAT Gateway...): it cannot be changed.";
    browser
        .wait_text("[data-testid=managed-note]", 20, |t| t == reason)
        .await?;
    let managed = browser
        .wait("[data-testid=field-service-managed]", 5)
        .await?;
    assert!(browser.text(&managed).await?.starts_with("Yes"));
    browser.type_into("[data-testid=assign-count]", "1").await?;
    browser.type_into("[data-testid=tag-key]", "team").await?;
    browser
        .type_into("[data-testid=assign-ipv6-count]", "1")
        .await?;
    // Every action of the page is refused with the same reason.
    for testid in [
        "assign-ips",
        "add-tag",
        "remove-tags",
        "sg-save",
        "assign-ipv6",
        "source-dest-toggle",
    ] {
        let button = browser.wait(&format!("[data-testid={testid}]"), 5).await?;
        assert!(!browser.enabled(&button).await?, "{testid} is enabled");
        assert_eq!(
            browser.attr(&button, "data-reason").await?.as_deref(),
            Some(reason),
            "{testid}"
        );
    }
    assert_eq!(assigns(&console).await, 0);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_enis_tags_groups_ipv6_and_source_dest_check_change_from_its_page() -> Result<(), String>
{
    let _one = serial().await;
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    // `spare-g-1`: Available, secondary, in `prod-web-sg`, in the vSwitch with an IPv6 block.
    browser
        .goto(&format!(
            "{}/enis/{ENI_A_G}?region=cn-hangzhou",
            console.url
        ))
        .await?;
    browser.wait("[data-testid=no-tags]", 20).await?;
    browser.eval("window.__tetherNoReload = 'detail';").await?;

    // A tag goes on...
    browser.type_into("[data-testid=tag-key]", "team").await?;
    browser.type_into("[data-testid=tag-value]", "web").await?;
    browser
        .click_css("[data-testid=add-tag-call] summary")
        .await?;
    let cli = browser
        .wait_text(
            "[data-testid=add-tag-call] [data-testid=call-cli]",
            5,
            |t| t.contains("TagResources"),
        )
        .await?;
    assert!(cli.contains("--ResourceType eni"), "{cli}");
    assert!(cli.contains(&format!("--ResourceId.1 {ENI_A_G}")), "{cli}");
    browser.click_css("[data-testid=add-tag]").await?;
    browser
        .wait_text("[data-testid=tag-team]", 15, |t| t.contains("team=web"))
        .await?;
    // ...and comes off.
    browser.click_css("[data-testid=tag-select-team]").await?;
    browser.click_css("[data-testid=remove-tags]").await?;
    browser.wait("[data-testid=no-tags]", 15).await?;
    assert_eq!(calls(&console, "TagResources"), 1);
    assert_eq!(calls(&console, "UntagResources"), 1);

    // The other group of VPC A joins the web one.
    let other = browser
        .wait_js(
            "[...document.querySelectorAll('input[data-testid^=sg-pick-]')].find(i => !i.checked)?.dataset.testid",
            15,
        )
        .await?;
    let other = other.as_str().unwrap_or_default().to_owned();
    assert!(other.starts_with("sg-pick-sg-"), "{other}");
    let web = browser
        .eval(&format!(
            "return document.querySelector('[data-testid=sg-pick-{SG_A_WEB}]').checked;"
        ))
        .await?;
    assert_eq!(
        web.as_bool(),
        Some(true),
        "the ENI's own group is not ticked"
    );
    browser.click_css(&format!("[data-testid={other}]")).await?;
    browser.click_css("[data-testid=sg-save]").await?;
    let group = other.trim_start_matches("sg-pick-").to_owned();
    browser
        .wait_text("[data-testid=field-security-groups]", 15, |t| {
            t.contains(&group) && t.contains(SG_A_WEB)
        })
        .await?;
    assert_eq!(calls(&console, "ModifyNetworkInterfaceAttribute"), 1);

    // One IPv6 address of the vSwitch's block.
    browser
        .wait_text("[data-testid=ipv6-meter]", 5, |t| {
            t == "0 of 10 addresses used (an unattached ENI holds up to 10)"
        })
        .await?;
    browser
        .type_into("[data-testid=assign-ipv6-count]", "1")
        .await?;
    browser.click_css("[data-testid=assign-ipv6]").await?;
    browser
        .wait_text("[data-testid=ipv6-meter]", 15, |t| {
            t == "1 of 10 addresses used (an unattached ENI holds up to 10)"
        })
        .await?;
    let ipv6 = browser.wait("[data-testid=field-ipv6]", 5).await?;
    assert!(
        browser
            .text(&ipv6)
            .await?
            .starts_with("2408:4005:3a0:7a00:"),
        "{}",
        browser.text(&ipv6).await?
    );

    // The source/destination check goes on (a new ENI has it off).
    browser
        .wait_text("[data-testid=source-dest-state]", 5, |t| t == "Off")
        .await?;
    browser
        .click_css("[data-testid=source-dest-toggle]")
        .await?;
    browser
        .wait_text("[data-testid=source-dest-state]", 15, |t| t == "On")
        .await?;
    assert_eq!(calls(&console, "ModifyNetworkInterfaceAttribute"), 2);
    assert_eq!(
        browser
            .eval("return window.__tetherNoReload;")
            .await?
            .as_str(),
        Some("detail"),
        "the page was reloaded"
    );
    assert_accessible(&browser, "the ENI detail page with every section").await?;
    Ok(())
}

/// A tag put on an ENI from its page is a choice of the ENI list's tag filter, and choosing it
/// leaves that ENI alone in the list (no reload in between).
#[tokio::test]
async fn a_tag_added_on_an_enis_page_filters_the_eni_list() -> Result<(), String> {
    let _one = serial().await;
    let console = Console::start("instant").await?;
    let browser = Browser::start().await?;
    browser
        .goto(&format!(
            "{}/enis/{ENI_A_G}?region=cn-hangzhou",
            console.url
        ))
        .await?;
    browser.wait("[data-testid=no-tags]", 20).await?;
    browser.eval("window.__tetherNoReload = 'list';").await?;
    browser.type_into("[data-testid=tag-key]", "team").await?;
    browser.type_into("[data-testid=tag-value]", "web").await?;
    browser.click_css("[data-testid=add-tag]").await?;
    browser
        .wait_text("[data-testid=tag-team]", 15, |t| t.contains("team=web"))
        .await?;
    browser.click_css("[data-testid=back-to-enis]").await?;
    let option = browser
        .wait_js(
            "[...document.querySelectorAll('[data-testid=eni-tag-filter] option')]
               .find(o => o.textContent === 'team: web')?.value",
            20,
        )
        .await?;
    let value = option.as_str().ok_or("the tag option has no value")?;
    let all = browser
        .wait_text("[data-testid=eni-count]", 10, |t| t.contains(" / "))
        .await?;
    browser
        .select("[data-testid=eni-tag-filter]", value)
        .await?;
    let count = browser
        .wait_text("[data-testid=eni-count]", 10, |t| t.starts_with("1 /"))
        .await?;
    assert_ne!(count, all, "the filter left every ENI in the list");
    browser
        .wait(&format!("[data-testid=eni-row-{ENI_A_G}]"), 5)
        .await?;
    let reloaded = browser.eval("return window.__tetherNoReload;").await?;
    assert_eq!(reloaded, "list", "the page reloaded between the two steps");
    Ok(())
}
