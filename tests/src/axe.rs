//! axe-core in the journeys' browser: the standard accessibility checker, injected into the page
//! under test and run on the whole document (WCAG 2.0/2.1 A and AA, plus best practice).

use crate::webdriver::Browser;
use serde_json::Value;
use std::path::PathBuf;

/// The rule sets that must find nothing.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']";

/// `axe.min.js`: `$TETHER_AXE`, else where `cargo xtask test`'s setup installs it (npm
/// `axe-core` pinned in crates/xtask/src/tools.rs).
pub fn script_path() -> PathBuf {
    std::env::var_os("TETHER_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../.tools/npm/node_modules/axe-core/axe.min.js")
        })
}

fn script() -> Result<String, String> {
    let path = script_path();
    std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read axe-core at {} ({e}): run `cargo xtask test` once (its setup installs \
             it from npm), or point TETHER_AXE at an axe.min.js",
            path.display()
        )
    })
}

/// One rule's failure, as the error lists it.
fn describe(violation: &Value) -> String {
    let nodes = violation["nodes"].as_array().map_or(&[][..], Vec::as_slice);
    let mut out = format!(
        "{} ({}, {} node(s)): {}",
        violation["id"].as_str().unwrap_or("?"),
        violation["impact"].as_str().unwrap_or("no impact"),
        nodes.len(),
        violation["help"].as_str().unwrap_or(""),
    );
    for node in nodes {
        let target = node["target"]
            .as_array()
            .map(|t| {
                t.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(" >> ")
            })
            .unwrap_or_default();
        let summary = node["failureSummary"]
            .as_str()
            .unwrap_or("")
            .replace('\n', " / ");
        out.push_str(&format!("\n    {target}: {summary}"));
    }
    out
}

/// The violations axe-core finds in the document as it is now.
pub async fn violations(browser: &Browser) -> Result<Vec<Value>, String> {
    let loaded = browser.eval("return typeof window.axe;").await?;
    if loaded != "object" {
        // The UMD bundle sets `window.axe` when neither a module system nor `define` exists.
        let source = script()?;
        browser
            .eval(&format!("{source}\n;return typeof window.axe;"))
            .await?;
    }
    let answer = browser
        .eval_async(&format!(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {{runOnly: {{type: 'tag', values: {TAGS}}}, resultTypes: ['violations']}})
               .then(r => done({{violations: r.violations}}))
               .catch(e => done({{error: String(e)}}));"
        ))
        .await?;
    if let Some(e) = answer["error"].as_str() {
        return Err(format!("axe-core failed to run: {e}"));
    }
    answer["violations"]
        .as_array()
        .cloned()
        .ok_or_else(|| format!("axe-core answered without violations: {answer}"))
}

/// Fails with every violation axe-core finds (rule, impact, each node's selector and what is
/// wrong with it); `what` names the page or dialog in the message.
pub async fn assert_accessible(browser: &Browser, what: &str) -> Result<(), String> {
    let found = violations(browser).await?;
    if found.is_empty() {
        return Ok(());
    }
    let list = found.iter().map(describe).collect::<Vec<_>>().join("\n  ");
    Err(format!(
        "{what}: {} accessibility violation(s)\n  {list}",
        found.len()
    ))
}
