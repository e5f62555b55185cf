//! Harness for the user journeys: the real proxy with the embedded simulator on a random port,
//! ChromeDriver with headless Chromium, and a small W3C WebDriver client.

pub mod console;
pub mod webdriver;
