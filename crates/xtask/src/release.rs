//! The app's release build without Trunk (`cargo xtask run | test | dist | bench`): cargo, then
//! the split pipeline (split.rs: wasm-split, wasm-bindgen, wasm-opt, names, compression), then
//! index.html written from `frontend/index.html`. Trunk did only cargo, a wasm-bindgen that the
//! hook redid, a CSS copy and index.html, and installing it was 14 of the 26 minutes a fresh
//! clone took to serve; it stays for `cargo xtask dev`, whose live reload it does well.
//!
//! `frontend/index.html` stays the one description of the build for both: the `data-trunk`
//! links name the binary, the cargo profile and features, and the stylesheet.

use crate::names::swap;
use crate::shell::{cmd, root, run};
use crate::split::content_hash;
use std::path::{Path, PathBuf};

/// The stem of the app's files before they are named by content (names.rs).
const STEM: &str = "tether-web";

/// The `<link data-trunk rel="{rel}" ...>` element of `html`: attributes in any order, with
/// any whitespace around them and around `=`, values in double, single or no quotes, the
/// element ended by the first `>` outside a quoted value (`/>` or `>`).
fn trunk_link<'a>(html: &'a str, rel: &str) -> Result<&'a str, String> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<link") {
        let start = from + at;
        let end = element_end(html, start)
            .ok_or_else(|| format!("frontend/index.html: the <link at byte {start} never ends"))?;
        let element = &html[start..end];
        let attributes = attributes(element);
        let trunk = attributes.iter().any(|(name, _)| name == "data-trunk");
        if trunk && value_of(&attributes, "rel") == Some(rel) {
            return Ok(element);
        }
        from = end;
    }
    Err(format!(
        "frontend/index.html has no <link data-trunk rel=\"{rel}\"> element"
    ))
}

/// The end (just past its `>`) of the element that starts at `start`; `None` when it never
/// ends. A `>` inside a quoted value does not end it.
fn element_end(html: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in html[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(start + i + 1),
            (None, _) => {}
        }
    }
    None
}

/// The attributes of `element` (`<link a="1" b = '2' c=3 d/>`), names lowercased, in order;
/// an attribute without a value has an empty one.
fn attributes(element: &str) -> Vec<(String, &str)> {
    let body = element.strip_prefix("<link").unwrap_or(element);
    let body = body.trim_end_matches('>').trim_end_matches('/');
    let mut out = Vec::new();
    let mut rest = body.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let close = inner.find(q).unwrap_or(inner.len());
                    (&inner[..close], inner.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let stop = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..stop], &after[stop..])
                }
            };
            value = v;
            rest = tail.trim_start();
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

/// The value of attribute `name` among `attributes`, when present and not empty.
fn value_of<'a>(attributes: &[(String, &'a str)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| *v)
        .filter(|v| !v.is_empty())
}

/// The value of `name="..."` in `element`, when present and not empty.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    value_of(&attributes(element), name)
}

/// What the rust link asks cargo to build.
#[derive(Debug, PartialEq, Eq)]
struct CargoBuild {
    bin: String,
    profile: String,
    features: Option<String>,
}

fn cargo_build(template: &str) -> Result<CargoBuild, String> {
    let link = trunk_link(template, "rust")?;
    let required = |name: &str| {
        attribute(link, name)
            .map(str::to_owned)
            .ok_or_else(|| format!("frontend/index.html's rust link has no {name}"))
    };
    Ok(CargoBuild {
        bin: required("data-bin")?,
        profile: required("data-cargo-profile")?,
        features: attribute(link, "data-cargo-features").map(str::to_owned),
    })
}

/// index.html as Trunk writes it (names.rs rewrites its names and adds integrity; the bench
/// listens for `TrunkApplicationStarted`, which Trunk's dev builds send too).
fn index_html(template: &str, css_name: &str, css: &[u8]) -> Result<String, String> {
    let rust = trunk_link(template, "rust")?;
    let style = trunk_link(template, "css")?;
    let script = format!(
        "<script type=\"module\">\nimport init, * as bindings from '/{STEM}.js';\nconst wasm = await init({{ module_or_path: '/{STEM}_bg.wasm' }});\nwindow.wasmBindings = bindings;\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{detail: {{wasm}}}}));\n</script>"
    );
    let stylesheet = format!(
        "<link rel=\"stylesheet\" href=\"/{css_name}\" integrity=\"{}\"/>",
        crate::names::integrity(css)
    );
    let preloads = format!(
        "<link rel=\"modulepreload\" href=\"/{STEM}.js\" crossorigin=\"anonymous\"><link rel=\"preload\" href=\"/{STEM}_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\"></head>"
    );
    // Each replacement must find what it replaces: a template it does not fit fails the build
    // instead of shipping an index.html that loads nothing.
    let html = swap(template, rust, &script, "frontend/index.html")?;
    let html = swap(&html, style, &stylesheet, "frontend/index.html")?;
    if html.matches("</head>").count() != 1 {
        return Err("frontend/index.html must have exactly one </head>".into());
    }
    swap(&html, "</head>", &preloads, "frontend/index.html")
}

