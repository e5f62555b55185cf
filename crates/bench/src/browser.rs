//! In the browser (headless Chromium over WebDriver, app served by the real proxy with its
//! simulator on loopback): navigation to the ENI list rendered, time per filter keystroke and
//! the tab's heap, at 50, 1 000 and 10 000 ENIs. Timing happens inside the page: a script injected at document start watches
//! the rows with a MutationObserver and stamps `performance.now()` (0 = navigation start).

use crate::report::{Budget, Figure, Part, save_part};
use crate::stats::Summary;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tether_sim::World;
use tether_tests::console::Console;
use tether_tests::webdriver::Browser;

const LOADS: usize = 7;
const SEARCH: &str = "bench-eni-00055";

/// Stamps the first moment the list holds all `want` ENIs (the page's count says so) and the
/// table has drawn its first page (in the DOM, and at the next frame). The table draws 50 rows
/// per page, so "listed" means loaded into the list and the first page drawn.
fn watcher(want: usize) -> String {
    format!(
        r#"(() => {{
  const want = {want};
  const b = window.__bench = {{ dom: null, frame: null, firstPage: null }};
  const check = () => {{
    const n = document.querySelectorAll('[data-testid^=eni-row-]').length;
    const count = document.querySelector('[data-testid=eni-count]');
    const total = count ? parseInt((count.textContent.split('/')[1] || '0').trim(), 10) : 0;
    if (n > 0 && b.firstPage === null) b.firstPage = performance.now();
    if (total >= want && n >= Math.min(want, 50) && b.dom === null) {{
      b.dom = performance.now();
      requestAnimationFrame(() => {{ b.frame = performance.now(); }});
    }}
  }};
  // The app's wasm memory (where the ENI list lives), handed over by index.html's start event.
  addEventListener('TrunkApplicationStarted', (e) => {{ window.__wasmMemory = e.detail.wasm.memory; }});
  new MutationObserver(check).observe(document, {{ childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] }});
}})();"#
    )
}

const KEYSTROKES: &str = r#"
const done = arguments[arguments.length - 1];
(async () => { try {
  const input = document.querySelector('[data-testid=eni-search]');
  const text = 'TEXT';
  const times = [], rows = [];
  const settle = () => new Promise(r => setTimeout(r, 0));
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const key = async (v) => {
    await frame();
    const t0 = performance.now();
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
    rows.push(document.querySelectorAll('[data-testid^=eni-row-]').length);
  };
  for (let i = 1; i <= text.length; i++) await key(text.slice(0, i));
  for (let i = text.length - 1; i >= 0; i--) await key(text.slice(0, i));
  done({ times, rows });
} catch (e) { done({ error: String(e) }); } })();
"#;

