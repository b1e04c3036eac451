//! Property tests: no input panics the loader, the linter or the renderer; a
//! customer value never adds a tag or attribute; every diagnostic points
//! inside its file; an accepted My Domain is always a well-formed host.

use std::collections::BTreeSet;
use std::path::Path;

use guidesmith::inputs::{self, normalise_my_domain};
use guidesmith::load::{Loaded, parse_yaml};
use guidesmith::model::{Catalog, Guide};
use guidesmith::render::{self, Fill, Theme};
use proptest::prelude::*;

const GUIDE: &str = r#"id: p
title: "Connect {{ company }} to {{ book.product }}"
summary: For {{ company }} on {{ environment.host }}.
product: salesforce
verified: {release: "Summer '26", date: "2026-11-30"}
inputs:
  - {id: environment, label: Org, type: my-domain}
  - {id: company, label: Company}
records:
  - {id: user, label: API username}
  - {id: secret, label: Secret, secret: true}
sections:
  - id: s
    title: Section for {{ company }}
    steps:
      - id: a
        title: Open **{{ company }}** in [[Setup]]
        records: [user, secret]
        text: |
          Go to [{{ company }}](https://{{ environment.host }}/x?c={{ company }} "{{ company }}") and `{{ company }}`.

          ```bash
          echo "{{ company }}" https://{{ environment.host }}
          ```

          | a | b |
          |---|---|
          | {{ company }} | *x* |
      - id: b
        title: Sandbox
        when: environment.sandbox
        text: "> {{ company }}"
"#;

const CATALOG: &str = include_str!("fixtures/_shared/content/labels/salesforce.yaml");

fn guide() -> Guide {
    parse_yaml(Path::new("g.yaml"), GUIDE).expect("the property guide loads")
}

fn values(company: &str, env: &str) -> Option<inputs::Values> {
    let raw = [("company", company), ("environment", env)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let book = [("product".to_string(), "Acme".to_string())].into();
    inputs::resolve(&guide(), &book, &raw).ok()
}

/// (tag name, attribute names) of every tag, read quote-aware.
fn tag_shapes(html: &str) -> BTreeSet<(String, Vec<String>)> {
    let mut out = BTreeSet::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let mut end = rest.len();
        let mut quote = None;
        for (k, c) in rest.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = k;
                    break;
                }
                _ => {}
            }
        }
        let tag = &rest[..end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
            .collect();
        out.insert((name, attribute_names(tag)));
        rest = &rest[end.min(rest.len())..];
    }
    out
}

fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut quote = None;
    let mut word = String::new();
    for c in tag.chars().skip_while(|c| !c.is_whitespace()) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '=') | (None, ' ') | (None, '\n') => {
                if !word.is_empty() {
                    names.push(std::mem::take(&mut word));
                }
            }
            (None, c) => word.push(c),
        }
    }
    names.retain(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    names.sort();
    names.dedup();
    names
}

fn outputs(v: &inputs::Values) -> Vec<String> {
    let g = guide();
    let theme = Theme::builtin();
    let fill = Fill::Values(v);
    vec![
        render::html_page(&g, &fill, &theme).unwrap(),
        render::checklist(&g, &fill, &theme, false).unwrap(),
    ]
}

/// Characters that matter to HTML, Markdown, URLs and templates.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "&",
        "\"",
        "'",
        "`",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "{{",
        "}}",
        "{%",
        "#",
        "|",
        "\\",
        "javascript:",
        "<img src=x onerror=alert(1)>",
        "</code>",
        "<script>",
        "&amp;",
        "x",
        " ",
        "é",
        "\u{2028}",
        "=",
        "/",
        "?",
    ]);
    prop::collection::vec(pieces, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn loading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_yaml::<Guide>(Path::new("g.yaml"), &text);
        let _ = parse_yaml::<Catalog>(Path::new("c.yaml"), &text);
    }

    #[test]
    fn a_mutated_guide_never_panics_and_diagnostics_stay_inside_the_file(
        at in 0usize..GUIDE.len(),
        cut in 0usize..40,
        insert in "[ -~\t\n\u{e9}\u{2019}]{0,12}",
    ) {
        let at = (0..=at).rev().find(|i| GUIDE.is_char_boundary(*i)).unwrap_or(0);
        let end = (at + cut).min(GUIDE.len());
        let end = (end..=GUIDE.len()).find(|i| GUIDE.is_char_boundary(*i)).unwrap_or(GUIDE.len());
        let source = format!("{}{}{}", &GUIDE[..at], insert, &GUIDE[end..]);
        let lines = source.lines().count().max(1) + 1;
        match parse_yaml::<Guide>(Path::new("g.yaml"), &source) {
            Err(d) => {
                prop_assert!(d.span.end <= source.len() && d.line <= lines, "{d:?}");
            }
            Ok(doc) => {
                let g = Loaded { path: "g.yaml".into(), source: source.clone(), doc };
                let c: Catalog = parse_yaml(Path::new("c.yaml"), CATALOG).unwrap();
                let c = Loaded { path: "c.yaml".into(), source: CATALOG.to_string(), doc: c };
                for d in guidesmith::lint::run(&[g], &[c], &Default::default()) {
                    let len = if d.file == Path::new("g.yaml") { source.len() } else { CATALOG.len() };
                    prop_assert!(d.span.start <= d.span.end && d.span.end <= len, "{d:?}");
                }
            }
        }
    }

    #[test]
    fn a_value_never_adds_a_tag_or_attribute(company in hostile_text()) {
        let Some(hostile) = values(&company, "acme--uat") else { return Ok(()) };
        let benign = values("Acme", "acme--uat").unwrap();
        for (bad, good) in outputs(&hostile).iter().zip(outputs(&benign)) {
            let extra: Vec<_> = tag_shapes(bad).difference(&tag_shapes(&good)).cloned().collect();
            prop_assert!(extra.is_empty(), "{company:?} added {extra:?}");
            if !company.contains("&amp;") {
                prop_assert!(!bad.contains("&amp;amp;"), "{company:?} escaped twice");
            }
            prop_assert!(!bad.to_lowercase().contains("href=\"javascript:"), "{company:?}");
        }
        let md = render::markdown(&guide(), &Fill::Values(&hostile));
        prop_assert!(!md.contains("](javascript:"), "{company:?}: {md}");
    }

    #[test]
    fn an_accepted_my_domain_is_a_well_formed_host(typed in "[ -~]{0,60}") {
        if let Ok(d) = normalise_my_domain(&typed) {
            let ok = d.host.ends_with(".my.salesforce.com")
                && d.host.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
            prop_assert!(ok, "{typed:?} -> {:?}", d.host);
            prop_assert!(d.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
    }
}

#[test]
fn the_tag_oracle_sees_an_injected_element_and_attribute() {
    let good = tag_shapes(r#"<p title="a > b">x</p>"#);
    let bad = tag_shapes(r#"<p title="a" onclick="y">x<img src=x></p>"#);
    let extra: Vec<_> = bad.difference(&good).collect();
    assert_eq!(extra.len(), 2, "{extra:?}");
}