/// Builds the release app into `dist` (replaced only once the new build is complete).
pub fn build(dist: &Path) -> Result<(), String> {
    // Before minutes of building: the last good build serves meanwhile and survives a failure.
    put_back_interrupted(dist);
    let target = root().join("target/wasm");
    let template_path = root().join("frontend/index.html");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("reading {}: {e}", template_path.display()))?;
    let build = cargo_build(&template)?;
    let mut args = vec![
        "build",
        "-p",
        "tether-web",
        "--bin",
        &build.bin,
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        &build.profile,
    ];
    if let Some(features) = &build.features {
        args.extend(["--features", features]);
    }
    run(
        &format!("building the app for wasm32 (profile {})", build.profile),
        cmd("cargo", &args).env("CARGO_TARGET_DIR", &target),
    )?;
    let input = target
        .join("wasm32-unknown-unknown")
        .join(&build.profile)
        .join(format!("{}.wasm", build.bin));

    let staging = sibling(dist, "new");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)
        .map_err(|e| format!("creating {}: {e}", staging.display()))?;
    let style = trunk_link(&template, "css")?;
    let css_source =
        attribute(style, "href").ok_or("frontend/index.html's css link has no href")?;
    let css = std::fs::read(root().join("frontend").join(css_source))
        .map_err(|e| format!("reading frontend/{css_source}: {e}"))?;
    let css_stem = css_source.trim_end_matches(".css");
    let css_name = format!("{css_stem}-{}.css", content_hash(&css));
    std::fs::write(staging.join(&css_name), &css)
        .map_err(|e| format!("writing {css_name}: {e}"))?;
    std::fs::write(
        staging.join("index.html"),
        index_html(&template, &css_name, &css)?,
    )
    .map_err(|e| format!("writing index.html: {e}"))?;

    crate::split::finish(&staging, &input, &target, STEM, true)?;

    replace_dir(&staging, dist)
}

/// `.{name}.{what}` beside `dir` (`.dist.new` for `dist`): in the same folder, so on the same
/// file system, so a rename moves it in or out whole.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "dist".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.{what}"))
}

/// A replacement stopped between its two renames (xtask killed) left the only good build in
/// `.dist.old` and no `dist`: it goes back, so a server started meanwhile or a failing next
/// build still has the last one.
fn put_back_interrupted(dir: &Path) {
    let old = sibling(dir, "old");
    if !dir.exists() && old.is_dir() {
        let _ = std::fs::rename(&old, dir);
    }
}

