//! In the browser (headless Chromium over WebDriver, app served by the real proxy with its
//! simulator on loopback): navigation to the ENI list rendered, and time per filter keystroke
//! at 1 000 rows. Timing happens inside the page: a script injected at document start watches
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

struct Loads {
    cold: f64,
    warm: Summary,
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
        let mark = wait_mark(&browser, 60).await?;
        times.push(mark["frame"].as_f64().unwrap_or(f64::NAN));
        first.push(mark["firstPage"].as_f64().unwrap_or(f64::NAN));
    }
    let loads = Loads {
        cold: times[0],
        warm: Summary::of(&times[1..]),
        first_page: Summary::of(&first[1..]),
    };
    Ok((loads, browser, console))
}

/// Runs the measurement and saves the part.
pub async fn run() -> Result<Part, String> {
    let mut part = Part {
        title: "In the browser (headless Chromium, loopback)".into(),
        notes: vec![
            format!("Navigation start (performance.timeOrigin) to the frame after the table holds the rows; {LOADS} loads each, the first (cold cache, wasm compiled) shown apart, median ± IQR of the other {}.", LOADS - 1),
            "The app fetches 500 ENIs per call and follows NextToken by itself; the table draws 50 rows per page. \"Listed\" = every ENI loaded into the list (its count shows it) and the first page drawn.".into(),
            format!("Keystroke: set the search box to one more (then one fewer) character of {SEARCH:?}, dispatch `input`, wait for queued tasks (setTimeout 0) and force layout; 1 000 rows loaded; one keystroke per frame."),
        ],
        ..Part::default()
    };
    let (small, browser, console) = loads(50, 50).await?;
    drop((browser, console));
    part.figures.push(Figure::exact(
        "50 ENIs: navigation → 50 rows, cold",
        small.cold,
        "ms",
    ));
    part.figures.push(Figure::new(
        "50 ENIs: navigation → 50 rows",
        small.warm.median,
        small.warm.iqr(),
        "IQR",
        "ms",
    ));
    let (big, browser, _console) = loads(1_000, 1_000).await?;
    part.figures.push(Figure::new(
        "1 000 ENIs: navigation → first rows drawn",
        big.first_page.median,
        big.first_page.iqr(),
        "IQR",
        "ms",
    ));
    part.figures.push(Figure::exact(
        "1 000 ENIs: navigation → 1 000 listed, cold",
        big.cold,
        "ms",
    ));
    part.figures.push(Figure::new(
        "1 000 ENIs: navigation → 1 000 listed",
        big.warm.median,
        big.warm.iqr(),
        "IQR",
        "ms",
    ));
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
    let k = Summary::of(&times);
    part.figures.push(Figure::new(
        "filter keystroke at 1 000 rows",
        k.median,
        k.iqr(),
        "IQR",
        "ms",
    ));
    part.figures.push(Figure::exact(
        "filter keystroke at 1 000 rows, worst",
        times.iter().copied().fold(0.0, f64::max),
        "ms",
    ));
    part.notes
        .push(format!("Rows after each keystroke: {rows:?}."));
    part.budgets = vec![
        Budget::new(
            "navigation → 50 rows",
            "≤ 500 ms",
            format!("{:.0} ms", small.warm.median),
            small.warm.median <= 500.0,
        ),
        Budget::new(
            "navigation → 1 000 ENIs listed",
            "≤ 500 ms",
            format!("{:.0} ms", big.warm.median),
            big.warm.median <= 500.0,
        ),
        Budget::new(
            "filter keystroke at 1 000 rows",
            "≤ 16 ms",
            format!("{:.1} ms", k.median),
            k.median <= 16.0,
        ),
    ];
    save_part("browser", &part)?;
    Ok(part)
}
