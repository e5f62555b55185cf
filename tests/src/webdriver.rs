//! A minimal W3C WebDriver client over reqwest: just what the journeys use (navigate, find,
//! click, type, press keys, read text, screenshot), with polling waits instead of sleeps.

use base64::Engine;
use serde_json::{Value, json};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// The one WebDriver error that means "not there (yet)"; every other error fails the caller.
const NO_SUCH_ELEMENT: &str = "no such element";
/// The element found was re-rendered before it was read: a polling wait looks again.
const STALE_ELEMENT: &str = "stale element reference";

/// Keys for [`Browser::press`], as WebDriver spells them (its code points for special keys).
pub mod keys {
    /// Tab.
    pub const TAB: &str = "\u{E004}";
    /// Enter (Return).
    pub const ENTER: &str = "\u{E007}";
    /// Shift, held for the keys after it in a chord.
    pub const SHIFT: &str = "\u{E008}";
    /// Escape.
    pub const ESCAPE: &str = "\u{E00C}";
    /// The space bar.
    pub const SPACE: &str = "\u{E00D}";
    /// Arrow up.
    pub const ARROW_UP: &str = "\u{E013}";
    /// Arrow down.
    pub const ARROW_DOWN: &str = "\u{E015}";
}

/// A running ChromeDriver and one headless Chromium session.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    driver: Child,
    _profile: TempDir,
}

/// A directory removed on drop (a fresh Chromium profile per browser).
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An element found on the page.
#[derive(Debug, Clone)]
pub struct Element(String);

fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Browser {
    /// Starts ChromeDriver (`$CHROMEDRIVER` or `chromedriver`) and a headless session.
    pub async fn start() -> Result<Self, String> {
        let port = free_port().map_err(|e| e.to_string())?;
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let profile = TempDir(std::env::temp_dir().join(format!("tether-chrome-{port}")));
        // A folder left by a killed run on the same port would be an old profile: start empty.
        let _ = std::fs::remove_dir_all(&profile.0);
        std::fs::create_dir_all(&profile.0).map_err(|e| format!("{}: {e}", profile.0.display()))?;
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            // Chromium's shared memory files (--disable-dev-shm-usage puts them in TMPDIR, ~90 MB
            // a browser) go inside the profile removed on drop: a killed Chromium leaves them
            // (measured: 3.6 GB in /tmp after a day of runs).
            .env("TMPDIR", &profile.0)
            // Its own process group, so dropping the browser can end Chrome with it.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("cannot start {driver_bin}: {e} (apt-get install chromium-driver)")
            })?;
        let mut browser = Self {
            http: reqwest::Client::new(),
            base: format!("http://127.0.0.1:{port}"),
            driver,
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser
            .http
            .get(format!("{}/status", browser.base))
            .send()
            .await
            .is_err()
        {
            if Instant::now() > deadline {
                return Err("chromedriver did not start".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,800",
        ];
        let mut chrome_args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        chrome_args.push(format!("--user-data-dir={}", browser._profile.0.display()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"args": chrome_args, "binary": "/usr/bin/chromium"}
        }}});
        let answer = browser.raw("POST", "/session", Some(caps)).await?;
        let session = answer["sessionId"]
            .as_str()
            .ok_or("no session id")?
            .to_owned();
        browser.base = format!("{}/session/{session}", browser.base);
        Ok(browser)
    }

    async fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let req = match method {
            "GET" => self.http.get(url),
            "DELETE" => self.http.delete(url),
            _ => self.http.post(url).json(&body.unwrap_or_else(|| json!({}))),
        };
        let resp = req.send().await.map_err(|e| e.to_string())?;
        let status = resp.status();
        let v: Value = resp
            .json()
            .await
            .map_err(|e| format!("{method} {path}: HTTP {status}, not JSON: {e}"))?;
        // The W3C error code comes first, so callers can tell NO_SUCH_ELEMENT from the rest.
        if let Some(err) = v["value"]["error"].as_str() {
            return Err(format!(
                "{err}: {}",
                v["value"]["message"].as_str().unwrap_or("")
            ));
        }
        if !status.is_success() {
            return Err(format!(
                "{method} {path}: HTTP {status} without an error: {v}"
            ));
        }
        Ok(if v.get("sessionId").is_some() {
            v
        } else {
            v["value"].clone()
        })
    }

    /// Opens `url`.
    pub async fn goto(&self, url: &str) -> Result<(), String> {
        self.raw("POST", "/url", Some(json!({"url": url})))
            .await
            .map(|_| ())
    }

    /// The first element matching a CSS selector: `None` only on WebDriver's "no such element";
    /// any other error (an invalid selector, a lost session) or answer is an `Err`.
    pub async fn find(&self, css: &str) -> Result<Option<Element>, String> {
        let answer = self
            .raw(
                "POST",
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        let v = match answer {
            Ok(v) => v,
            Err(e) if is_error(&e, NO_SUCH_ELEMENT) => return Ok(None),
            Err(e) => return Err(format!("finding {css:?}: {e}")),
        };
        match v[ELEMENT_KEY].as_str() {
            Some(id) => Ok(Some(Element(id.to_owned()))),
            None => Err(format!("finding {css:?}: not an element: {v}")),
        }
    }

    /// Waits up to `secs` for an element matching `css`.
    pub async fn wait(&self, css: &str, secs: u64) -> Result<Element, String> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(e) = self.find(css).await? {
                return Ok(e);
            }
            if Instant::now() > deadline {
                return Err(format!("no element {css:?} after {secs}s"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits up to `secs` until the text of `css` satisfies `pred`; returns the text.
    pub async fn wait_text(
        &self,
        css: &str,
        secs: u64,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        let mut last = String::new();
        loop {
            if let Some(e) = self.find(css).await? {
                match self.text(&e).await {
                    Ok(text) if pred(&text) => return Ok(text),
                    Ok(text) => last = text,
                    Err(e) if is_error(&e, STALE_ELEMENT) => {}
                    Err(e) => return Err(format!("reading {css:?}: {e}")),
                }
            }
            if Instant::now() > deadline {
                return Err(format!("{css:?} never matched; last text {last:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Visible text of an element.
    pub async fn text(&self, e: &Element) -> Result<String, String> {
        let v = self
            .raw("GET", &format!("/element/{}/text", e.0), None)
            .await?;
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("the text is not a string: {v}"))
    }

    /// An attribute or property of an element.
    pub async fn attr(&self, e: &Element, name: &str) -> Result<Option<String>, String> {
        let v = self
            .raw("GET", &format!("/element/{}/attribute/{name}", e.0), None)
            .await?;
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            other => Err(format!(
                "attribute {name} is neither a string nor null: {other}"
            )),
        }
    }

    /// Whether the element is enabled.
    pub async fn enabled(&self, e: &Element) -> Result<bool, String> {
        let v = self
            .raw("GET", &format!("/element/{}/enabled", e.0), None)
            .await?;
        v.as_bool()
            .ok_or_else(|| format!("enabled is not a boolean: {v}"))
    }

    /// Clicks an element.
    pub async fn click(&self, e: &Element) -> Result<(), String> {
        self.raw("POST", &format!("/element/{}/click", e.0), None)
            .await
            .map(|_| ())
    }

    /// Clicks the element matching `css` once it is there.
    pub async fn click_css(&self, css: &str) -> Result<(), String> {
        let e = self.wait(css, 10).await?;
        self.click(&e).await
    }

    /// Types into an element (after clearing it).
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), String> {
        let e = self.wait(css, 10).await?;
        self.raw("POST", &format!("/element/{}/clear", e.0), None)
            .await?;
        self.raw(
            "POST",
            &format!("/element/{}/value", e.0),
            Some(json!({"text": text})),
        )
        .await
        .map(|_| ())
    }

    /// Presses a chord on the keyboard, as a user would: every key down in order, then up in
    /// reverse (`&[keys::SHIFT, keys::TAB]` is Shift+Tab). It goes to whatever has focus.
    pub async fn press(&self, chord: &[&str]) -> Result<(), String> {
        let down = chord.iter().map(|k| json!({"type": "keyDown", "value": k}));
        let up = chord
            .iter()
            .rev()
            .map(|k| json!({"type": "keyUp", "value": k}));
        let actions = json!({"actions": [{
            "type": "key",
            "id": "keyboard",
            "actions": down.chain(up).collect::<Vec<_>>(),
        }]});
        self.raw("POST", "/actions", Some(actions))
            .await
            .map(|_| ())
    }

    /// The `data-testid` of the element that has focus (`None` when it has none, or nothing
    /// but the body has focus).
    pub async fn focused_testid(&self) -> Result<Option<String>, String> {
        let v = self
            .eval("return document.activeElement?.dataset?.testid ?? null;")
            .await?;
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            other => Err(format!("the focused element's testid is {other}")),
        }
    }

    /// Presses `chord` until the focused element's `data-testid` satisfies `wanted`, at most
    /// `limit` times; returns that testid. `what` names the target in the error.
    pub async fn press_until_focused(
        &self,
        chord: &[&str],
        what: &str,
        limit: usize,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let mut last = None;
        for n in 0..=limit {
            last = self.focused_testid().await?;
            if let Some(testid) = last.as_deref().filter(|t| wanted(t)) {
                return Ok(testid.to_owned());
            }
            if n < limit {
                self.press(chord).await?;
            }
        }
        Err(format!(
            "{what} never got focus in {limit} presses; last focused: {last:?}"
        ))
    }

    /// The same-origin files this page has fetched so far (Resource Timing), as URL paths; API
    /// calls left out.
    pub async fn fetched_paths(&self) -> Result<Vec<String>, String> {
        let paths = self
            .eval(
                "return performance.getEntriesByType('resource')
                   .map(e => new URL(e.name))
                   .filter(u => u.origin === location.origin && !u.pathname.startsWith('/api/'))
                   .map(u => u.pathname);",
            )
            .await?;
        paths
            .as_array()
            .and_then(|a| {
                a.iter()
                    .map(|p| p.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            })
            .ok_or_else(|| format!("the fetched paths are not a list of strings: {paths}"))
    }

    /// Runs a script and returns its value.
    pub async fn eval(&self, script: &str) -> Result<Value, String> {
        self.raw(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// Runs an async script (it calls its last argument with the result) and returns the value.
    pub async fn eval_async(&self, script: &str) -> Result<Value, String> {
        self.raw(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// Runs a Chrome DevTools Protocol command through ChromeDriver (e.g. a script to run at the
    /// start of every new document, which the bench uses to time page loads from inside).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        self.raw(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": cmd, "params": params})),
        )
        .await
    }

    /// Picks `value` in the `<select>` matching `css` (clicking the option fires `change`).
    pub async fn select(&self, css: &str, value: &str) -> Result<(), String> {
        self.click_css(&format!("{css} option[value=\"{value}\"]"))
            .await
    }

    /// How many entries the tab's session history has (`history.length`).
    pub async fn history_length(&self) -> Result<u64, String> {
        let n = self.eval("return history.length;").await?;
        n.as_u64().ok_or_else(|| format!("history.length is {n}"))
    }

    /// Waits until `script` (an expression) is truthy; returns its value.
    pub async fn wait_js(&self, script: &str, secs: u64) -> Result<Value, String> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self.eval(&format!("return ({script});")).await?;
            let truthy =
                !matches!(&v, Value::Null | Value::Bool(false)) && v != json!("") && v != json!(0);
            if truthy {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(format!("never true after {secs}s: {script}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG screenshot.
    pub async fn screenshot(&self, path: &std::path::Path) -> Result<(), String> {
        let v = self.raw("GET", "/screenshot", None).await?;
        let b64 = v
            .as_str()
            .ok_or_else(|| format!("the screenshot is not a string: {v}"))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| e.to_string())?;
        std::fs::write(path, png).map_err(|e| e.to_string())
    }
}

/// Whether `err` (from `raw`) is the W3C error `code`.
fn is_error(err: &str, code: &str) -> bool {
    err.strip_prefix(code)
        .is_some_and(|rest| rest.starts_with(':'))
}

impl Drop for Browser {
    fn drop(&mut self) {
        // ChromeDriver leaves Chrome running when it is killed; the whole group goes instead
        // (measured: ~300 Chrome processes left behind by one run of the journeys before).
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOT_FOUND: &str =
        r#"{"value":{"error":"no such element","message":"Unable to locate element"}}"#;
    const BAD_SELECTOR: &str =
        r#"{"value":{"error":"invalid selector","message":"An invalid selector was given"}}"#;

    /// A browser whose ChromeDriver is a fake answering every request with `status` and `body`.
    async fn browser_answering(status: u16, body: &'static str) -> Browser {
        let status = axum::http::StatusCode::from_u16(status).unwrap();
        let app = axum::Router::new().fallback(move || async move {
            (status, [("content-type", "application/json")], body)
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        // Stands in for ChromeDriver's process, which Drop ends with its group.
        let driver = Command::new("sleep")
            .arg("600")
            .process_group(0)
            .spawn()
            .unwrap();
        Browser {
            http: reqwest::Client::new(),
            base: format!("http://127.0.0.1:{port}/session/fake"),
            driver,
            _profile: TempDir(std::env::temp_dir().join(format!("tether-fake-driver-{port}"))),
        }
    }

    #[tokio::test]
    async fn find_reads_only_no_such_element_as_not_found() {
        let browser = browser_answering(404, NOT_FOUND).await;
        assert!(browser.find("#missing").await.unwrap().is_none());
        let browser = browser_answering(
            200,
            r#"{"value":{"element-6066-11e4-a52e-4f735466cecf":"e1"}}"#,
        )
        .await;
        let found = browser.find("#here").await.unwrap();
        assert_eq!(found.map(|e| e.0).as_deref(), Some("e1"));
    }

    #[tokio::test]
    async fn find_and_wait_fail_at_once_on_any_other_webdriver_error() {
        let browser = browser_answering(400, BAD_SELECTOR).await;
        let err = browser.find("[bad").await.unwrap_err();
        assert!(err.contains("invalid selector"), "{err}");
        let started = Instant::now();
        let err = browser.wait("[bad", 5).await.unwrap_err();
        assert!(err.contains("invalid selector"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "waited for an error"
        );
        let err = browser.wait_text("[bad", 5, |_| true).await.unwrap_err();
        assert!(err.contains("invalid selector"), "{err}");
    }

    #[tokio::test]
    async fn an_answer_that_is_not_json_or_not_an_element_is_an_error() {
        let browser = browser_answering(500, "gateway down").await;
        assert!(browser.find("#x").await.is_err());
        let browser = browser_answering(200, r#"{"value":{}}"#).await;
        let err = browser.find("#x").await.unwrap_err();
        assert!(err.contains("not an element"), "{err}");
    }

    #[tokio::test]
    async fn enabled_text_and_attr_refuse_an_answer_of_the_wrong_type() {
        let element = Element("e1".into());
        let browser = browser_answering(200, r#"{"value":null}"#).await;
        let err = browser.enabled(&element).await.unwrap_err();
        assert!(err.contains("not a boolean"), "{err}");
        assert!(browser.text(&element).await.is_err());
        assert_eq!(browser.attr(&element, "data-x").await.unwrap(), None);
        assert!(
            browser
                .screenshot(std::path::Path::new("/nonexistent/x.png"))
                .await
                .is_err()
        );
        assert!(browser.fetched_paths().await.is_err());
        let browser = browser_answering(200, r#"{"value":3}"#).await;
        assert!(browser.attr(&element, "data-x").await.is_err());
        assert!(browser.enabled(&element).await.is_err());
        let browser = browser_answering(200, r#"{"value":false}"#).await;
        assert!(!browser.enabled(&element).await.unwrap());
    }
}
