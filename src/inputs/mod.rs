//! Customer values: validation and normalisation of a guide's typed inputs.
//!
//! [`resolve`] turns raw text values (from `--set` and `--values`) into
//! [`Values`], or returns every problem at once. [`validate_value`] checks a
//! single value and is shared with the browser form. Values stay the exact
//! text typed; only my-domain, boolean, email and choice inputs are
//! normalised, and text is never read as a number or boolean.

pub mod browser;
mod mydomain;

use std::collections::BTreeMap;

pub use mydomain::{MAX_NAME_LEN, MAX_SANDBOX_LEN, MyDomain, normalise_my_domain};

use crate::model::{Guide, Input, InputKind};

/// Resolved values for one guide and one customer, looked up by reference
/// (`environment`, `environment.host`, `book.product`).
#[derive(Debug, Clone, Default)]
pub struct Values {
    map: BTreeMap<String, String>,
}

impl Values {
    /// The value text for a reference, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Insert a resolved value (used by `resolve` and by tests).
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.map.insert(key.into(), value.into());
    }

    /// All resolved references and values, sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// One problem with the supplied values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The input (or unknown name) concerned.
    pub name: String,
    pub message: String,
}

impl InputProblem {
    fn new(name: &str, message: String) -> Self {
        InputProblem {
            name: name.to_string(),
            message,
        }
    }
}

/// The facets an input of this kind offers as `{{ name.facet }}`.
pub fn facets(kind: InputKind) -> &'static [&'static str] {
    match kind {
        InputKind::MyDomain => &["host", "url", "sandbox", "sandbox_name", "lightning_host"],
        _ => &[],
    }
}

/// The facet values of a My Domain, in the order of [`facets`].
pub fn my_domain_facets(d: &MyDomain) -> [(&'static str, String); 5] {
    [
        ("host", d.host.clone()),
        ("url", d.url()),
        ("sandbox", d.is_sandbox().to_string()),
        ("sandbox_name", d.sandbox.clone().unwrap_or_default()),
        ("lightning_host", d.lightning_host.clone()),
    ]
}

/// Check one value for an input of `kind` and return its normalised text.
///
/// - text: kept exactly as typed; line breaks, control characters and
///   bidirectional overrides are refused.
/// - my-domain: the canonical name (`acme`, `acme--uat`), see [`normalise_my_domain`].
/// - boolean: `true`/`yes` -> `true`, `false`/`no` -> `false`, any case.
/// - email: trimmed, `local@domain.tld`.
/// - choice: one of `options` (a different case or surrounding spaces are
///   forgiven; the option's own spelling is returned).
///
/// The error is one line, without the input's name, saying what to type.
pub fn validate_value(kind: InputKind, options: &[String], value: &str) -> Result<String, String> {
    match kind {
        InputKind::Text => validate_text(value),
        InputKind::MyDomain => normalise_my_domain(value).map(|d| d.name),
        InputKind::Boolean => validate_boolean(value),
        InputKind::Email => validate_email(value),
        InputKind::Choice => validate_choice(options, value),
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn validate_text(value: &str) -> Result<String, String> {
    if value.chars().any(is_line_break) {
        return Err("the value contains a line break; type it on a single line".into());
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        let what = if c == '\t' { " (a tab)" } else { "" };
        return Err(format!(
            "the value contains the control character U+{:04X}{what}; type plain text without it",
            c as u32
        ));
    }
    if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
        return Err(format!(
            "the value contains the invisible text-direction character U+{:04X}, which can make a guide read differently from what it says; type plain text without it",
            c as u32
        ));
    }
    Ok(value.to_string())
}

fn validate_boolean(value: &str) -> Result<String, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" => Ok("true".into()),
        "false" | "no" => Ok("false".into()),
        _ => Err(format!(
            "`{}` is not a yes/no value; type true or false (yes and no also work)",
            value.trim().escape_default()
        )),
    }
}