async fn wait_mark(browser: &Browser, secs: u64) -> Result<Value, String> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let v = browser
            .eval("return window.__bench || null;")
            .await
            .unwrap_or(Value::Null);
        if v["frame"].is_number() {
            return Ok(v);
        }
        if Instant::now() > deadline {
            return Err(format!("the rows never all arrived: {v}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `10000` as the report writes it: `10 000`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Navigation → first rows drawn and → every ENI listed, over `LOADS` loads.
struct Loads {
    /// The first load's "listed" time (cold cache, wasm compiled).
    cold: f64,
    /// The first load's "first rows drawn" time.
    cold_first_page: f64,
    /// The other loads' "listed" times.
    warm: Summary,
    /// The other loads' "first rows drawn" times.
    first_page: Summary,
}

/// Loads the ENI page `LOADS` times in a world of `enis` ENIs, until `want` rows are shown.
async fn loads(enis: usize, want: usize) -> Result<(Loads, Browser, Console), String> {
    let console = Console::start("instant").await?;
    console
        .simulator
        .with_world(|w| *w = World::generated(enis, enis / 10, 42));
    let browser = Browser::start().await?;
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": watcher(want) }),
        )
        .await?;
    let url = format!("{}/enis?region=cn-hangzhou", console.url);
    let (mut times, mut first) = (Vec::new(), Vec::new());
    for _ in 0..LOADS {
        browser.goto("about:blank").await?;
        browser.goto(&url).await?;
        let mark = wait_mark(&browser, 120).await?;
        times.push(mark["frame"].as_f64().unwrap_or(f64::NAN));
        first.push(mark["firstPage"].as_f64().unwrap_or(f64::NAN));
    }
    let loads = Loads {
        cold: times[0],
        cold_first_page: first[0],
        warm: Summary::of(&times[1..]),
        first_page: Summary::of(&first[1..]),
    };
    Ok((loads, browser, console))
}

/// Per-keystroke times of typing and erasing `SEARCH` in the loaded page.
async fn keystrokes(browser: &Browser) -> Result<(Vec<f64>, Vec<u64>), String> {
    let keys = browser
        .eval_async(&KEYSTROKES.replace("TEXT", SEARCH))
        .await?;
    if let Some(e) = keys["error"].as_str() {
        return Err(format!("keystroke script: {e}"));
    }
    let times: Vec<f64> = keys["times"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    let rows: Vec<u64> = keys["rows"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    if times.len() != 2 * SEARCH.len() {
        return Err(format!(
            "{} keystrokes timed, {} typed",
            times.len(),
            2 * SEARCH.len()
        ));
    }
    Ok((times, rows))
}

/// The app's wasm linear memory, in MiB (it only grows: its high-water mark).
async fn wasm_memory_mib(browser: &Browser) -> Result<f64, String> {
    browser
        .eval("return window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null;")
        .await?
        .as_f64()
        .map(|bytes| bytes / (1024.0 * 1024.0))
        .ok_or_else(|| "the app's wasm memory was not handed over".into())
}

/// The tab's JavaScript heap in use, in MiB (Chromium's own counter, through CDP).
async fn heap_mib(browser: &Browser) -> Result<f64, String> {
    browser.cdp("Performance.enable", json!({})).await?;
    let metrics = browser.cdp("Performance.getMetrics", json!({})).await?;
    metrics["metrics"]
        .as_array()
        .and_then(|m| m.iter().find(|x| x["name"] == "JSHeapUsedSize"))
        .and_then(|x| x["value"].as_f64())
        .map(|bytes| bytes / (1024.0 * 1024.0))
        .ok_or_else(|| format!("no JSHeapUsedSize in {metrics}"))
}

/// The figures and budgets of one world size: navigation (cold and warm), keystrokes, memory.
async fn measure(part: &mut Part, enis: usize) -> Result<(), String> {
    let n = grouped(enis);
    let (load, browser, _console) = loads(enis, enis).await?;
    part.figures.push(Figure::exact(
        &format!("{n} ENIs: navigation → first rows drawn, cold"),
        load.cold_first_page,
        "ms",
    ));
    part.figures.push(Figure::new(
        &format!("{n} ENIs: navigation → first rows drawn"),
        load.first_page.median,
        load.first_page.iqr(),
        "IQR",
        "ms",
    ));
    part.figures.push(Figure::exact(
        &format!("{n} ENIs: navigation → {n} listed, cold"),
        load.cold,
        "ms",
    ));
    part.figures.push(Figure::new(
        &format!("{n} ENIs: navigation → {n} listed"),
        load.warm.median,
        load.warm.iqr(),
        "IQR",
        "ms",
    ));
    let listed_budget = if enis > 1_000 { 2_000.0 } else { 500.0 };
    part.budgets.push(Budget::new(
        &format!("{n} ENIs: navigation → first 50 rows, cold"),
        "≤ 500 ms",
        format!("{:.0} ms", load.cold_first_page),
        load.cold_first_page <= 500.0,
    ));
    part.budgets.push(Budget::new(
        &format!("{n} ENIs: navigation → first 50 rows"),
        "≤ 500 ms",
        format!("{:.0} ms", load.first_page.median),
        load.first_page.median <= 500.0,
    ));
    part.budgets.push(Budget::new(
        &format!("{n} ENIs: navigation → all listed"),
        &format!("≤ {listed_budget:.0} ms"),
        format!("{:.0} ms", load.warm.median),
        load.warm.median <= listed_budget,
    ));
    if enis < 1_000 {
        return Ok(());
    }
    let (times, rows) = keystrokes(&browser).await?;
    let k = Summary::of(&times);
    let worst = times.iter().copied().fold(0.0, f64::max);
    part.figures.push(Figure::new(
        &format!("filter keystroke at {n} rows"),
        k.median,
        k.iqr(),
        "IQR",
        "ms",
    ));
    part.figures.push(Figure::exact(
        &format!("filter keystroke at {n} rows, p95"),
        k.p95,
        "ms",
    ));
    part.figures.push(Figure::exact(
        &format!("filter keystroke at {n} rows, worst"),
        worst,
        "ms",
    ));
    part.notes
        .push(format!("Rows after each keystroke at {n}: {rows:?}."));
    part.budgets.push(Budget::new(
        &format!("filter keystroke at {n} rows, p95"),
        "≤ 16 ms",
        format!("{:.1} ms", k.p95),
        k.p95 <= 16.0,
    ));
    part.budgets.push(Budget::new(
        &format!("filter keystroke at {n} rows, worst"),
        "≤ 50 ms",
        format!("{worst:.1} ms"),
        worst <= 50.0,
    ));
    part.figures.push(Figure::exact(
        &format!("{n} ENIs: tab JavaScript heap in use"),
        heap_mib(&browser).await?,
        "MiB",
    ));
    part.figures.push(Figure::exact(
        &format!("{n} ENIs: app wasm memory"),
        wasm_memory_mib(&browser).await?,
        "MiB",
    ));
    Ok(())
}

/// Runs the measurement and saves the part.
pub async fn run() -> Result<Part, String> {
    let mut part = Part {
        title: "In the browser (headless Chromium, loopback)".into(),
        notes: vec![
            format!("Navigation start (performance.timeOrigin) to the frame after the table holds the rows; {LOADS} loads per world, the first (cold cache, wasm compiled) shown apart, median ± IQR of the other {}.", LOADS - 1),
            "The app fetches 500 ENIs per call and follows NextToken by itself; the table draws 50 rows per page. \"First rows drawn\" = the first row in the DOM; \"listed\" = every ENI loaded into the list (its count shows it) and the first page drawn.".into(),
            format!("Keystroke: set the search box to one more (then one fewer) character of {SEARCH:?}, dispatch `input`, wait for queued tasks (setTimeout 0) and force layout; every ENI loaded; one keystroke per frame."),
            "Memory after the keystrokes: Chromium's JSHeapUsedSize (CDP Performance.getMetrics: JavaScript objects only) and the app's wasm linear memory (where the ENI list lives; its size is a high-water mark).".into(),
        ],
        ..Part::default()
    };
    for enis in [50, 1_000, 10_000] {
        measure(&mut part, enis).await?;
    }
    save_part("browser", &part)?;
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn thousands_are_grouped_by_spaces() {
        assert_eq!(grouped(50), "50");
        assert_eq!(grouped(1_000), "1 000");
        assert_eq!(grouped(10_000), "10 000");
        assert_eq!(grouped(123_456_789), "123 456 789");
    }
}
