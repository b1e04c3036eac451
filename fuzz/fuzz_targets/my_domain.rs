//! The My Domain normaliser: no panic, one-line messages, and an accepted
//! value is always a well-formed Salesforce host.
#![no_main]

use guidesmith::inputs::normalise_my_domain;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(typed) = std::str::from_utf8(data) else { return };
    match normalise_my_domain(typed) {
        Ok(d) => {
            assert!(d.host.ends_with(".my.salesforce.com"), "{typed:?} -> {}", d.host);
            assert!(
                d.host.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
                "{typed:?} -> {}",
                d.host
            );
        }
        Err(e) => assert!(!e.contains('\n'), "{typed:?}: multi-line message {e:?}"),
    }
});