fn validate_email(value: &str) -> Result<String, String> {
    let v = value.trim();
    let shown = v.escape_default();
    if v.contains(['<', '>']) {
        return Err(format!(
            "`{shown}` has angle brackets; type only the address, without a display name, e.g. admin@acme.com"
        ));
    }
    if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "`{shown}` contains a space or line break; type a single address, e.g. admin@acme.com"
        ));
    }
    let shape_ok = match v.split_once('@') {
        Some((local, domain)) => {
            let labels: Vec<&str> = domain.split('.').collect();
            !local.is_empty()
                && !local.contains([',', ';', '"', '(', ')', '[', ']', '\\'])
                && !domain.contains('@')
                && labels.len() >= 2
                && labels.iter().all(|l| {
                    !l.is_empty()
                        && !l.starts_with('-')
                        && !l.ends_with('-')
                        && l.chars().all(|c| c.is_alphanumeric() || c == '-')
                })
                && labels.last().is_some_and(|tld| {
                    tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit())
                })
        }
        None => false,
    };
    if shape_ok {
        Ok(v.to_string())
    } else {
        Err(format!(
            "`{shown}` is not an email address; type it as name@domain, e.g. admin@acme.com"
        ))
    }
}

fn validate_choice(options: &[String], value: &str) -> Result<String, String> {
    if options.is_empty() {
        return Err(
            "the guide lists no allowed values for this choice; the guide's author must add `options:`"
                .into(),
        );
    }
    let v = value.trim();
    if let Some(o) = options.iter().find(|o| o.as_str() == v) {
        return Ok(o.clone());
    }
    let folded: Vec<&String> = options
        .iter()
        .filter(|o| o.trim().to_lowercase() == v.to_lowercase())
        .collect();
    if let [o] = folded.as_slice() {
        return Ok((*o).clone());
    }
    let allowed = options.join(", ");
    let hint = match crate::suggest::closest(v, options.iter().map(String::as_str)) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    };
    Err(format!(
        "`{}` is not one of the allowed values: {allowed}{hint}",
        v.escape_default()
    ))
}

/// An example value for the "missing required value" message.
fn example(input: &Input) -> Option<String> {
    let ex = input
        .example
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
        .or_else(|| match input.kind {
            InputKind::MyDomain => Some("acme".into()),
            InputKind::Email => Some("admin@acme.com".into()),
            InputKind::Boolean => Some("true".into()),
            InputKind::Choice => input.options.first().cloned(),
            InputKind::Text => None,
        })?;
    Some(if ex.contains(char::is_whitespace) {
        format!("\"{ex}\"")
    } else {
        ex
    })
}

fn missing(input: &Input) -> String {
    let id = &input.id.value;
    let mut msg = format!(
        "missing required value for `{id}` ({}): pass --set {id}=VALUE",
        input.label
    );
    if input.kind == InputKind::Choice && !input.options.is_empty() {
        msg.push_str(&format!(" with one of: {}", input.options.join(", ")));
    } else if let Some(ex) = example(input) {
        msg.push_str(&format!(", e.g. {ex}"));
    }
    msg
}

/// Validate one input's value and store it (with facets) in `values`.
fn store(input: &Input, value: &str, values: &mut Values) -> Result<(), String> {
    let id = &input.id.value;
    if input.kind == InputKind::MyDomain {
        let d = normalise_my_domain(value)?;
        for (facet, v) in my_domain_facets(&d) {
            values.insert(format!("{id}.{facet}"), v);
        }
        values.insert(id.clone(), d.name);
    } else {
        values.insert(
            id.clone(),
            validate_value(input.kind, &input.options, value)?,
        );
    }
    Ok(())
}

/// The names a customer may give values for: the inputs, then the
/// non-secret records (which pre-fill the blank to write down).
pub fn value_names(guide: &Guide) -> Vec<&str> {
    let inputs = guide.inputs.iter().map(|i| i.id.value.as_str());
    let records = guide
        .records
        .iter()
        .filter(|r| !r.secret)
        .map(|r| r.id.value.as_str());
    inputs.chain(records).collect()
}

/// The message for a name that is neither an input nor a record.
fn unknown(guide: &Guide, name: &str) -> String {
    let known = value_names(guide);
    if let Some(s) = crate::suggest::closest(name, known.iter().copied()) {
        return format!("unknown input `{name}`; did you mean `{s}`?");
    }
    if known.is_empty() {
        return format!(
            "unknown input `{name}`; guide `{}` takes no values",
            guide.id.value
        );
    }
    let mut sorted = known;
    sorted.sort_unstable();
    format!(
        "unknown input `{name}`; the values this guide takes are: {}",
        sorted.join(", ")
    )
}

