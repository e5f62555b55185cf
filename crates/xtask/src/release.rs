//! The app's release build without Trunk (`cargo xtask run | test | dist | bench`): cargo, then
//! the split pipeline (split.rs: wasm-split, wasm-bindgen, wasm-opt, names, compression), then
//! index.html written from `frontend/index.html`. Trunk did only cargo, a wasm-bindgen that the
//! hook redid, a CSS copy and index.html, and installing it was 14 of the 26 minutes a fresh
//! clone took to serve; it stays for `cargo xtask dev`, whose live reload it does well.
//!
//! `frontend/index.html` stays the one description of the build for both: the `data-trunk`
//! links name the binary, the cargo profile and features, and the stylesheet.

use crate::shell::{cmd, root, run};
use crate::split::content_hash;
use std::path::Path;

/// The stem of the app's files before they are named by content (names.rs).
const STEM: &str = "tether-web";

/// The `<link data-trunk rel="{rel}" .../>` element of `html`.
fn trunk_link<'a>(html: &'a str, rel: &str) -> Result<&'a str, String> {
    let opening = format!("<link data-trunk rel=\"{rel}\"");
    let start = html
        .find(&opening)
        .ok_or_else(|| format!("frontend/index.html has no {opening} element"))?;
    let end = html[start..]
        .find("/>")
        .ok_or_else(|| format!("frontend/index.html: {opening} is not closed with />"))?;
    Ok(&html[start..start + end + 2])
}

/// The value of `name="..."` in `element`, when present and not empty.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    element
        .split(&format!(" {name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .filter(|v| !v.is_empty())
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
    if !template.contains("</head>") {
        return Err("frontend/index.html has no </head>".into());
    }
    Ok(template
        .replace(rust, &script)
        .replace(style, &stylesheet)
        .replacen("</head>", &preloads, 1))
}

/// Builds the release app into `dist` (replaced only once the new build is complete).
pub fn build(dist: &Path) -> Result<(), String> {
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

    let staging = root().join("target/app-staging");
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

    let _ = std::fs::remove_dir_all(dist);
    std::fs::rename(&staging, dist)
        .map_err(|e| format!("moving the build into {}: {e}", dist.display()))
}

#[cfg(test)]
mod tests {
    use super::{CargoBuild, cargo_build, index_html};

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