/// Puts the complete folder `staged` (a [`sibling`] of `dir`) in `dir`'s place by renames
/// only: the old `dir` moves aside, `staged` moves in, the old one is removed. A server reading
/// `dir` meanwhile sees the old build or the new one, never a half-written or half-removed
/// one (between the two renames, for an instant, none: a directory cannot be swapped for
/// another in one step without `renameat2`). When `staged` cannot move in, the old `dir` is put
/// back.
fn replace_dir(staged: &Path, dir: &Path) -> Result<(), String> {
    let old = sibling(dir, "old");
    put_back_interrupted(dir);
    let _ = std::fs::remove_dir_all(&old);
    let had_old = dir.exists();
    if had_old {
        std::fs::rename(dir, &old).map_err(|e| format!("moving {} aside: {e}", dir.display()))?;
    }
    if let Err(e) = std::fs::rename(staged, dir) {
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        return Err(format!("moving the build into {}: {e}", dir.display()));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{CargoBuild, cargo_build, index_html, put_back_interrupted, replace_dir, sibling};

    const TEMPLATE: &str = r#"<html><head>
    <link data-trunk rel="rust" href="Cargo.toml" data-bin="app" data-cargo-profile="wasm-release" data-cargo-features="split" data-wasm-opt="0" />
    <link data-trunk rel="css" href="style.css" />
  </head><body></body></html>"#;

    #[test]
    fn the_build_is_read_from_the_rust_link() {
        assert_eq!(
            cargo_build(TEMPLATE).unwrap(),
            CargoBuild {
                bin: "app".into(),
                profile: "wasm-release".into(),
                features: Some("split".into()),
            }
        );
        let no_profile = TEMPLATE.replace(" data-cargo-profile=\"wasm-release\"", "");
        assert!(
            cargo_build(&no_profile)
                .unwrap_err()
                .contains("data-cargo-profile")
        );
        assert!(cargo_build("<html></html>").is_err());
    }

    #[test]
    fn links_are_read_whatever_the_whitespace_quotes_and_closing() {
        // Review, 2026-11-30: the element was taken to the next "/>", whatever came between.
        let template = "<html><head>\n<link data-trunk\n      rel = \"rust\" data-note=\"a > b\"\n      data-bin='app'\tdata-cargo-profile=wasm-release>\n<link rel=\"css\" data-trunk href=\"style.css\">\n<link rel=\"icon\" href=\"data:,\" />\n</head><body></body></html>";
        assert_eq!(
            cargo_build(template).unwrap(),
            CargoBuild {
                bin: "app".into(),
                profile: "wasm-release".into(),
                features: None,
            }
        );
        let html = index_html(template, "style-1234.css", b"body {}").unwrap();
        assert!(!html.contains("data-trunk"), "{html}");
        assert!(
            html.contains("<link rel=\"icon\" href=\"data:,\" />"),
            "{html}"
        );
        assert!(html.contains("href=\"/style-1234.css\""), "{html}");
    }

    #[test]
    fn the_projects_own_index_html_is_read_and_rewritten() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../frontend/index.html");
        let template = std::fs::read_to_string(path).unwrap();
        assert_eq!(cargo_build(&template).unwrap().bin, "tether-web");
        let html = index_html(&template, "style-1234.css", b"").unwrap();
        assert!(!html.contains("data-trunk"), "{html}");
    }

    #[test]
    fn a_template_index_html_does_not_fit_fails_the_build() {
        let no_head = TEMPLATE.replace("</head>", "");
        let err = index_html(&no_head, "style-1234.css", b"").unwrap_err();
        assert!(err.contains("</head>"), "{err}");
        let no_css = TEMPLATE.replace("rel=\"css\"", "rel=\"stylesheet\"");
        let err = index_html(&no_css, "style-1234.css", b"").unwrap_err();
        assert!(err.contains("rel=\"css\""), "{err}");
        let unended = "<html><head><link data-trunk rel=\"rust\" data-bin=\"app";
        assert!(cargo_build(unended).unwrap_err().contains("never ends"));
    }

    #[test]
    fn dist_is_replaced_by_renames_and_kept_when_the_new_build_cannot_move_in() {
        let root = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let dist = root.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "old").unwrap();
        let staged = sibling(&dist, "new");
        assert_eq!(staged, root.join(".dist.new"), "a sibling");
        // Nothing staged: the rename fails, and the old build must still be served.
        assert!(replace_dir(&staged, &dist).is_err());
        assert_eq!(
            std::fs::read_to_string(dist.join("index.html")).unwrap(),
            "old"
        );
        std::fs::create_dir_all(&staged).unwrap();
        std::fs::write(staged.join("index.html"), "new").unwrap();
        replace_dir(&staged, &dist).unwrap();
        assert_eq!(
            std::fs::read_to_string(dist.join("index.html")).unwrap(),
            "new"
        );
        let mut left: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["dist"], "nothing left beside it");
        // Stopped between the two renames: the old build is put back before anything else.
        std::fs::rename(&dist, sibling(&dist, "old")).unwrap();
        put_back_interrupted(&dist);
        assert_eq!(
            std::fs::read_to_string(dist.join("index.html")).unwrap(),
            "new"
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn index_html_loads_the_app_and_the_stylesheet_and_keeps_no_trunk_link() {
        let html = index_html(TEMPLATE, "style-1234.css", b"body {}").unwrap();
        assert!(!html.contains("data-trunk"), "{html}");
        assert!(
            html.contains("module_or_path: '/tether-web_bg.wasm'"),
            "{html}"
        );
        assert!(html.contains("from '/tether-web.js'"), "{html}");
        assert!(
            html.contains("<link rel=\"modulepreload\" href=\"/tether-web.js\""),
            "{html}"
        );
        assert!(
            html.contains(&format!(
                "href=\"/style-1234.css\" integrity=\"{}\"",
                crate::names::integrity(b"body {}")
            )),
            "{html}"
        );
        // The preloads stay in the head.
        assert!(html.find("modulepreload").unwrap() < html.find("</head>").unwrap());
    }
}
