//! Steps of the creation wizard the journeys share.

use crate::demo_world::CENTOS_73;
use crate::webdriver::Browser;

/// Picks `zone` on the first step and waits for its images.
pub async fn choose_zone(browser: &Browser, zone: &str) -> Result<(), String> {
    browser.select("[data-testid=wizard-zone]", zone).await?;
    browser
        .wait(&format!("[data-testid=\"wizard-image-{CENTOS_73}\"]"), 10)
        .await
        .map(drop)
}

/// Picks ecs.g6.large and CentOS 7.3 (the zone chosen) and goes on to the network step.
pub async fn choose_type_and_image(browser: &Browser) -> Result<(), String> {
    browser
        .click_css("[data-testid=\"wizard-type-radio-ecs.g6.large\"]")
        .await?;
    browser
        .click_css(&format!("[data-testid=\"wizard-image-{CENTOS_73}\"]"))
        .await?;
    browser.click_css("[data-testid=wizard-next]").await?;
    browser
        .wait("[data-testid=wizard-step-network]", 10)
        .await
        .map(drop)
}

/// The whole first step: `zone`, ecs.g6.large and CentOS 7.3, then the network step.
pub async fn first_step(browser: &Browser, zone: &str) -> Result<(), String> {
    choose_zone(browser, zone).await?;
    choose_type_and_image(browser).await
}
