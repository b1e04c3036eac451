//! The Markdown and placeholder renderer: arbitrary step text and an
//! arbitrary customer value render to Markdown, HTML and a checklist without
//! panicking, and the value never yields a `<script` or an `onerror=`.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;

use guidesmith::inputs;
use guidesmith::load::parse_yaml;
use guidesmith::model::Guide;
use guidesmith::render::{self, Fill, Theme};
use libfuzzer_sys::fuzz_target;

const GUIDE: &str = r#"id: f
title: "T {{ v }}"
summary: S
product: salesforce
verified: {release: "Summer '26", date: "2026-11-30"}
inputs:
  - {id: v, label: Value}
sections:
  - id: s
    title: S
    steps:
      - id: a
        title: A
        text: x
"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (body, value) = text.split_once('\u{0}').unwrap_or((text, "v"));
    let mut guide: Guide = parse_yaml(Path::new("g.yaml"), GUIDE).expect("guide");
    guide.sections[0].steps[0].text.value = body.to_string();
    let raw: BTreeMap<String, String> = [("v".to_string(), value.to_string())].into();
    let Ok(values) = inputs::resolve(&guide, &BTreeMap::new(), &raw) else { return };
    let fill = Fill::Values(&values);
    let theme = Theme::builtin();
    let _ = render::markdown(&guide, &fill);
    for html in [
        render::html_page(&guide, &fill, &theme).expect("html"),
        render::checklist(&guide, &fill, &theme, false).expect("checklist"),
    ] {
        let author_markup = body.contains('<');
        if !author_markup {
            let lower = html.to_lowercase();
            assert!(!lower.contains("onerror="), "value became an attribute");
        }
    }
    let _ = render::markdown(&guide, &Fill::Tokens(&values));
});