/// Validate raw values (from `--set` and `--values`) against the guide's inputs.
/// Book variables are available as `book.<name>`.
///
/// Every problem is collected (sorted by name, then message) before failing:
/// unknown names (with a did-you-mean), values for secret records, invalid
/// values and missing required values. Blank values count as missing;
/// inputs with a default get the default; optional inputs stay unset.
/// Non-secret records may be pre-filled and are stored under their id.
pub fn resolve(
    guide: &Guide,
    book_vars: &BTreeMap<String, String>,
    raw: &BTreeMap<String, String>,
) -> Result<Values, Vec<InputProblem>> {
    let mut values = Values::default();
    let mut problems = Vec::new();
    for (k, v) in book_vars {
        values.insert(format!("book.{k}"), v.clone());
    }

    for (name, value) in raw {
        if guide.input(name).is_some() {
            continue; // handled below, in declaration order
        }
        match guide.record(name) {
            Some(r) if r.secret => problems.push(InputProblem::new(
                name,
                format!(
                    "`{name}` is a secret record: guidesmith never writes secrets into a guide; leave it out and the reader fills it in by hand"
                ),
            )),
            Some(r) => {
                if value.trim().is_empty() {
                    continue;
                }
                match validate_text(value) {
                    Ok(v) => values.insert(name.clone(), v),
                    Err(e) => problems.push(InputProblem::new(
                        name,
                        format!("invalid value for record `{name}` ({}): {e}", r.label),
                    )),
                }
            }
            None => problems.push(InputProblem::new(name, unknown(guide, name))),
        }
    }

    for input in &guide.inputs {
        let id = &input.id.value;
        let given = raw.get(id).filter(|v| !v.trim().is_empty());
        let result = match (given, input.default.as_deref()) {
            (Some(v), _) => store(input, v, &mut values)
                .map_err(|e| format!("invalid value for `{id}` ({}): {e}", input.label)),
            (None, Some(d)) => store(input, d, &mut values).map_err(|e| {
                format!(
                    "the guide's default for `{id}` ({}) is invalid: {e}",
                    input.label
                )
            }),
            (None, None) if input.is_required() => Err(missing(input)),
            (None, None) => {
                // Declared optional: it renders empty, never as a raw token (C03).
                values.insert(id.clone(), "");
                for facet in facets(input.kind) {
                    values.insert(format!("{id}.{facet}"), "");
                }
                Ok(())
            }
        };
        if let Err(message) = result {
            problems.push(InputProblem::new(id, message));
        }
    }

    if problems.is_empty() {
        Ok(values)
    } else {
        problems.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.message.cmp(&b.message)));
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = r#"
id: connect
title: Connect
summary: Connect the app
product: salesforce
verified: { release: "Spring '26", date: "2026-01-15" }
inputs:
  - id: environment
    label: Salesforce environment name
    type: my-domain
    example: acme
  - id: company
    label: Company name
  - id: admin_email
    label: Admin email
    type: email
    required: false
  - id: sso
    label: Use single sign-on
    type: boolean
    default: "no"
  - id: plan
    label: Edition
    type: choice
    options: [enterprise, unlimited]
    required: false
  - id: note
    label: Note
    required: false
records:
  - id: consumer_secret
    label: Consumer secret
    secret: true
  - id: api_username
    label: API user name
