//! The validation rules as data, for the guide page's form.
//!
//! The browser validates and normalises what a reader types with the same
//! rules as `--set` on the command line. Rather than a second copy of the
//! constants in JavaScript, the site ships this table (generated from the
//! constants in this module's siblings) and `guidesmith.js` interprets it.
//! `tests/testsuite/browser_rules.rs` runs one table of typed values through
//! [`super::validate_value`] and through the JavaScript and requires the
//! same result, message included.

use serde_json::{Value, json};

use super::mydomain::{
    DEV_ED, FAMILIES, GENERIC_LOGIN_HOSTS, HINT, MAX_NAME_LEN, MAX_SANDBOX_LEN, OTHER_CLOUDS,
    PARTITIONS, SALESFORCE_DOMAINS,
};
use crate::model::InputKind;

/// Every input kind by its name in guide files, in declaration order.
pub const KINDS: &[(&str, InputKind)] = &[
    ("text", InputKind::Text),
    ("my-domain", InputKind::MyDomain),
    ("email", InputKind::Email),
    ("boolean", InputKind::Boolean),
    ("choice", InputKind::Choice),
];

/// The name of a kind as written in guide files (`my-domain`).
pub fn kind_name(kind: InputKind) -> &'static str {
    KINDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map(|(n, _)| *n)
        .unwrap_or("text")
}

/// The rules the browser needs, as one JSON object.
pub fn rules() -> Value {
    json!({
        "version": 1,
        "kinds": KINDS.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "facets": {
            "my-domain": super::facets(InputKind::MyDomain),
        },
        "suggestThreshold": 0.8,
        "myDomain": {
            "hint": HINT,
            "maxNameLen": MAX_NAME_LEN,
            "maxSandboxLen": MAX_SANDBOX_LEN,
            "devEd": DEV_ED,
            "partitions": PARTITIONS,
            "families": FAMILIES
                .iter()
                .map(|(suffix, vf)| json!({"suffix": suffix, "visualforce": vf}))
                .collect::<Vec<_>>(),
            "genericLoginHosts": GENERIC_LOGIN_HOSTS,
            "otherClouds": OTHER_CLOUDS
                .iter()
                .map(|(suffix, name)| json!({"suffix": suffix, "name": name}))
                .collect::<Vec<_>>(),
            "salesforceDomains": SALESFORCE_DOMAINS,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_carry_the_constants_of_the_validator() {
        let r = rules();
        assert_eq!(r["myDomain"]["maxNameLen"], MAX_NAME_LEN);
        assert_eq!(r["myDomain"]["partitions"][0], "sandbox");
        assert_eq!(r["facets"]["my-domain"][0], "host");
        assert_eq!(r["kinds"].as_array().unwrap().len(), KINDS.len());
    }

    #[test]
    fn kind_names_match_the_guide_format() {
        for (name, kind) in KINDS {
            let parsed: InputKind = serde_saphyr::from_str(name).unwrap();
            assert_eq!(parsed, *kind);
            assert_eq!(kind_name(*kind), *name);
        }
    }
}
