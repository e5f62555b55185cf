//! Harness for the user journeys: the real proxy with the embedded simulator on a random port,
//! ChromeDriver with headless Chromium, a small W3C WebDriver client, and axe-core's checks.

pub mod axe;
pub mod console;
pub mod demo_world;
pub mod webdriver;
pub mod wizard;