sections: []
"#;

    fn guide() -> Guide {
        serde_saphyr::from_str(GUIDE).expect("test guide parses")
    }

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn ok(pairs: &[(&str, &str)]) -> Values {
        resolve(&guide(), &BTreeMap::new(), &raw(pairs)).unwrap_or_else(|p| panic!("{p:#?}"))
    }

    fn problems(pairs: &[(&str, &str)]) -> Vec<InputProblem> {
        resolve(&guide(), &BTreeMap::new(), &raw(pairs)).expect_err("expected problems")
    }

    const BASE: &[(&str, &str)] = &[("environment", "acme"), ("company", "Acme")];

    fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut v: Vec<_> = BASE.to_vec();
        v.extend_from_slice(extra);
        v
    }

    #[test]
    fn resolves_values_facets_defaults_and_book_vars() {
        let book = BTreeMap::from([("product".to_string(), "Connector".to_string())]);
        let v = resolve(
            &guide(),
            &book,
            &raw(&[
                (
                    "environment",
                    "https://Acme--UAT.sandbox.my.salesforce.com/lightning/page/home",
                ),
                ("company", "Acme Corp"),
                ("admin_email", "  admin@acme.com "),
                ("plan", "Enterprise"),
            ]),
        )
        .unwrap();
        assert_eq!(v.get("environment"), Some("acme--uat"));
        assert_eq!(
            v.get("environment.host"),
            Some("acme--uat.sandbox.my.salesforce.com")
        );
        assert_eq!(
            v.get("environment.url"),
            Some("https://acme--uat.sandbox.my.salesforce.com")
        );
        assert_eq!(v.get("environment.sandbox"), Some("true"));
        assert_eq!(
            v.get("environment.lightning_host"),
            Some("acme--uat.sandbox.lightning.force.com")
        );
        assert_eq!(v.get("company"), Some("Acme Corp"));
        assert_eq!(v.get("admin_email"), Some("admin@acme.com"));
        assert_eq!(v.get("plan"), Some("enterprise"));
        assert_eq!(v.get("sso"), Some("false"), "default `no` normalised");
        assert_eq!(
            v.get("note"),
            Some(""),
            "optional without value renders empty (C03), never as a token"
        );
        assert_eq!(v.get("book.product"), Some("Connector"));
        for facet in facets(InputKind::MyDomain) {
            assert!(v.get(&format!("environment.{facet}")).is_some(), "{facet}");
        }
    }

    #[test]
    fn production_sandbox_facet_is_false() {
        let v = ok(BASE);
        assert_eq!(v.get("environment.sandbox"), Some("false"));
        assert_eq!(
            v.get("environment.url"),
            Some("https://acme.my.salesforce.com")
        );
    }

    #[test]
    fn text_is_kept_exactly_as_typed() {
        for typed in [
            "0123",
            "1e5",
            "no",
            "true",
            "  Acme  ",
            "null",
            "~",
            "3.10",
            "Ünïcödé — ok",
        ] {
            let v = ok(&[("environment", "acme"), ("company", typed), ("note", typed)]);
            assert_eq!(v.get("company"), Some(typed));
            assert_eq!(v.get("note"), Some(typed));
        }
    }

    #[test]
    fn booleans_accept_yes_no_any_case() {
        for (typed, want) in [
            ("true", "true"),
            ("YES", "true"),
            (" No ", "false"),
            ("False", "false"),
        ] {
            assert_eq!(
                ok(&with(&[("sso", typed)])).get("sso"),
                Some(want),
                "{typed}"
            );
        }
        let p = problems(&with(&[("sso", "maybe")]));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "sso");
        assert_eq!(
            p[0].message,
            "invalid value for `sso` (Use single sign-on): `maybe` is not a yes/no value; type true or false (yes and no also work)"
        );
    }

    #[test]
    fn missing_required_values() {
        let p = problems(&[("company", "   ")]);
        assert_eq!(
            p,
            vec![
                InputProblem {
                    name: "company".into(),
                    message: "missing required value for `company` (Company name): pass --set company=VALUE".into(),
                },
                InputProblem {
                    name: "environment".into(),
                    message: "missing required value for `environment` (Salesforce environment name): pass --set environment=VALUE, e.g. acme".into(),
                },
            ]
        );
    }

    #[test]
    fn unknown_name_with_suggestion() {
        let p = problems(&with(&[("enviroment", "acme")]));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "enviroment");
        assert_eq!(
            p[0].message,
            "unknown input `enviroment`; did you mean `environment`?"
        );
    }

    #[test]
    fn unknown_name_lists_known_values() {
        let p = problems(&with(&[("zzz", "1")]));
        assert_eq!(
            p[0].message,
            "unknown input `zzz`; the values this guide takes are: admin_email, api_username, company, environment, note, plan, sso"
        );
        assert!(
            !p[0].message.contains("consumer_secret"),
            "secret records are not offered"
        );
    }

    #[test]
    fn secret_record_is_refused() {
        let p = problems(&with(&[("consumer_secret", "s3cr3t")]));
        assert_eq!(
            p,
            vec![InputProblem {
                name: "consumer_secret".into(),
                message: "`consumer_secret` is a secret record: guidesmith never writes secrets into a guide; leave it out and the reader fills it in by hand".into(),
            }]
        );
        let err = format!("{p:?}");
        assert!(!err.contains("s3cr3t"), "the secret is not echoed");
    }

    #[test]
    fn non_secret_record_is_prefilled() {
        let v = ok(&with(&[("api_username", "integration@acme.com")]));
        assert_eq!(v.get("api_username"), Some("integration@acme.com"));
        let v = ok(&with(&[("api_username", "")]));
        assert_eq!(v.get("api_username"), None);
        let p = problems(&with(&[("api_username", "a\nb")]));
        assert!(p[0].message.contains("line break"), "{}", p[0].message);
    }

    #[test]
    fn invalid_my_domain() {
        let p = problems(&[("environment", "login.salesforce.com"), ("company", "Acme")]);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].message.starts_with(
                "invalid value for `environment` (Salesforce environment name): `login.salesforce.com` is Salesforce's generic login page"
            ),
            "{}",
            p[0].message
        );
    }

    #[test]
    fn invalid_choice_says_what_is_allowed() {
        let p = problems(&with(&[("plan", "unlimitd")]));
        assert_eq!(
            p[0].message,
            "invalid value for `plan` (Edition): `unlimitd` is not one of the allowed values: enterprise, unlimited; did you mean `unlimited`?"
        );
    }

    #[test]
    fn invalid_email() {
        for bad in [
            "admin",
            "admin@acme",
            "Admin <admin@acme.com>",
            "a b@acme.com",
            "@acme.com",
            "a@@acme.com",
            "a@acme..com",
        ] {
            let p = problems(&with(&[("admin_email", bad)]));
            assert_eq!(p.len(), 1, "{bad}");
            assert!(p[0].message.contains("admin@acme.com"), "{}", p[0].message);
        }
    }

    #[test]
    fn text_refuses_line_breaks_and_control_characters() {
        let p = problems(&[("environment", "acme"), ("company", "Acme\nCorp")]);
        assert_eq!(
            p[0].message,
            "invalid value for `company` (Company name): the value contains a line break; type it on a single line"
        );
        let p = problems(&[("environment", "acme"), ("company", "Acme\tCorp")]);
        assert!(p[0].message.contains("U+0009 (a tab)"), "{}", p[0].message);
        let p = problems(&[("environment", "acme"), ("company", "Acme\u{202e}Corp")]);
        assert!(p[0].message.contains("text-direction"), "{}", p[0].message);
    }

    #[test]
    fn all_problems_collected_and_sorted() {
        let p = problems(&[
            ("zzz", "1"),
            ("sso", "maybe"),
            ("consumer_secret", "x"),
            ("enviroment", "acme"),
        ]);
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "company",
                "consumer_secret",
                "enviroment",
                "environment",
                "sso",
                "zzz"
            ]
        );
    }

    #[test]
    fn invalid_default_is_reported() {
        let mut g = guide();
        g.inputs
            .iter_mut()
            .find(|i| i.id.value == "sso")
            .unwrap()
            .default = Some("perhaps".into());
        let p = resolve(&g, &BTreeMap::new(), &raw(BASE)).unwrap_err();
        assert!(
            p[0].message.starts_with("the guide's default for `sso`"),
            "{}",
            p[0].message
        );
    }

    #[test]
    fn validate_value_directly() {
        let opts = vec!["a".to_string(), "B".to_string()];
        assert_eq!(
            validate_value(InputKind::Text, &[], " 007 ").unwrap(),
            " 007 "
        );
        assert_eq!(
            validate_value(InputKind::MyDomain, &[], "Acme--UAT").unwrap(),
            "acme--uat"
        );
        assert_eq!(
            validate_value(InputKind::Boolean, &[], "Yes").unwrap(),
            "true"
        );
        assert_eq!(
            validate_value(InputKind::Email, &[], " j.doe+x@sub.acme.co.uk ").unwrap(),
            "j.doe+x@sub.acme.co.uk"
        );
        assert_eq!(validate_value(InputKind::Choice, &opts, "b").unwrap(), "B");
        assert!(
            validate_value(InputKind::Choice, &opts, "c")
                .unwrap_err()
                .contains("a, B")
        );
        assert!(
            validate_value(InputKind::Choice, &[], "c")
                .unwrap_err()
                .contains("options")
        );
    }
}
