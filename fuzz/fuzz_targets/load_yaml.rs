//! The YAML loader and the linter on arbitrary text: no panic, and every
//! diagnostic span lies inside its file.
#![no_main]

use std::path::Path;

use guidesmith::load::{Loaded, parse_yaml};
use guidesmith::model::{Catalog, Guide};
use libfuzzer_sys::fuzz_target;

const CATALOG: &str = include_str!("../../tests/testsuite/fixtures/_shared/content/labels/salesforce.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match parse_yaml::<Guide>(Path::new("g.yaml"), source) {
        Err(d) => assert!(d.span.end <= source.len(), "{d:?}"),
        Ok(doc) => {
            let guide = Loaded { path: "g.yaml".into(), source: source.to_string(), doc };
            let c: Catalog = parse_yaml(Path::new("c.yaml"), CATALOG).expect("catalog");
            let catalog = Loaded { path: "c.yaml".into(), source: CATALOG.to_string(), doc: c };
            for d in guidesmith::lint::run(&[guide], &[catalog], &Default::default()) {
                let len = if d.file == Path::new("g.yaml") { source.len() } else { CATALOG.len() };
                assert!(d.span.start <= d.span.end && d.span.end <= len, "{d:?}");
            }
        }
    }
    let _ = parse_yaml::<Catalog>(Path::new("c.yaml"), source);
});
